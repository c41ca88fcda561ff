#include "core/engine/attemptlog.h"

#include "core/base/lockedread.h"
#include "core/engine/attemptbudget.h"

#include <QMutexLocker>

namespace hookscope {

namespace {

bool hasBodies(const AttemptRecord &record)
{
    return !record.requestBody.isEmpty() || !record.responseBody.isEmpty();
}

void shareHeaders(HeaderList &headers, const HeaderList &previous)
{
    const qsizetype common = qMin(headers.size(), previous.size());
    for (qsizetype i = 0; i < common; ++i) {
        if (headers.at(i) == previous.at(i))
            headers[i] = previous.at(i);
    }
}

// Consecutive attempts of one endpoint mostly repeat the url and most header lines (a
// Content-Length or a Date differs): keep one copy of what is equal, shared with the record before.
void shareWithPrevious(AttemptRecord &record, const AttemptRecord &previous)
{
    if (record.url == previous.url)
        record.url = previous.url;
    if (record.reason == previous.reason)
        record.reason = previous.reason;
    shareHeaders(record.requestHeaders, previous.requestHeaders);
    shareHeaders(record.responseHeaders, previous.responseHeaders);
}

// A body is usually the sink's whole request buffer, sized ahead for the envelope (up to twice
// the compact JSON) or grown as the response came in: kept for long, the slack is a copy away.
void squeeze(QByteArray &body)
{
    if (body.capacity() > body.size() + body.size() / 8 + 64)
        body = QByteArray(body.constData(), body.size());
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

void AttemptLog::amendResponseBody(qint64 sequence, QByteArray body, const QString &note)
{
    if (m_budget) {
        m_budget->amend(*this, sequence, std::move(body), note);
        return;
    }
    QMutexLocker lock(&m_mutex);
    amendLocked(sequence, std::move(body), note);
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
    return lockedRead(m_mutex, m_total);
}

qint64 AttemptLog::bytes() const
{
    return lockedRead(m_mutex, m_bytes);
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
    if (!m_records.empty())
        shareWithPrevious(record, m_records.back().record);
    squeeze(record.requestBody);
    squeeze(record.responseBody);
    // Shared parts are still counted in full: the budget errs high, never low.
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

qint64 AttemptLog::amendLocked(qint64 sequence, QByteArray &&body, const QString &note)
{
    // The record is nearly always the newest: search from the back.
    for (qsizetype i = qsizetype(m_records.size()) - 1; i >= 0; --i) {
        Slot &slot = m_records[size_t(i)];
        if (slot.record.sequence != sequence)
            continue;
        if (i >= m_stripped && !slot.record.bodiesDropped) {
            squeeze(body);
            slot.record.responseBody = std::move(body);
        }
        if (!note.isEmpty())
            slot.record.note = slot.record.note.isEmpty() ? note : slot.record.note + QStringLiteral("; ") + note;
        const qint64 bytes = AttemptBudget::recordBytes(slot.record);
        const qint64 delta = bytes - slot.bytes;
        slot.bytes = bytes;
        m_bytes += delta;
        return delta;
    }
    return 0;
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
