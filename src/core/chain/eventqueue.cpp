#include "core/chain/eventqueue.h"

#include <QLoggingCategory>
#include <QPointer>

namespace hookscope {

Q_LOGGING_CATEGORY(lcQueue, "hookscope.core.queue")

EventQueue::EventQueue(Sink *next, QObject *parent)
    : QObject(parent)
    , m_next(next)
{
}

void EventQueue::setBatchSize(int maxEvents)
{
    m_batchSize = qMax(1, maxEvents);
}

void EventQueue::setBacking(QueueBacking backing)
{
    m_backing = std::move(backing);
    m_pending->setLoader(m_backing.detached);
}

void EventQueue::restore(const EventBlock &head, qsizetype beyond)
{
    m_pending->restore(head, beyond);
    ++m_generation;
    pump();
    maybeRefill();
}

bool EventQueue::write(const EventBlock &block)
{
    if (m_closed)
        return false;
    if (block.empty())
        return true;
    m_pending->append(block, m_backing.window);
    pump();
    maybeRefill();
    return true;
}

void EventQueue::report(const SinkResult &result)
{
    if (m_reporter)
        m_reporter(result);
}

void EventQueue::reportLeft(const EventBlock &block, SinkResult result)
{
    result.block = block;
    report(result);
    if (size() == 0)
        report(drainedReport());
}

SinkResult EventQueue::drainedReport()
{
    SinkResult drained;
    drained.kind = SinkResult::Drained;
    return drained;
}

void EventQueue::maybeRefill()
{
    if (!m_backing.load || m_loading || m_filling)
        return;
    const PendingEvents::RefillRange range = m_pending->refillRange(m_backing.window, false);
    if (range.count <= 0)
        return;
    m_loading = true;
    // The endpoint may be gone when the read lands; the callback runs on this (the engine) thread.
    m_backing.load(range.start, range.count,
                   [self = QPointer<EventQueue>(this), generation = m_generation,
                    start = range.start](quint64 first, const EventBlock &events) {
                       if (self)
                           self->finishRefill(generation, start, first, events);
                   });
}

void EventQueue::finishRefill(quint64 generation, quint64 start, quint64 first, const EventBlock &events)
{
    m_loading = false;
    if (generation != m_generation) {
        maybeRefill();   // the tail changed under the read: ask again for what is there now
        return;
    }
    if (events.empty() || first != start || m_pending->appendLoaded(first, events) < 0) {
        // Not retried at once: a store that cannot be read has failed, and says so itself.
        qCWarning(lcQueue) << "queue refill from the store got" << events.size() << "events at" << first
                           << "instead of" << start << "; the rest stays in the store";
        return;
    }
    pump();
    maybeRefill();
}

void EventQueue::fillNow()
{
    if (!m_backing.loadNow)
        return;
    const PendingEvents::RefillRange range = m_pending->refillRange(m_backing.window, true);
    if (range.count <= 0)
        return;
    ++m_generation;   // a refill on its way would now overlap: it will be dropped
    m_filling = true;
    const EventBlock events = m_backing.loadNow(range.start, range.count);
    m_filling = false;
    if (!events.empty())
        m_pending->appendLoaded(range.start, events);
}

void EventQueue::pump()
{
    if (m_pumping)
        return;
    m_pumping = true;
    while (m_inFlightCount == 0) {
        const EventBlock block = m_pending->front(m_batchSize);
        if (block.empty())
            break;
        m_inFlightCount = int(block.size());
        m_next->write(block, [this](const SinkResult &result) { handleReport(result); });
    }
    m_pumping = false;
}

void EventQueue::handleReport(const SinkResult &result)
{
    if (!result.isFinal()) {
        if (result.kind == SinkResult::Attempting && result.attempts == 1) {
            // The first attempt on a block: its owner marks it handed to the receiver (a store
            // counts it as a redelivery after a crash), so it needs to know which events.
            SinkResult starting = result;
            starting.block = m_pending->front(m_inFlightCount);
            report(starting);
            return;
        }
        report(result);
        return;
    }
    const EventBlock done = m_pending->takeFront(m_inFlightCount);
    m_inFlightCount = 0;
    reportLeft(done, result);
    if (result.kind != SinkResult::Cancelled)
        pump();
    maybeRefill();
}

EventBlock EventQueue::skipHead(DeadLetterReason why)
{
    if (m_inFlightCount > 0) {
        EventBlock head = slice(0, m_inFlightCount);
        m_next->cancel(why);   // the block leaves through handleReport, with `why`
        pump();
        maybeRefill();
        return head;
    }
    fillNow();   // the head may still be in the store only
    EventBlock head = m_pending->takeFront(1);
    if (!head.empty())
        reportLeft(head, SinkResult::cancelled(why));
    maybeRefill();
    return head;
}

EventBlock EventQueue::purge(DeadLetterReason why, bool loadUnloaded)
{
    EventBlock all = slice(0, m_inFlightCount);
    if (m_inFlightCount > 0)
        m_next->cancel(why);   // the in-flight block leaves through handleReport
    EventBlock rest = m_pending->takeFront(std::numeric_limits<qsizetype>::max());
    const qsizetype unloaded = m_pending->size();
    if (unloaded > 0) {
        ++m_generation;   // a refill on its way is for events that are leaving now
        if (loadUnloaded && m_backing.loadNow) {
            m_filling = true;   // see fillNow
            const EventBlock more = m_backing.loadNow(m_pending->counters().removedFromHead, unloaded);
            m_filling = false;
            rest.insert(rest.end(), more.begin(), more.end());
        }
        m_pending->dropBeyond();
    }
    if (!rest.empty())
        reportLeft(rest, SinkResult::cancelled(why));
    else if (unloaded > 0)
        report(drainedReport());
    all.insert(all.end(), rest.begin(), rest.end());
    return all;
}

qint64 EventQueue::oldestAcceptedAtMs() const
{
    const EventPtr first = m_pending->head();
    return first ? first->acceptedAtMs() : 0;
}

} // namespace hookscope
