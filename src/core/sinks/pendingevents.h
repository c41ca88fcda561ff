#pragma once

#include "model/eventrecord.h"

#include <QMutex>
#include <QMutexLocker>

#include <deque>

namespace hookscope {

// The events an endpoint's queue holds, head first. The queue mutates it on the engine thread; the
// GUI keeps a shared pointer to read sizes and pages of a million-event queue without copying it and
// without caring whether the endpoint still exists.
class PendingEvents
{
public:
    qsizetype size() const
    {
        QMutexLocker lock(&m_mutex);
        return qsizetype(m_items.size());
    }
    EventBlock slice(qsizetype offset, qsizetype count) const
    {
        QMutexLocker lock(&m_mutex);
        const qsizetype total = qsizetype(m_items.size());
        if (offset < 0 || offset >= total || count <= 0)
            return {};
        const qsizetype end = qMin(total, offset + count);
        return EventBlock(m_items.begin() + offset, m_items.begin() + end);
    }
    EventPtr head() const
    {
        QMutexLocker lock(&m_mutex);
        return m_items.empty() ? EventPtr() : m_items.front();
    }

    // Events only leave at the head and join at the tail; these running totals let a view turn two
    // readings into "remove k rows at the top, add m at the bottom" instead of a reset.
    struct Counters
    {
        qsizetype size = 0;
        quint64 removedFromHead = 0;
        quint64 appended = 0;
    };
    Counters counters() const
    {
        QMutexLocker lock(&m_mutex);
        return {qsizetype(m_items.size()), m_removedFromHead, m_appended};
    }

private:
    friend class EventQueue;
    mutable QMutex m_mutex;
    std::deque<EventPtr> m_items;
    quint64 m_removedFromHead = 0;
    quint64 m_appended = 0;
};

} // namespace hookscope
