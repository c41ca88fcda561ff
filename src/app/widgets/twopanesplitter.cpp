#include "app/widgets/twopanesplitter.h"

#include <QSplitter>

namespace hookscope {

QSplitter *twoPaneSplitter(Qt::Orientation orientation, QWidget *first, int firstShare, QWidget *second,
                           int secondShare, QWidget *parent)
{
    auto *splitter = new QSplitter(orientation, parent);
    splitter->addWidget(first);
    splitter->addWidget(second);
    splitter->setStretchFactor(0, firstShare);
    splitter->setStretchFactor(1, secondShare);
    return splitter;
}

} // namespace hookscope
