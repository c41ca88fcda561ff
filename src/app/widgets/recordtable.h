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

// For short tables read at a glance (test endpoints, their last requests): every column as wide as
// its content, `stretchColumn` taking the spare width, no wrapping.
void fitColumnsToContents(QTableView *view, int stretchColumn);

} // namespace hookscope
