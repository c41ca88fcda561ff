#include "core/engine/endpointlist.h"

#include "core/engine/endpoint.h"

namespace hookscope {

void EndpointList::insert(int index, Endpoint *endpoint)
{
    if (index < 0 || index > m_endpoints.size())
        index = int(m_endpoints.size());
    m_endpoints.insert(index, endpoint);
}

void EndpointList::remove(Endpoint *endpoint)
{
    m_endpoints.removeAll(endpoint);
}

void EndpointList::move(int from, int to)
{
    if (from < 0 || from >= m_endpoints.size() || to < 0 || to >= m_endpoints.size())
        return;
    m_endpoints.move(from, to);
}

int EndpointList::indexOf(const QString &name) const
{
    for (int i = 0; i < m_endpoints.size(); ++i) {
        if (m_endpoints.at(i)->name() == name)
            return i;
    }
    return -1;
}

Endpoint *EndpointList::find(const QString &name) const
{
    const int index = indexOf(name);
    return index < 0 ? nullptr : m_endpoints.at(index);
}

} // namespace hookscope
