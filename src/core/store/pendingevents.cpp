#include "core/store/pendingevents.h"

namespace hookscope {

qsizetype PendingEvents::append(const EventBlock &block, qsizetype window)
{
    QMutexLocker lock(&m_mutex);
    qsizetype kept = qsizetype(block.size());
    if (window > 0) {
        const qsizetype room = m_beyond > 0 ? 0 : qMax<qsizetype>(0, window - qsizetype(m_items.size()));
        kept = qMin(room, kept);
        m_beyond += qsizetype(block.size()) - kept;
    }
    m_items.insert(m_items.end(), block.begin(), block.begin() + kept);
    m_appended += block.size();
    return kept;
}

void PendingEvents::restore(const EventBlock &head, qsizetype beyond)
{
    QMutexLocker lock(&m_mutex);
    m_items.insert(m_items.end(), head.begin(), head.end());
    m_beyond += beyond;
    m_appended += quint64(head.size()) + quint64(beyond);
}

EventBlock PendingEvents::takeFront(qsizetype count)
{
    QMutexLocker lock(&m_mutex);
    count = qBound<qsizetype>(0, count, qsizetype(m_items.size()));
    EventBlock taken(m_items.begin(), m_items.begin() + count);
    m_items.erase(m_items.begin(), m_items.begin() + count);
    m_removedFromHead += quint64(count);
    return taken;
}

qsizetype PendingEvents::appendLoaded(quint64 first, const EventBlock &events)
{
    QMutexLocker lock(&m_mutex);
    const quint64 loadedEnd = m_removedFromHead + m_items.size();
    const quint64 end = first + quint64(events.size());
    if (first > loadedEnd)
        return -1;
    // Keep what follows the window as it is now (it may have grown meanwhile).
    const qsizetype skip = qsizetype(qMin(end, loadedEnd) - first);
    const qsizetype taken = qMin(qsizetype(events.size()) - skip, m_beyond);
    m_items.insert(m_items.end(), events.begin() + skip, events.begin() + skip + taken);
    m_beyond -= taken;
    return taken;
}

qsizetype PendingEvents::dropBeyond()
{
    QMutexLocker lock(&m_mutex);
    const qsizetype dropped = m_beyond;
    m_beyond = 0;
    m_removedFromHead += quint64(dropped);
    return dropped;
}

void PendingEvents::setLoader(PageLoader loader)
{
    QMutexLocker lock(&m_mutex);
    m_loader = std::move(loader);
}

PendingEvents::RefillRange PendingEvents::refillRange(qsizetype window, bool onlyWhenEmpty) const
{
    QMutexLocker lock(&m_mutex);
    const qsizetype inMemory = qsizetype(m_items.size());
    if (m_beyond == 0 || (onlyWhenEmpty ? inMemory > 0 : inMemory > window / 2))
        return {};
    return {m_removedFromHead + quint64(inMemory), qMin(m_beyond, window - inMemory)};
}

} // namespace hookscope
