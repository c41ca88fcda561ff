#pragma once

#include "testing/testendpointstats.h"

#include <QAbstractTableModel>
#include <QList>

namespace hookscope {

// The built-in test endpoints, a row each, with their behaviour and what their receiver checks
// counted. Fed value snapshots (TestEndpointServer::snapshot()); rows keep their order, counts
// change in place (dataChanged only for rows that changed), so the view keeps its selection.
class TestEndpointsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Name,
        Mode,
        State,
        Url,
        Requests,
        Accepted,
        Rejected,
        NoAnswer,       // resets + closes + hangs + garbage: what the sender saw as Errors
        Envelopes,
        Events,
        UniqueIds,
        Duplicates,
        OutOfOrder,
        Lost,
        ColumnCount
    };
    enum Role { RawRole = Qt::UserRole + 1, AlarmRole };

    explicit TestEndpointsModel(QObject *parent = nullptr);

    // Returns false (and emits nothing) when nothing changed.
    bool setStats(const QList<TestEndpointStats> &stats);
    const QList<TestEndpointStats> &stats() const { return m_stats; }
    const TestEndpointStats *statsAt(int row) const;
    int rowOf(const QString &name) const;

    // "status 503", "failrate 30%", "slow-body 4096 B / 2000 ms", ...: the mode with what matters.
    static QString describeBehaviour(const TestEndpointBehaviour &behaviour);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static QVariant rawValue(const TestEndpointStats &s, int column);
    static bool sameRow(const TestEndpointStats &a, const TestEndpointStats &b);

    QList<TestEndpointStats> m_stats;
};

} // namespace hookscope
