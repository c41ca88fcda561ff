#pragma once

#include "core/model/eventrecord.h"

#include <QList>
#include <QPointer>

namespace hookscope {

class Endpoint;

// Fans every block out to each endpoint in configuration order, as the registry's broadcaster does.
// Endpoints enqueue without waiting for the network, so a write never blocks; unlike the registry,
// endpoints can be added, removed and reordered while running.
class Broadcaster
{
public:
    // Returns false (and accepts nothing) once closed.
    bool write(const EventBlock &block);
    void close() { m_closed = true; }
    bool isClosed() const { return m_closed; }

    void insert(int index, Endpoint *endpoint);   // index < 0 or past the end appends
    void remove(Endpoint *endpoint);
    void move(int from, int to);
    const QList<Endpoint *> &endpoints() const { return m_endpoints; }
    int indexOf(const QString &name) const;

private:
    QList<Endpoint *> m_endpoints;
    bool m_closed = false;
};

} // namespace hookscope
