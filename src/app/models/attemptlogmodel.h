#pragma once

#include "core/engine/attemptlog.h"

#include <QAbstractTableModel>

#include <deque>
#include <memory>

namespace hookscope {

// The attempt log of one endpoint as a timeline, newest first. refresh() turns what the engine
// appended since the last call into one insertion at the top (and trims the oldest rows at the
// bottom to the log's capacity), so a view keeps its selection and never sees a reset per tick.
class AttemptLogModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Duration, Outcome, Status, Events, BodyBytes, ColumnCount };
    enum Role { RawRole = Qt::UserRole + 1, OutcomeRole };

    explicit AttemptLogModel(QObject *parent = nullptr);

    void setStore(std::shared_ptr<const AttemptLog> store);   // resets
    const std::shared_ptr<const AttemptLog> &store() const { return m_store; }
    void refresh();   // cheap when nothing was appended
    void clear();     // no store, no rows

    const AttemptRecord *recordAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void insertNewest(const QVector<AttemptRecord> &oldestFirst, qsizetype from);
    void trimToCapacity();

    std::shared_ptr<const AttemptLog> m_store;
    std::deque<AttemptRecord> m_rows;   // newest first
    qint64 m_seenTotal = 0;
};

// "503 Service Unavailable" for an answer, the error class ("refused", "timeout", ...) otherwise.
QString attemptStatusText(const AttemptRecord &record);
// Whether two records describe the same attempt (records have no id of their own).
bool isSameAttempt(const AttemptRecord &a, const AttemptRecord &b);

} // namespace hookscope
