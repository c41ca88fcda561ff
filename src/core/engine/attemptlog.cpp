#include "core/engine/attemptlog.h"

#include "core/engine/attemptbudget.h"

#include <QMutexLocker>

namespace hookscope {

namespace {

bool hasBodies(const AttemptRecord &record)
{
    return !record.requestBody.isEmpty() || !record.responseBody.isEmpty();
}

} // namespace

AttemptLog::~AttemptLog()
{
    if (m_budget)
        m_budget->release(*this);
}

void AttemptLog::setBudget(std::shared_ptr<AttemptBudget> budget)
{
    if (budget == m_budget)
        return;
    if (m_budget)
        m_budget->release(*this);
    m_budget = std::move(budget);
    if (m_budget)
        m_budget->adopt(*this);
}

void AttemptLog::append(AttemptRecord record)
{
    if (m_budget) {
        m_budget->admit(*this, std::move(record));
        return;
    }
    QMutexLocker lock(&m_mutex);
    pushLocked(std::move(record), 0);
}

QVector<AttemptRecord> AttemptLog::recent(int maxCount) const
{
    QMutexLocker lock(&m_mutex);
    const int size = int(m_records.size());
    const int count = maxCount < 0 ? size : qMin(size, maxCount);
    QVector<AttemptRecord> out;
    out.reserve(count);
    for (auto it = m_records.end() - count; it != m_records.end(); ++it)
        out.append(it->record);
    return out;
}

qint64 AttemptLog::totalAppended() const
{
    QMutexLocker lock(&m_mutex);
    return m_total;
}

qint64 AttemptLog::bytes() const
{
    QMutexLocker lock(&m_mutex);
    return m_bytes;
}

void AttemptLog::clear()
{
    if (m_budget) {
        m_budget->clear(*this);
        return;
    }
    QMutexLocker lock(&m_mutex);
    clearLocked();
}

qint64 AttemptLog::pushLocked(AttemptRecord &&record, qint64 stamp)
{
    const qint64 bytes = AttemptBudget::recordBytes(record);
    m_records.push_back({std::move(record), stamp, bytes});
    m_bytes += bytes;
    ++m_total;
    qint64 delta = bytes;
    while (int(m_records.size()) > m_capacity)
        delta += popOldestLocked();
    // The record that was the newest until now may be the next whose bodies can go.
    skipBodilessLocked();
    return delta;
}

qint64 AttemptLog::popOldestLocked()
{
    const qint64 freed = m_records.front().bytes;
    m_records.pop_front();
    m_bytes -= freed;
    if (m_stripped > 0)
        --m_stripped;
    skipBodilessLocked();
    return -freed;
}

qint64 AttemptLog::stripOldestBodiesLocked()
{
    Slot &slot = m_records[size_t(m_stripped)];
    slot.record.requestBody = QByteArray();
    slot.record.responseBody = QByteArray();
    slot.record.bodiesDropped = true;
    const qint64 bytes = AttemptBudget::recordBytes(slot.record);
    const qint64 delta = bytes - slot.bytes;
    slot.bytes = bytes;
    m_bytes += delta;
    ++m_stripped;
    skipBodilessLocked();
    return delta;
}

qint64 AttemptLog::clearLocked()
{
    const qint64 freed = m_bytes;
    m_records.clear();
    m_bytes = 0;
    m_stripped = 0;
    return -freed;
}

void AttemptLog::skipBodilessLocked()
{
    const qsizetype last = qsizetype(m_records.size()) - 1;   // the newest keeps its bodies
    while (m_stripped < last && !hasBodies(m_records[size_t(m_stripped)].record))
        ++m_stripped;
}

qint64 AttemptLog::bodyCandidate() const
{
    const qsizetype last = qsizetype(m_records.size()) - 1;
    return m_stripped < last ? m_records[size_t(m_stripped)].stamp : 0;
}

qint64 AttemptLog::recordCandidate() const
{
    return m_records.size() > 1 ? m_records.front().stamp : 0;
}

} // namespace hookscope
