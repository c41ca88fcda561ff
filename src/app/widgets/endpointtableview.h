#pragma once

#include <QTableView>

class QSortFilterProxyModel;

namespace hookscope {

class EndpointTableModel;

// The window's endpoint table: sortable (by raw numbers, configuration order until the operator
// sorts), filtered by name, one row selected, counters narrow and URL / last error given the room.
// Rows are named by endpoint, never by row number, since sorting and filtering move them.
class EndpointTableView final : public QTableView
{
    Q_OBJECT
public:
    explicit EndpointTableView(EndpointTableModel *model, QWidget *parent = nullptr);

    QString selectedEndpoint() const;   // empty when nothing is selected
    void selectEndpoint(const QString &name);   // an unknown (or filtered out) name changes nothing
    void setNameFilter(const QString &text);
    QSortFilterProxyModel *proxy() const { return m_proxy; }

private:
    void setColumnWidths();

    EndpointTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
};

} // namespace hookscope
