#pragma once

#include "core/base/attemptrecord.h"

#include <QMutex>

#include <deque>
#include <memory>

namespace hookscope {

class AttemptBudget;

// The most recent delivery attempts of one endpoint, oldest first, bounded so a receiver that fails
// for a week costs a fixed amount of memory: at most `capacity` records, and, with a budget shared
// by every endpoint's log, at most the budget's bytes across all of them (see AttemptBudget).
// Appended on the engine thread, read from any thread.
class AttemptLog
{
public:
    explicit AttemptLog(int capacity = 1000) : m_capacity(qMax(1, capacity)) { }
    ~AttemptLog();
    AttemptLog(const AttemptLog &) = delete;
    AttemptLog &operator=(const AttemptLog &) = delete;

    // Joins `budget` (null: none, only the record cap bounds this log). From the appending thread.
    void setBudget(std::shared_ptr<AttemptBudget> budget);

    void append(AttemptRecord record);
    // The response body of attempt `sequence` came in after its record (the result stands at the
    // headers): replaces the record's body and adds `note`. A record already gone, or whose bodies
    // the budget dropped, keeps what it has (the note is still added to one still kept).
    void amendResponseBody(qint64 sequence, QByteArray body, const QString &note);
    QVector<AttemptRecord> recent(int maxCount = -1) const;   // oldest first
    qint64 totalAppended() const;
    int capacity() const { return m_capacity; }
    qint64 bytes() const;   // what the kept records cost, as AttemptBudget::recordBytes() counts
    void clear();

private:
    friend class AttemptBudget;

    struct Slot
    {
        AttemptRecord record;
        qint64 stamp = 0;   // the budget's append order
        qint64 bytes = 0;
    };

    // With m_mutex held (and the budget's, when there is one). Each returns the change in bytes.
    qint64 pushLocked(AttemptRecord &&record, qint64 stamp);
    qint64 amendLocked(qint64 sequence, QByteArray &&body, const QString &note);
    qint64 popOldestLocked();
    qint64 stripOldestBodiesLocked();
    qint64 clearLocked();
    void skipBodilessLocked();
    // The stamps the budget queues this log by; 0: nothing to offer (the newest is never offered).
    qint64 bodyCandidate() const;
    qint64 recordCandidate() const;

    mutable QMutex m_mutex;
    std::deque<Slot> m_records;
    int m_capacity;
    qint64 m_total = 0;
    qint64 m_bytes = 0;
    // Bodies go oldest first, so the records without them are always a prefix: this many.
    qsizetype m_stripped = 0;
    std::shared_ptr<AttemptBudget> m_budget;
    // The stamps under which the budget queues this log; guarded by the budget's mutex.
    qint64 m_bodyKey = 0;
    qint64 m_recordKey = 0;
};

} // namespace hookscope
