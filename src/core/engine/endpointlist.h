#pragma once

#include <QList>
#include <QString>

namespace hookscope {

class Endpoint;

// The engine's endpoints in configuration order, which is the order the broadcaster writes in and
// the order snapshots, replays and the shutdown report list them. Unlike the registry's fixed
// list, endpoints come and go and move while running. It does not own them (the engine parents
// them), so removing one here only takes it out of the fan-out.
class EndpointList
{
public:
    void insert(int index, Endpoint *endpoint);   // index < 0 or past the end appends
    void remove(Endpoint *endpoint);
    void move(int from, int to);                  // out-of-range indexes change nothing
    const QList<Endpoint *> &endpoints() const { return m_endpoints; }
    bool isEmpty() const { return m_endpoints.isEmpty(); }
    int indexOf(const QString &name) const;       // -1 when there is none by that name
    Endpoint *find(const QString &name) const;    // nullptr when there is none by that name

private:
    QList<Endpoint *> m_endpoints;
};

} // namespace hookscope
