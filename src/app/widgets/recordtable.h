#pragma once

#include <QAbstractItemView>

class QAbstractItemModel;
class QTableView;

namespace hookscope {

// Every table in the window lists records (endpoints, events, attempts, statuses, requests), one
// a row: a click selects the whole row and there is no row-number header. Written once so the
// tables cannot drift apart. `mode` defaults to QTableView's own default.
void setUpRecordTable(QTableView *view, QAbstractItemModel *model,
                      QAbstractItemView::SelectionMode mode = QAbstractItemView::ExtendedSelection);

// For tables that can hold thousands of rows (attempts, dead letters): rows of one height and no
// wrapping, so the view never measures a row's text, and the last column takes the spare width.
void useUniformRows(QTableView *view);

} // namespace hookscope
