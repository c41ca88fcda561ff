#include "core/journal/journalrefcounts.h"

#include <QAtomicInteger>

namespace hookscope {

namespace {
constexpr int TagShift = 48;
constexpr qint64 KeyMask = (qint64(1) << TagShift) - 1;
} // namespace

JournalRefCounts::JournalRefCounts()
{
    // 15 bits of tag, never 0: an untagged key (0, a record never journalled) matches no journal.
    static QAtomicInteger<qint64> instances;
    m_tag = ((instances.fetchAndAddRelaxed(1) % 0x7FFF) + 1) << TagShift;
}

qint64 JournalRefCounts::liveKey(qint64 taggedKey) const
{
    if ((taggedKey & ~KeyMask) != m_tag)
        return 0;
    const qint64 key = taggedKey & KeyMask;
    if (!holds(key) || m_counts[size_t(key - m_base)] <= 0)
        return 0;
    return key;
}

qint64 &JournalRefCounts::slot(qint64 key)
{
    if (m_counts.empty())
        m_base = key;
    if (key < m_base) {
        m_counts.insert(m_counts.begin(), size_t(m_base - key), 0);
        m_base = key;
    }
    const size_t index = size_t(key - m_base);
    if (index >= m_counts.size())
        m_counts.resize(index + 1, 0);
    return m_counts[index];
}

bool JournalRefCounts::release(qint64 key)
{
    if (!holds(key))
        return false;
    qint64 &refs = m_counts[size_t(key - m_base)];
    if (refs <= 0)
        return false;
    const bool last = --refs == 0;
    while (!m_counts.empty() && m_counts.front() <= 0) {
        m_counts.pop_front();
        ++m_base;
    }
    return last;
}

qint64 JournalRefCounts::count(qint64 key) const
{
    return holds(key) ? m_counts[size_t(key - m_base)] : 0;
}

void JournalRefCounts::restore(qint64 maxKey, const QVector<QPair<qint64, qint64>> &references)
{
    m_nextKey = maxKey + 1;
    m_counts.clear();
    m_base = references.isEmpty() ? m_nextKey : references.constFirst().first;
    for (const auto &[key, count] : references)
        slot(key) = count;
}

} // namespace hookscope
