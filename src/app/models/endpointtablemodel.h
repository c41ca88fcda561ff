#pragma once

#include "core/engine/endpointsnapshot.h"
#include "core/engine/stuckdetector.h"

#include <QAbstractTableModel>
#include <QVector>

namespace hookscope {

// One row per endpoint, fed with engine snapshots. Updates emit one ranged dataChanged over the
// rows that changed; rows are inserted/removed only when endpoints come and go. Sorting proxies use
// RawRole, which returns numbers, not display strings.
class EndpointTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        State,
        Name,
        Url,
        Pending,
        Events,
        Successes,
        Failures,
        Errors,
        LastStatus,
        LastError,
        OldestPending,
        NextAttempt,
        DeliveredPerSecond,
        ColumnCount
    };
    enum Role { RawRole = Qt::UserRole + 1, StuckRole, NameRole };

    explicit EndpointTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setSnapshot(const QVector<EndpointSnapshot> &endpoints);
    // Countdowns and ages move with the clock even when no snapshot arrives.
    void refreshClockColumns();

    const EndpointSnapshot *endpointAt(int row) const;
    int rowOf(const QString &name) const;
    bool isStuck(int row) const;
    QString stuckReason(int row) const;
    // Where an operator looks first: a stuck endpoint, else one backing off, else one with events
    // pending, else the first row; -1 when there are no rows. Ties go to the earlier row.
    int mostTroubledRow() const;

    // What the status bar sums over every row.
    struct Totals
    {
        qint64 pending = 0;
        qint64 delivered = 0;
        double deliveredPerSecond = 0;
        int stuck = 0;
    };
    Totals totals() const;

    StuckDetector &stuckDetector() { return m_stuck; }
    void setNow(const QDateTime &now) { m_fixedNow = now; }   // tests pin the clock

Q_SIGNALS:
    void becameStuck(const QString &name, const QString &reason);

private:
    QDateTime now() const;
    qint64 pendingAgeMs(const EndpointSnapshot &e) const;
    QVariant display(const EndpointSnapshot &e, int column) const;
    QVariant raw(const EndpointSnapshot &e, int column) const;
    // "misconfigured: REASON" for an endpoint whose URL cannot be delivered to.
    static QString misconfiguredText(const EndpointSnapshot &e);
    void checkStuck();

    QVector<EndpointSnapshot> m_rows;
    QVector<bool> m_wasStuck;
    StuckDetector m_stuck;
    QDateTime m_fixedNow;
};

QString statusText(int status);   // "200 OK", "-" when none

} // namespace hookscope
