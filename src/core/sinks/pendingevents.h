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

    // Events by absolute position: the n-th event ever appended has position n - 1, for good.
    // Positions already removed from the head come back as null pointers, so a view can keep
    // showing rows it has not removed yet without mixing up which event is which.
    EventBlock sliceAbsolute(quint64 start, qsizetype count) const
    {
        QMutexLocker lock(&m_mutex);
        EventBlock out;
        const quint64 end = qMin<quint64>(start + quint64(qMax<qsizetype>(0, count)), m_removedFromHead + m_items.size());
        for (quint64 position = start; position < end; ++position)
            out.push_back(position < m_removedFromHead ? EventPtr() : m_items[size_t(position - m_removedFromHead)]);
        return out;
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
