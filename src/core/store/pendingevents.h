#pragma once

#include "core/model/eventrecord.h"

#include <QMutex>
#include <QMutexLocker>

#include <deque>
#include <functional>

namespace hookscope {

// The events an endpoint's queue holds, head first. The queue mutates it on the engine thread; the
// GUI keeps a shared pointer to read sizes and pages of a million-event queue without copying it and
// without caring whether the endpoint still exists.
//
// In durable mode only a window at the head is in memory; the events after it are counted here but
// live in the journal until the queue reads them back. Readers do not get them from the slices and
// may ask for a page of them asynchronously (loadAbsolute).
class PendingEvents
{
public:
    qsizetype size() const
    {
        QMutexLocker lock(&m_mutex);
        return qsizetype(m_items.size()) + m_beyond;
    }
    // Events in memory only: [offset, offset + count) clipped to the loaded window.
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
    // showing rows it has not removed yet without mixing up which event is which. The block ends at
    // the window's end (durable mode, Counters::loadedEnd): loadAbsolute reads what follows.
    EventBlock sliceAbsolute(quint64 start, qsizetype count) const
    {
        QMutexLocker lock(&m_mutex);
        EventBlock out;
        const quint64 end = qMin<quint64>(start + quint64(qMax<qsizetype>(0, count)), m_removedFromHead + m_items.size());
        for (quint64 position = start; position < end; ++position)
            out.push_back(position < m_removedFromHead ? EventPtr() : m_items[size_t(position - m_removedFromHead)]);
        return out;
    }

    // Reads up to `count` events from absolute position `start` on from the journal, without
    // blocking the caller. `done` runs later on another thread with the position of the first event
    // it got (later than `start` if the head moved past it) and the events, contiguous; an empty
    // block when nothing could be read. Returns false (and never calls `done`) in memory mode.
    using PageCallback = std::function<void(quint64 first, const EventBlock &events)>;
    using PageLoader = std::function<void(quint64 start, qsizetype count, PageCallback done)>;
    bool loadAbsolute(quint64 start, qsizetype count, PageCallback done) const
    {
        // Under the lock, so the queue can withdraw the loader (endpoint removed) and know no call
        // is still starting.
        QMutexLocker lock(&m_mutex);
        if (!m_loader)
            return false;
        m_loader(start, count, std::move(done));
        return true;
    }

    // Events only leave at the head and join at the tail; these running totals let a view turn two
    // readings into "remove k rows at the top, add m at the bottom" instead of a reset.
    struct Counters
    {
        qsizetype size = 0;
        quint64 removedFromHead = 0;
        quint64 appended = 0;
        quint64 loadedEnd = 0;   // absolute position of the first event not in memory
    };
    Counters counters() const
    {
        QMutexLocker lock(&m_mutex);
        return {qsizetype(m_items.size()) + m_beyond, m_removedFromHead, m_appended,
                m_removedFromHead + m_items.size()};
    }

    // Mutations, by the queue that owns this on the engine thread. Each takes the lock once.

    // Appends `block`; with a window (durable mode) only what fits in memory is kept, and nothing
    // is kept behind events that are not loaded, or the order would break. Returns how many stayed
    // in memory.
    qsizetype append(const EventBlock &block, qsizetype window);
    // Puts back a recovered queue: `head` in memory and `beyond` more held by the store.
    void restore(const EventBlock &head, qsizetype beyond);
    // Removes and returns up to `count` events from the head (in memory only).
    EventBlock takeFront(qsizetype count);
    // The first `count` events at the head, left where they are.
    EventBlock front(qsizetype count) const { return slice(0, count); }
    // Events read back from the store, `first` being the absolute position of events[0]: what
    // follows the loaded window joins it; what is already loaded is skipped. Returns how many
    // joined, or -1 when the block does not start inside or right at the end of the window.
    qsizetype appendLoaded(quint64 first, const EventBlock &events);
    // Forgets the events not in memory (they left with a purge); returns how many there were.
    qsizetype dropBeyond();
    void setLoader(PageLoader loader);

    // What a refill should read next: `count` events from absolute position `start`, or count 0
    // when nothing needs reading (no events beyond, or the window is still over half full).
    struct RefillRange
    {
        quint64 start = 0;
        qsizetype count = 0;
    };
    RefillRange refillRange(qsizetype window, bool onlyWhenEmpty) const;

private:
    mutable QMutex m_mutex;
    std::deque<EventPtr> m_items;
    qsizetype m_beyond = 0;   // queued after m_items, held only by the store
    quint64 m_removedFromHead = 0;
    quint64 m_appended = 0;
    PageLoader m_loader;
};

} // namespace hookscope
