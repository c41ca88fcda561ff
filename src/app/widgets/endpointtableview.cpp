#include "app/widgets/endpointtableview.h"

#include "app/models/endpointtablemodel.h"
#include "app/widgets/recordtable.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace hookscope {

EndpointTableView::EndpointTableView(EndpointTableModel *model, QWidget *parent)
    : QTableView(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(EndpointTableModel::RawRole);
    m_proxy->setFilterKeyColumn(EndpointTableModel::Name);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    setObjectName(QStringLiteral("endpointView"));
    setUpRecordTable(this, m_proxy, QAbstractItemView::SingleSelection);
    setSortingEnabled(true);
    sortByColumn(-1, Qt::AscendingOrder);   // configuration order until the operator sorts
    setAlternatingRowColors(true);
    horizontalHeader()->setStretchLastSection(true);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setWordWrap(false);
    setTextElideMode(Qt::ElideMiddle);
    setColumnWidths();
}

// Counters are narrow; URL and last error get the room (full text in tooltips).
void EndpointTableView::setColumnWidths()
{
    const int digits = fontMetrics().horizontalAdvance(QStringLiteral("00000000"));
    for (int column = EndpointTableModel::Pending; column <= EndpointTableModel::Errors; ++column)
        setColumnWidth(column, digits);
    setColumnWidth(EndpointTableModel::State, fontMetrics().horizontalAdvance(QStringLiteral("unreachable")) + 16);
    const struct
    {
        int column;
        int eighths;   // of a counter's width
    } wide[] = {{EndpointTableModel::Name, 12},      {EndpointTableModel::Url, 24},
                {EndpointTableModel::LastStatus, 16}, {EndpointTableModel::LastError, 32},
                {EndpointTableModel::OldestPending, 12}, {EndpointTableModel::NextAttempt, 12}};
    for (const auto &w : wide)
        setColumnWidth(w.column, digits * w.eighths / 8);
}

QString EndpointTableView::selectedEndpoint() const
{
    const QModelIndex current = currentIndex();
    return current.isValid() ? current.data(EndpointTableModel::NameRole).toString() : QString();
}

void EndpointTableView::selectEndpoint(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, EndpointTableModel::State));
    if (!index.isValid())
        return;
    setCurrentIndex(index);
    scrollTo(index);   // column 0: never scrolls the state column out of sight
}

void EndpointTableView::setNameFilter(const QString &text)
{
    m_proxy->setFilterFixedString(text);
}

} // namespace hookscope
