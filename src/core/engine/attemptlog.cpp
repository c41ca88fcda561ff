#include "core/engine/attemptlog.h"

#include <QMutexLocker>

namespace hookscope {

void AttemptLog::append(const AttemptRecord &record)
{
    QMutexLocker lock(&m_mutex);
    m_records.push_back(record);
    while (int(m_records.size()) > m_capacity)
        m_records.pop_front();
    ++m_total;
}

QVector<AttemptRecord> AttemptLog::recent(int maxCount) const
{
    QMutexLocker lock(&m_mutex);
    const int size = int(m_records.size());
    const int count = maxCount < 0 ? size : qMin(size, maxCount);
    QVector<AttemptRecord> out;
    out.reserve(count);
    for (auto it = m_records.end() - count; it != m_records.end(); ++it)
        out.append(*it);
    return out;
}

qint64 AttemptLog::totalAppended() const
{
    QMutexLocker lock(&m_mutex);
    return m_total;
}

void AttemptLog::clear()
{
    QMutexLocker lock(&m_mutex);
    m_records.clear();
}

} // namespace hookscope
