#pragma once

#include "core/chain/sink.h"
#include "core/store/pendingevents.h"
#include "core/store/queuebacking.h"

#include <QObject>

#include <functional>

namespace hookscope {

// The registry's eventQueue: an unbounded FIFO that accepts at once and feeds the next stage one
// block at a time. The head stays in the queue while it is being delivered, so Pending includes it,
// as the registry counts.
//
// It reports to its owner through one reporter: each block that leaves (final report, with the
// block, the attempts made and why it left), the progress of the stage below passed up unchanged,
// and Drained when it becomes empty. It holds no "paused" of its own: the retrying sink below
// holds the head while paused.
//
// Mutations happen on the engine thread only; PendingEvents' lock lets other threads (the GUI's
// queue view) read sizes and slices of a million-event queue without a copy.
class EventQueue final : public QObject
{
    Q_OBJECT
public:
    explicit EventQueue(Sink *next, QObject *parent = nullptr);

    // Durable stores keep every queued event, so memory only needs a window at the head
    // (QueueBacking). Without one the queue is purely in memory.
    void setBacking(QueueBacking backing);
    // Puts back a recovered queue: its head in memory and how many more the store holds. Nothing
    // is reported (the store already has them).
    void restore(const EventBlock &head, qsizetype beyond);

    void setReporter(Sink::Report reporter) { m_reporter = std::move(reporter); }
    void setBatchSize(int maxEvents);   // events per envelope; 1 is the registry's

    // Appends and returns true; false once closed (nothing is appended).
    bool write(const EventBlock &block);
    void close() { m_closed = true; }
    bool isClosed() const { return m_closed; }

    // Operator commands, with the reason they pass down. Each abandons the write in flight and
    // returns what it removed; every removed block is also reported, once, with the reason.
    EventBlock skipHead(DeadLetterReason why = DeadLetterReason::Skipped);
    // Durable mode: events not in memory are read back to be returned (blocking), unless
    // loadUnloaded is false: then they only leave this process's queue and stay in the store.
    EventBlock purge(DeadLetterReason why = DeadLetterReason::Purged, bool loadUnloaded = true);

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

    // Starts delivery of the head if idle; called after writes and completions.
    void pump();

private:
    void handleReport(const SinkResult &result);
    void report(const SinkResult &result);
    void reportLeft(const EventBlock &block, SinkResult result);
    static SinkResult drainedReport();
    void maybeRefill();
    void finishRefill(quint64 generation, quint64 start, quint64 first, const EventBlock &events);
    void fillNow();

    Sink *m_next;
    Sink::Report m_reporter;
    std::shared_ptr<PendingEvents> m_pending = std::make_shared<PendingEvents>();
    int m_batchSize = 1;
    int m_inFlightCount = 0;
    bool m_closed = false;
    // Completions can arrive inside next->write(); the pump's loop, not recursion, then picks up
    // the following head.
    bool m_pumping = false;
    QueueBacking m_backing;
    bool m_loading = false;       // a refill is on its way
    bool m_filling = false;       // a blocking read is under way: no refill may start meanwhile
    // Bumped when the queue's tail changes under a refill (purge, restore, a blocking read): the
    // refill that lands afterwards is for positions that moved and is dropped.
    quint64 m_generation = 0;
};

} // namespace hookscope
