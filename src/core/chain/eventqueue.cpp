#include "core/chain/eventqueue.h"

#include <QLoggingCategory>
#include <QMutexLocker>
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

void EventQueue::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused)
        pump();
}

void EventQueue::setBacking(Backing backing)
{
    m_backing = std::move(backing);
    QMutexLocker lock(&m_pending->m_mutex);
    m_pending->m_loader = m_backing.detached;
}

void EventQueue::restore(const EventBlock &head, qsizetype beyond)
{
    {
        QMutexLocker lock(&m_pending->m_mutex);
        m_pending->m_items.insert(m_pending->m_items.end(), head.begin(), head.end());
        m_pending->m_beyond += beyond;
        m_pending->m_appended += quint64(head.size()) + quint64(beyond);
    }
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
    {
        QMutexLocker lock(&m_pending->m_mutex);
        std::deque<EventPtr> &items = m_pending->m_items;
        size_t kept = block.size();
        if (m_backing.window > 0) {
            // Behind events that are not loaded nothing may be kept, or the order would break.
            const qsizetype room = m_pending->m_beyond > 0 ? 0 : qMax<qsizetype>(0, m_backing.window - qsizetype(items.size()));
            kept = size_t(qMin<qsizetype>(room, qsizetype(block.size())));
            m_pending->m_beyond += qsizetype(block.size() - kept);
        }
        items.insert(items.end(), block.begin(), block.begin() + qsizetype(kept));
        m_pending->m_appended += block.size();
    }
    if (m_listener.ingress)
        m_listener.ingress(block);
    pump();
    maybeRefill();
    return true;
}

