#pragma once

#include "testing/testendpointstats.h"

#include <QAbstractTableModel>
#include <QList>

namespace hookscope {

// The last requests one test endpoint saw (TestEndpointStats::recent), newest first: when, what
// it did with it (answered with a status, reset, closed, hung, garbage), how many events and the
// first event's id, and the connection, so re-sent requests on a new connection show.
class TestEndpointRequestsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Outcome, Events, FirstEventId, Connection, ColumnCount };

    explicit TestEndpointRequestsModel(QObject *parent = nullptr);

    // `recent` oldest first, as the stats keep it. Returns false when it is the same list.
    bool setRequests(const QList<TestEndpointRequestSummary> &recent);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "200 OK", "reset", "closed", "hang", "garbage".
    static QString outcomeText(const TestEndpointRequestSummary &request);

private:
    QList<TestEndpointRequestSummary> m_rows;   // newest first
};

} // namespace hookscope
