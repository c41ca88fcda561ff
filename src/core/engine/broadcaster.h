#pragma once

#include "core/model/eventrecord.h"

namespace hookscope {

class EndpointList;

// Fans every block out to each endpoint of `endpoints`, in their order, as the registry's
// broadcaster does. Endpoints enqueue without waiting for the network, so a write never blocks.
// Which endpoints there are, and in what order, is the list's business (EndpointList); this only
// writes to them, and refuses once closed.
class Broadcaster
{
public:
    explicit Broadcaster(const EndpointList &endpoints);

    // Returns false (and accepts nothing) once closed.
    bool write(const EventBlock &block);
    void close() { m_closed = true; }
    bool isClosed() const { return m_closed; }

private:
    const EndpointList &m_endpoints;
    bool m_closed = false;
};

} // namespace hookscope
