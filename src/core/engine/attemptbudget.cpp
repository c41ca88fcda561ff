#include "core/engine/attemptbudget.h"

#include "core/base/lockedread.h"
#include "core/engine/attemptlog.h"

#include <QMutexLocker>

namespace hookscope {

namespace {

// malloc's chunk header and alignment plus Qt's array header (QArrayData), per allocation.
constexpr qint64 kAllocationOverhead = 16 + sizeof(QArrayData);

qint64 bytesOf(const QByteArray &bytes)
{
    if (bytes.isNull())
        return 0;
    return qMax(bytes.capacity(), bytes.size()) + 1 + kAllocationOverhead;
}

qint64 bytesOf(const QString &text)
{
    if (text.isNull())
        return 0;
    return (qMax(text.capacity(), text.size()) + 1) * qint64(sizeof(QChar)) + kAllocationOverhead;
}

qint64 bytesOf(const HeaderList &headers)
{
    if (headers.isEmpty() && headers.capacity() == 0)
        return 0;
    qint64 total = headers.capacity() * qint64(sizeof(HeaderList::value_type)) + kAllocationOverhead;
    for (const auto &header : headers)
        total += bytesOf(header.first) + bytesOf(header.second);
    return total;
}

qint64 bytesOf(const QVector<QByteArray> &ids)
{
    if (ids.isEmpty() && ids.capacity() == 0)
        return 0;
    qint64 total = ids.capacity() * qint64(sizeof(QByteArray)) + kAllocationOverhead;
    for (const QByteArray &id : ids)
        total += bytesOf(id);
    return total;
}

// Moves `log` in one of the budget's queues from *key to `candidate` (0: out of the queue) and
// keeps the new key: the body and the record queue are kept the same way.
template<typename Queue>
void rekey(Queue &queue, AttemptLog *log, qint64 *key, qint64 candidate)
{
    if (candidate == *key)
        return;
    if (*key)
        queue.erase({*key, log});
    if (candidate)
        queue.insert({candidate, log});
    *key = candidate;
}

} // namespace

AttemptBudget::AttemptBudget(qint64 limitBytes)
    : m_limit(qMax<qint64>(1, limitBytes))
{
}

void AttemptBudget::setLimit(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    m_limit = qMax<qint64>(1, bytes);
    enforce();
}

qint64 AttemptBudget::limit() const
{
    return lockedRead(m_mutex, m_limit);
}

qint64 AttemptBudget::used() const
{
    return lockedRead(m_mutex, m_used);
}

qint64 AttemptBudget::bodiesDropped() const
{
    return lockedRead(m_mutex, m_bodiesDropped);
}

qint64 AttemptBudget::recordsDropped() const
{
    return lockedRead(m_mutex, m_recordsDropped);
}

qint64 AttemptBudget::recordBytes(const AttemptRecord &r)
{
    // The record itself sits in the log's deque: a slot (record, stamp, size) of its own, as the
    // slot is too large to share a deque block, plus the deque's pointer to it.
    qint64 total = qint64(sizeof(AttemptLog::Slot)) + kAllocationOverhead + qint64(sizeof(void *));
    total += bytesOf(r.eventIds) + bytesOf(r.url) + bytesOf(r.requestHeaders) + bytesOf(r.requestBody);
    total += bytesOf(r.reason) + bytesOf(r.responseHeaders) + bytesOf(r.responseBody);
    total += bytesOf(r.errorText) + bytesOf(r.note);
    return total;
}

void AttemptBudget::admit(AttemptLog &log, AttemptRecord &&record)
{
    QMutexLocker lock(&m_mutex);
    {
        QMutexLocker logLock(&log.m_mutex);
        m_used += log.pushLocked(std::move(record), ++m_stamp);
    }
    reindex(log);
    enforce();
}

void AttemptBudget::amend(AttemptLog &log, qint64 sequence, QByteArray &&body, const QString &note)
{
    QMutexLocker lock(&m_mutex);
    {
        QMutexLocker logLock(&log.m_mutex);
        m_used += log.amendLocked(sequence, std::move(body), note);
    }
    reindex(log);
    enforce();
}

void AttemptBudget::adopt(AttemptLog &log)
{
    QMutexLocker lock(&m_mutex);
    {
        // What it held before it joined is older than anything appended from now on.
        QMutexLocker logLock(&log.m_mutex);
        for (AttemptLog::Slot &slot : log.m_records)
            slot.stamp = ++m_stamp;
        m_used += log.m_bytes;
    }
    reindex(log);
    enforce();
}

void AttemptBudget::release(AttemptLog &log)
{
    QMutexLocker lock(&m_mutex);
    unindex(log);
    m_used -= log.m_bytes;
}

void AttemptBudget::clear(AttemptLog &log)
{
    QMutexLocker lock(&m_mutex);
    {
        QMutexLocker logLock(&log.m_mutex);
        m_used += log.clearLocked();
    }
    reindex(log);
}

void AttemptBudget::unindex(AttemptLog &log)
{
    rekey(m_bodyQueue, &log, &log.m_bodyKey, 0);
    rekey(m_recordQueue, &log, &log.m_recordKey, 0);
}

void AttemptBudget::reindex(AttemptLog &log)
{
    // Only the budget changes a log that has one, and it holds m_mutex: reading without the
    // log's lock is safe here (readers only read).
    rekey(m_bodyQueue, &log, &log.m_bodyKey, log.bodyCandidate());
    rekey(m_recordQueue, &log, &log.m_recordKey, log.recordCandidate());
}

void AttemptBudget::enforce()
{
    while (m_used > m_limit) {
        // Bodies before records: a stripped record still says what happened, and is a fraction
        // of the size.
        const bool strip = !m_bodyQueue.empty();
        const Queue &queue = strip ? m_bodyQueue : m_recordQueue;
        if (queue.empty())
            return;   // only each log's newest is left, and those stay whatever they cost
        AttemptLog &victim = *queue.begin()->second;
        {
            QMutexLocker logLock(&victim.m_mutex);
            m_used += strip ? victim.stripOldestBodiesLocked() : victim.popOldestLocked();
        }
        ++(strip ? m_bodiesDropped : m_recordsDropped);
        reindex(victim);
    }
}

} // namespace hookscope
