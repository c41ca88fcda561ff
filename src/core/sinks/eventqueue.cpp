#include "sinks/eventqueue.h"

#include <QMutexLocker>

namespace hookscope {

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

bool EventQueue::write(const EventBlock &block)
{
    if (m_closed)
        return false;
    if (block.empty())
        return true;
    {
        QMutexLocker lock(&m_pending->m_mutex);
        m_pending->m_items.insert(m_pending->m_items.end(), block.begin(), block.end());
        m_pending->m_appended += block.size();
    }
    if (m_listener.ingress)
        m_listener.ingress(block);
    pump();
    return true;
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
        return head;
    }
    EventBlock head = takeFront(1);
    if (!head.empty()) {
        if (m_listener.egress)
            m_listener.egress(head, SinkResult::cancelled(), false);
        if (size() == 0)
            Q_EMIT emptied();
    }
    return head;
}

EventBlock EventQueue::purge()
{
    EventBlock all = slice(0, m_inFlightCount);
    if (m_inFlightCount > 0)
        m_next->cancel();   // the in-flight block leaves through handleDone
    const EventBlock rest = takeFront(std::numeric_limits<qsizetype>::max());
    if (!rest.empty()) {
        if (m_listener.egress)
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
