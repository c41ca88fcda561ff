#include "app/widgets/recordtable.h"

#include <QHeaderView>
#include <QTableView>

namespace hookscope {

void setUpRecordTable(QTableView *view, QAbstractItemModel *model, QAbstractItemView::SelectionMode mode)
{
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(mode);
    view->verticalHeader()->hide();
}

void useUniformRows(QTableView *view)
{
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setWordWrap(false);
}

void fitColumnsToContents(QTableView *view, int stretchColumn)
{
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    view->setWordWrap(false);
}

} // namespace hookscope
