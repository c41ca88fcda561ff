#include "core/engine/broadcaster.h"

#include "core/engine/endpoint.h"

namespace hookscope {

bool Broadcaster::write(const EventBlock &block)
{
    if (m_closed)
        return false;
    for (Endpoint *endpoint : std::as_const(m_endpoints)) {
        // A closed endpoint (being removed) refuses the block; the others still get it, as the
        // registry's broadcaster logs and moves on.
        endpoint->write(block);
    }
    return true;
}

void Broadcaster::insert(int index, Endpoint *endpoint)
{
    if (index < 0 || index > m_endpoints.size())
        index = int(m_endpoints.size());
    m_endpoints.insert(index, endpoint);
}

void Broadcaster::remove(Endpoint *endpoint)
{
    m_endpoints.removeAll(endpoint);
}

void Broadcaster::move(int from, int to)
{
    if (from < 0 || from >= m_endpoints.size() || to < 0 || to >= m_endpoints.size())
        return;
    m_endpoints.move(from, to);
}

int Broadcaster::indexOf(const QString &name) const
{
    for (int i = 0; i < m_endpoints.size(); ++i) {
        if (m_endpoints.at(i)->name() == name)
            return i;
    }
    return -1;
}

} // namespace hookscope
