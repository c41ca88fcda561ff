#include "core/engine/broadcaster.h"

#include "core/engine/endpoint.h"
#include "core/engine/endpointlist.h"

namespace hookscope {

Broadcaster::Broadcaster(const EndpointList &endpoints)
    : m_endpoints(endpoints)
{
}

bool Broadcaster::write(const EventBlock &block)
{
    if (m_closed)
        return false;
    for (Endpoint *endpoint : m_endpoints.endpoints()) {
        // A closed endpoint (being removed) refuses the block; the others still get it, as the
        // registry's broadcaster logs and moves on.
        endpoint->write(block);
    }
    return true;
}

} // namespace hookscope
