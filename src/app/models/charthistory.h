#pragma once

#include "core/engine/endpointsnapshot.h"

#include <QHash>
#include <QString>

#include <deque>

namespace hookscope {

// Per-endpoint history for the live charts, one bucket per wall-clock second, bounded so a week of
// uptime costs the same as fifteen minutes. Rates come from counter deltas between consecutive
// snapshots, summed into the second the later snapshot was taken in; seconds without a snapshot
// get zero rates and carry the last pending depth and latencies forward.
class ChartHistory
{
public:
    struct Bucket
    {
        qint64 second = 0;   // seconds since the epoch
        qint64 pending = 0;  // last value seen in this second
        qint64 successes = 0;
        qint64 failures = 0;
        qint64 errors = 0;
        double latencyP50Ms = 0;
        double latencyP95Ms = 0;
    };

    explicit ChartHistory(int capacitySeconds = 15 * 60 + 5);

    void record(const EngineSnapshot &snapshot);
    void record(const EndpointSnapshot &endpoint, qint64 atMs);

    // Oldest first; null for an endpoint never recorded (or forgotten after capacity of silence).
    const std::deque<Bucket> *buckets(const QString &name) const;
    qint64 latestMs() const { return m_latestMs; }   // newest snapshot time seen, 0 before any
    int capacitySeconds() const { return m_capacity; }
    int endpointCount() const { return int(m_endpoints.size()); }
    void clear();

private:
    struct Track
    {
        std::deque<Bucket> buckets;
        qint64 successes = -1;   // counters at the previous snapshot; -1: none yet
        qint64 failures = 0;
        qint64 errors = 0;
        qint64 lastSeenMs = 0;
    };

    QHash<QString, Track> m_endpoints;
    int m_capacity;
    qint64 m_latestMs = 0;
};

} // namespace hookscope
