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
        // Marks of the registry process, for telling a restart from a quiet spell (RegistryWatcher):
        // bytes allocated so far (expvar memstats.TotalAlloc, go_memstats_alloc_bytes_total), which
        // only grows within one process, -1 when absent (a page of just the notifications subtree);
        // and the process start time (process_start_time_seconds, Prometheus only), 0 when absent.
        qint64 allocatedBytes = -1;
        double startTimeSeconds = 0;
        bool ok() const { return error.isEmpty(); }
    };
    static Result fromExpvar(const QByteArray &body);
    static Result fromPrometheus(const QByteArray &body);
};

} // namespace hookscope
