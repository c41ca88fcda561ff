#pragma once

#include "core/base/attemptrecord.h"

#include <QMutex>

#include <set>
#include <utility>

namespace hookscope {

class AttemptLog;

// The bytes that every endpoint's attempt log may keep, together (hookscope.attemptlog.budget).
// Each log still has its own record cap; this bounds the sum, so 1,000 endpoints cost what one
// busy one would rather than 1,000 times it. Over the limit, the oldest records across all logs
// lose their request and response bodies first (their metadata stays, with bodiesDropped set);
// if that is not enough, the oldest whole records go. A log's newest record is never touched: the
// latest attempt of every endpoint's head event stays in full whatever the others do.
//
// Thread-safe. Lock order: the budget's mutex, then a log's. Every change to a log that has a
// budget goes through the budget (so the budget may read that log's state without its lock);
// readers of a log take only the log's lock, so the GUI never waits for the budget.
class AttemptBudget
{
public:
    static constexpr qint64 DefaultBytes = 32 * 1024 * 1024;

    explicit AttemptBudget(qint64 limitBytes = DefaultBytes);
    AttemptBudget(const AttemptBudget &) = delete;
    AttemptBudget &operator=(const AttemptBudget &) = delete;

    void setLimit(qint64 bytes);   // at least 1; takes effect at once
    qint64 limit() const;
    qint64 used() const;           // bytes the logs keep now, as recordBytes() counts them
    qint64 bodiesDropped() const;  // records stripped of their bodies so far
    qint64 recordsDropped() const; // whole records dropped for the budget so far

    // What keeping `record` costs: its bodies, header lists, strings and event ids as allocated,
    // plus a fixed overhead for the record itself and the allocator's bookkeeping. An estimate
    // that errs high: implicitly shared data (an id the queue also holds) is counted in full.
    static qint64 recordBytes(const AttemptRecord &record);

private:
    friend class AttemptLog;

    // Called by AttemptLog (with no lock of the log's held).
    void admit(AttemptLog &log, AttemptRecord &&record);
    void amend(AttemptLog &log, qint64 sequence, QByteArray &&body, const QString &note);
    void adopt(AttemptLog &log);     // the log joins with what it already holds
    void release(AttemptLog &log);   // the log leaves (destroyed or given another budget)
    void clear(AttemptLog &log);

    // With m_mutex held.
    void reindex(AttemptLog &log);   // refreshes the log's places in the two queues
    void unindex(AttemptLog &log);
    void enforce();

    using Queue = std::set<std::pair<qint64, AttemptLog *>>;   // (stamp of its candidate, log)

    mutable QMutex m_mutex;
    qint64 m_limit;
    qint64 m_used = 0;
    qint64 m_stamp = 0;   // append order across every log: smaller is older
    qint64 m_bodiesDropped = 0;
    qint64 m_recordsDropped = 0;
    Queue m_bodyQueue;    // each log's oldest record that still has bodies (its newest excepted)
    Queue m_recordQueue;  // each log's oldest record (when it has more than one)
};

} // namespace hookscope
