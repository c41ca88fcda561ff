#pragma once

#include <Qt>

class QSplitter;
class QWidget;

namespace hookscope {

// The panels split their room between two panes (a list and its detail, the endpoints and the
// tabs) in a fixed ratio that the operator can then drag. `firstShare`:`secondShare` is how spare
// room is shared out (QSplitter stretch factors).
QSplitter *twoPaneSplitter(Qt::Orientation orientation, QWidget *first, int firstShare, QWidget *second,
                           int secondShare, QWidget *parent);

} // namespace hookscope