void EventQueue::maybeRefill()
{
    if (!m_backing.load || m_loading || m_filling)
        return;
    quint64 start = 0;
    qsizetype count = 0;
    {
        QMutexLocker lock(&m_pending->m_mutex);
        const qsizetype inMemory = qsizetype(m_pending->m_items.size());
        if (m_pending->m_beyond == 0 || inMemory > m_backing.window / 2)
            return;
        start = m_pending->m_removedFromHead + quint64(inMemory);
        count = qMin(m_pending->m_beyond, m_backing.window - inMemory);
    }
    m_loading = true;
    // The endpoint may be gone when the read lands; the callback runs on this (the engine) thread.
    m_backing.load(start, count, [self = QPointer<EventQueue>(this), generation = m_generation,
                                  start](quint64 first, const EventBlock &events) {
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
    {
        QMutexLocker lock(&m_pending->m_mutex);
        const quint64 loadedEnd = m_pending->m_removedFromHead + m_pending->m_items.size();
        const quint64 end = first + quint64(events.size());
        if (events.empty() || first != start || first > loadedEnd) {
            // Not retried at once: a journal that cannot be read has failed, and says so itself.
            qCWarning(lcQueue) << "queue refill from the journal got" << events.size() << "events at" << first
                               << "instead of" << start << "; the rest stays in the journal";
            return;
        }
        // Keep what follows the window as it is now (it may have grown meanwhile).
        const qsizetype skip = qsizetype(qMin(end, loadedEnd) - first);
        const qsizetype taken = qMin(qsizetype(events.size()) - skip, m_pending->m_beyond);
        m_pending->m_items.insert(m_pending->m_items.end(), events.begin() + skip, events.begin() + skip + taken);
        m_pending->m_beyond -= taken;
    }
    pump();
    maybeRefill();
}

void EventQueue::fillNow()
{
    if (!m_backing.loadNow)
        return;
    quint64 start = 0;
    qsizetype count = 0;
    {
        QMutexLocker lock(&m_pending->m_mutex);
        if (m_pending->m_beyond == 0 || !m_pending->m_items.empty())
            return;
        start = m_pending->m_removedFromHead;
        count = qMin(m_pending->m_beyond, m_backing.window);
    }
    ++m_generation;   // a refill on its way would now overlap: it will be dropped
    // While the read blocks, the journal may hand over that earlier refill: it must not start another.
    m_filling = true;
    const EventBlock events = m_backing.loadNow(start, count);
    m_filling = false;
    QMutexLocker lock(&m_pending->m_mutex);
    const qsizetype taken = qMin(qsizetype(events.size()), m_pending->m_beyond);
    m_pending->m_items.insert(m_pending->m_items.end(), events.begin(), events.begin() + taken);
    m_pending->m_beyond -= taken;
}

void EventQueue::pump()
{
    // Completions can arrive inside next->write(); the loop below, not recursion, picks up the
    // following head in that case.
    if (m_pumping)
        return;
    m_pumping = true;
    while (m_inFlightCount == 0 && !m_paused) {
        EventBlock block;
        {
            QMutexLocker lock(&m_pending->m_mutex);
            const std::deque<EventPtr> &items = m_pending->m_items;
            if (items.empty())
                break;
            const qsizetype count = qMin<qsizetype>(m_batchSize, qsizetype(items.size()));
            block.assign(items.begin(), items.begin() + count);
        }
        m_inFlightCount = int(block.size());
        if (m_dispatched)
            m_dispatched(block);
        m_next->write(block, [this](const SinkResult &result) { handleDone(result); });
    }
    m_pumping = false;
}

void EventQueue::handleDone(const SinkResult &result)
{
    const EventBlock done = takeFront(m_inFlightCount);
    m_inFlightCount = 0;
    if (m_listener.egress)
        m_listener.egress(done, result, true);
    if (size() == 0)
        Q_EMIT emptied();
    if (result.kind != SinkResult::Cancelled)
        pump();
    maybeRefill();
}

EventBlock EventQueue::takeFront(qsizetype count)
{
    QMutexLocker lock(&m_pending->m_mutex);
    std::deque<EventPtr> &items = m_pending->m_items;
    count = qMin<qsizetype>(count, qsizetype(items.size()));
    EventBlock taken(items.begin(), items.begin() + count);
    items.erase(items.begin(), items.begin() + count);
    m_pending->m_removedFromHead += quint64(count);
    return taken;
}

EventBlock EventQueue::skipHead()
{
    if (m_inFlightCount > 0) {
        const EventBlock head = slice(0, m_inFlightCount);
        // The egress listener sees the block with a Cancelled result; the caller decides where it
        // goes (dead letters).
        m_next->cancel();
        pump();
        maybeRefill();
        return head;
    }
    fillNow();   // the head may still be in the journal only
    EventBlock head = takeFront(1);
    if (!head.empty()) {
        if (m_listener.egress)
            m_listener.egress(head, SinkResult::cancelled(), false);
        if (size() == 0)
            Q_EMIT emptied();
    }
    maybeRefill();
    return head;
}

EventBlock EventQueue::purge(bool loadUnloaded)
{
    EventBlock all = slice(0, m_inFlightCount);
    if (m_inFlightCount > 0)
        m_next->cancel();   // the in-flight block leaves through handleDone
    EventBlock rest = takeFront(std::numeric_limits<qsizetype>::max());
    qsizetype unloaded = 0;
    {
        QMutexLocker lock(&m_pending->m_mutex);
        unloaded = m_pending->m_beyond;
    }
    if (unloaded > 0) {
        ++m_generation;   // a refill on its way is for events that are leaving now
        if (loadUnloaded && m_backing.loadNow) {
            m_filling = true;   // see fillNow
            const EventBlock more = m_backing.loadNow(m_pending->counters().removedFromHead, unloaded);
            m_filling = false;
            rest.insert(rest.end(), more.begin(), more.end());
        }
        QMutexLocker lock(&m_pending->m_mutex);
        m_pending->m_beyond = 0;
        m_pending->m_removedFromHead += quint64(unloaded);
    }
    if (!rest.empty() || unloaded > 0) {
        if (m_listener.egress && !rest.empty())
            m_listener.egress(rest, SinkResult::cancelled(), false);
        Q_EMIT emptied();
    }
    all.insert(all.end(), rest.begin(), rest.end());
    return all;
}

qint64 EventQueue::oldestAcceptedAtMs() const
{
    const EventPtr first = m_pending->head();
    return first ? first->acceptedAtMs() : 0;
}

} // namespace hookscope
