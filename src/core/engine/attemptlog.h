#pragma once

#include "core/base/attemptrecord.h"

#include <QMutex>

#include <deque>

namespace hookscope {

// The most recent delivery attempts of one endpoint, oldest first, bounded so a receiver that fails
// for a week costs a fixed amount of memory. Appended on the engine thread, read from any thread.
class AttemptLog
{
public:
    explicit AttemptLog(int capacity = 1000) : m_capacity(qMax(1, capacity)) { }

    void append(const AttemptRecord &record);
    QVector<AttemptRecord> recent(int maxCount = -1) const;   // oldest first
    qint64 totalAppended() const;
    int capacity() const { return m_capacity; }
    void clear();

private:
    mutable QMutex m_mutex;
    std::deque<AttemptRecord> m_records;
    int m_capacity;
    qint64 m_total = 0;
};

} // namespace hookscope
