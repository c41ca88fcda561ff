#pragma once

#include "core/engine/deadletters.h"
#include "core/model/eventrecord.h"

#include <QList>
#include <QVector>

namespace hookscope {

class DeadLetterFilter;
class Endpoint;

// One move of dead letters into a queue (Engine::moveDeadLetters), in two steps so that nothing
// is lost whichever way it ends: the constructor takes what `filter` matches out of each source
// (in the given order, each source's in its own order), then into() queues the events at the
// target and tells each source's store they left, or, when the target refuses (closed), puts
// every dead letter back where it was. One record dead at several sources is queued once. The
// caller holds the journal's commit group around both steps, so they land in one commit.
class DeadLetterMove final
{
public:
    DeadLetterMove(const QList<Endpoint *> &sources, const DeadLetterFilter &filter);

    const EventBlock &events() const { return m_events; }   // what into() queues, in order

    // False (and every dead letter back at its source) when `target` is closed.
    bool into(Endpoint *target);

private:
    struct Taken
    {
        Endpoint *from;
        QVector<DeadLetters::Entry> entries;
    };

    QVector<Taken> m_taken;
    EventBlock m_events;
};

} // namespace hookscope
