#pragma once

#include "sinks/pendingevents.h"
#include "sinks/sink.h"

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
    EventBlock purge();

    bool inFlight() const { return m_inFlightCount > 0; }
    int inFlightCount() const { return m_inFlightCount; }

    // Thread-safe readers.
    qsizetype size() const { return m_pending->size(); }
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

    Sink *m_next;
    Listener m_listener;
    std::function<void(const EventBlock &)> m_dispatched;
    std::shared_ptr<PendingEvents> m_pending = std::make_shared<PendingEvents>();
    int m_batchSize = 1;
    int m_inFlightCount = 0;
    bool m_paused = false;
    bool m_closed = false;
    bool m_pumping = false;
};

} // namespace hookscope
