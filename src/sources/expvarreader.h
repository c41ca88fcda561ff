#pragma once

#include "core/engine/endpointsnapshot.h"

#include <QByteArray>
#include <QString>
#include <QVector>

namespace hookscope {

// Reads a registry's own debug pages into endpoint snapshots, so a watched registry's endpoints
// sit in the same table as hookscope's: /debug/vars in the 2.8.2 expvar layout (either the whole
// page or just the registry.notifications subtree), or registry v3's Prometheus text.
// Header values are masked on the way in: the registry prints its tokens in clear.
class ExpvarReader
{
public:
    struct Result
    {
        QVector<EndpointSnapshot> endpoints;
        QString error;   // empty on success; says what was received instead
        bool ok() const { return error.isEmpty(); }
    };
    static Result fromExpvar(const QByteArray &body);
    static Result fromPrometheus(const QByteArray &body);
};

} // namespace hookscope
