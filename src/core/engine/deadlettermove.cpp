#include "core/engine/deadlettermove.h"

#include "core/engine/deadletterfilter.h"
#include "core/engine/endpoint.h"

#include <QSet>

namespace hookscope {

DeadLetterMove::DeadLetterMove(const QList<Endpoint *> &sources, const DeadLetterFilter &filter)
{
    QSet<const EventRecord *> queued;
    for (Endpoint *source : sources) {
        if (!filter.matchesEndpoint(source->name()))
            continue;
        QVector<DeadLetters::Entry> entries = source->takeDeadLetters(filter);
        if (entries.isEmpty())
            continue;
        for (const DeadLetters::Entry &entry : entries) {
            // One record fanned out to several endpoints and dead at more than one of them is
            // still one event: the target gets it once.
            if (!queued.contains(entry.event.get())) {
                queued.insert(entry.event.get());
                m_events.push_back(entry.event);
            }
        }
        m_taken.append({source, std::move(entries)});
    }
}

bool DeadLetterMove::into(Endpoint *target)
{
    if (m_events.empty())
        return true;
    if (!target->enqueueReplayed(m_events)) {
        for (const Taken &t : m_taken)
            t.from->putBackDeadLetters(t.entries);
        m_taken.clear();
        return false;
    }
    // After the enqueue, so the journal never sees the events unreferenced in between.
    for (const Taken &t : m_taken)
        t.from->recordDeadLettersTaken(t.entries);
    m_taken.clear();
    return true;
}

} // namespace hookscope
