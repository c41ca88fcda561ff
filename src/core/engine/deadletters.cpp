#include "core/engine/deadletters.h"

#include <QMutexLocker>

namespace hookscope {

void DeadLetters::add(const EventBlock &events, Reason reason, int attempts, const QString &lastError)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QMutexLocker lock(&m_mutex);
    for (const EventPtr &event : events)
        m_entries.push_back({event, reason, now, attempts, lastError});
}

void DeadLetters::restore(const QVector<Entry> &entries)
{
    QMutexLocker lock(&m_mutex);
    m_entries.insert(m_entries.end(), entries.begin(), entries.end());
}

qsizetype DeadLetters::size() const
{
    QMutexLocker lock(&m_mutex);
    return qsizetype(m_entries.size());
}

QVector<DeadLetters::Entry> DeadLetters::entries(qsizetype offset, qsizetype count) const
{
    QMutexLocker lock(&m_mutex);
    const qsizetype total = qsizetype(m_entries.size());
    QVector<Entry> out;
    if (offset < 0 || offset >= total)
        return out;
    const qsizetype end = count < 0 ? total : qMin(total, offset + count);
    out.reserve(end - offset);
    for (qsizetype i = offset; i < end; ++i)
        out.append(m_entries[size_t(i)]);
    return out;
}

EventBlock DeadLetters::take(const QSet<QByteArray> &ids)
{
    QMutexLocker lock(&m_mutex);
    EventBlock taken;
    std::deque<Entry> kept;
    for (Entry &entry : m_entries) {
        if (ids.isEmpty() || ids.contains(entry.event->id()))
            taken.push_back(entry.event);
        else
            kept.push_back(std::move(entry));
    }
    m_entries.swap(kept);
    return taken;
}

QVector<DeadLetters::Entry> DeadLetters::takeIf(const std::function<bool(const Entry &)> &match)
{
    QMutexLocker lock(&m_mutex);
    QVector<Entry> taken;
    std::deque<Entry> kept;
    for (Entry &entry : m_entries) {
        if (match(entry))
            taken.append(std::move(entry));
        else
            kept.push_back(std::move(entry));
    }
    m_entries.swap(kept);
    return taken;
}

void DeadLetters::putBack(const QVector<Entry> &entries)
{
    QMutexLocker lock(&m_mutex);
    // Merge by time: entries are appended in time order, so this restores the original order
    // (entries of the same millisecond keep their relative order, taken ones first).
    std::deque<Entry> merged;
    auto back = entries.begin();
    for (Entry &entry : m_entries) {
        while (back != entries.end() && back->at <= entry.at)
            merged.push_back(*back++);
        merged.push_back(std::move(entry));
    }
    merged.insert(merged.end(), back, entries.end());
    m_entries.swap(merged);
}

} // namespace hookscope
