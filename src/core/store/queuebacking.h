#pragma once

#include "core/store/pendingevents.h"

#include <functional>

namespace hookscope {

// How a queue reads back events that a durable store holds beyond its in-memory window. Events
// written past `window` are counted, not kept; the queue reads them back in order as the head
// drains below half the window. Positions are absolute (PendingEvents::sliceAbsolute). An empty
// backing (window 0) means the store keeps nothing the queue does not: in memory.
struct QueueBacking
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

} // namespace hookscope
