#pragma once

#include "core/store/pendingevents.h"
#include "core/chain/sink.h"

#include <QObject>

#include <deque>
#include <functional>

namespace hookscope {

// The registry's eventQueue: an unbounded FIFO that accepts at once and feeds the next stage one
// block at a time. The head stays in the queue while it is being delivered, so Pending includes it,
// as the registry counts. Ingress and egress listeners carry the metrics.
//
// Mutations happen on the engine thread only; the mutex lets other threads (the GUI's queue view)
// read sizes and slices of a million-event queue without a copy.
class EventQueue final : public QObject
{
    Q_OBJECT
public:
    struct Listener
    {
        std::function<void(const EventBlock &)> ingress;
        // wasSent: the block had been handed to the next stage (attempt counts apply to it).
        std::function<void(const EventBlock &, const SinkResult &, bool wasSent)> egress;
    };

    explicit EventQueue(Sink *next, QObject *parent = nullptr);

    // Durable mode: the journal holds every queued event, so memory only needs a window at the head.
    // Events written past `window` are counted, not kept; the queue reads them back in order as the
    // head drains below half the window. Positions are absolute (PendingEvents::sliceAbsolute).
    struct Backing
    {
        qsizetype window = 0;
        // Engine thread; `done` runs later on the engine thread with the first position it got.
        std::function<void(quint64 start, qsizetype count,
                           std::function<void(quint64 first, const EventBlock &)> done)> load;
        // Engine thread, blocking: for operator commands that need events not loaded yet.
        std::function<EventBlock(quint64 start, qsizetype count)> loadNow;
        // Any thread (the GUI's queue view), see PendingEvents::loadAbsolute.
        PendingEvents::PageLoader detached;
    };
    void setBacking(Backing backing);
    // Puts back a recovered queue: its head in memory and how many more the journal holds. No
    // listener is told (the journal already has them).
    void restore(const EventBlock &head, qsizetype beyond);

    void setListener(Listener listener) { m_listener = std::move(listener); }
    // Told each time the head block is handed to the next stage (the journal marks it in flight).
    // Apart from Listener so the registry-faithful two-callback listener stays as it was.
    void setDispatchObserver(std::function<void(const EventBlock &)> observer) { m_dispatched = std::move(observer); }
    void setBatchSize(int maxEvents);   // events per envelope; 1 is the registry's
    void setPaused(bool paused);        // paused: the head is not handed on
    bool isPaused() const { return m_paused; }

    // Appends and returns true; false once closed (nothing is appended).
    bool write(const EventBlock &block);
    void close() { m_closed = true; }
    bool isClosed() const { return m_closed; }

    // Operator commands. Each abandons the write in flight and returns what it removed.
    EventBlock skipHead();
    // Durable mode: events not in memory are read back to be returned (blocking), unless
    // loadUnloaded is false: then they only leave this process's queue and stay in the journal.
    EventBlock purge(bool loadUnloaded = true);

    bool inFlight() const { return m_inFlightCount > 0; }
    int inFlightCount() const { return m_inFlightCount; }

    // Thread-safe readers.
    qsizetype size() const { return m_pending->size(); }
    qsizetype sizeInMemory() const
    {
        const PendingEvents::Counters c = m_pending->counters();
        return qsizetype(c.loadedEnd - c.removedFromHead);
    }
    EventBlock slice(qsizetype offset, qsizetype count) const { return m_pending->slice(offset, count); }
    EventPtr head() const { return m_pending->head(); }
    qint64 oldestAcceptedAtMs() const;   // 0 when empty
    std::shared_ptr<const PendingEvents> pending() const { return m_pending; }

    // Starts delivery of the head if idle; called after writes, resumes and completions.
    void pump();

Q_SIGNALS:
    void emptied();

private:
    void handleDone(const SinkResult &result);
    EventBlock takeFront(qsizetype count);
    void maybeRefill();
    void finishRefill(quint64 generation, quint64 start, quint64 first, const EventBlock &events);
    void fillNow();

    Sink *m_next;
    Listener m_listener;
    std::function<void(const EventBlock &)> m_dispatched;
    std::shared_ptr<PendingEvents> m_pending = std::make_shared<PendingEvents>();
    int m_batchSize = 1;
    int m_inFlightCount = 0;
    bool m_paused = false;
    bool m_closed = false;
    bool m_pumping = false;
    Backing m_backing;
    bool m_loading = false;       // a refill is on its way
    bool m_filling = false;       // a blocking read is under way
    quint64 m_generation = 0;     // bumped when the queue's tail changes under a refill (purge, restore)
};

} // namespace hookscope
