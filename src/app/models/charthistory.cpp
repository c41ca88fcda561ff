#include "app/models/charthistory.h"

#include <QDateTime>

namespace hookscope {

ChartHistory::ChartHistory(int capacitySeconds)
    : m_capacity(qMax(2, capacitySeconds))
{
}

void ChartHistory::clear()
{
    m_endpoints.clear();
    m_latestMs = 0;
}

const std::deque<ChartHistory::Bucket> *ChartHistory::buckets(const QString &name) const
{
    const auto it = m_endpoints.constFind(name);
    return it == m_endpoints.cend() ? nullptr : &it->buckets;
}

void ChartHistory::record(const EngineSnapshot &snapshot)
{
    const qint64 atMs = snapshot.takenAt.isValid() ? snapshot.takenAt.toMSecsSinceEpoch()
                                                   : QDateTime::currentMSecsSinceEpoch();
    for (const EndpointSnapshot &endpoint : snapshot.endpoints)
        record(endpoint, atMs);
    // Endpoints removed (or renamed) long ago would otherwise keep their history forever.
    const qint64 forgetBefore = m_latestMs - qint64(m_capacity) * 1000;
    for (auto it = m_endpoints.begin(); it != m_endpoints.end();) {
        if (it->lastSeenMs < forgetBefore)
            it = m_endpoints.erase(it);
        else
            ++it;
    }
}

// A counter that went down was reset (endpoint re-created): count nothing for that interval
// rather than a huge negative rate.
static qint64 delta(qint64 now, qint64 before)
{
    return now >= before ? now - before : 0;
}

void ChartHistory::record(const EndpointSnapshot &endpoint, qint64 atMs)
{
    Track &track = m_endpoints[endpoint.config.name];
    m_latestMs = qMax(m_latestMs, atMs);
    track.lastSeenMs = atMs;
    const RegistryMetrics &m = endpoint.metrics;
    Bucket add;
    add.pending = m.pending;
    add.latencyP50Ms = endpoint.latencyP50Ms;
    add.latencyP95Ms = endpoint.latencyP95Ms;
    if (track.successes >= 0) {   // the first snapshot only sets the baseline
        add.successes = delta(m.successes, track.successes);
        add.failures = delta(m.failures, track.failures);
        add.errors = delta(m.errors, track.errors);
    }
    track.successes = m.successes;
    track.failures = m.failures;
    track.errors = m.errors;

    const qint64 second = atMs >= 0 ? atMs / 1000 : (atMs - 999) / 1000;
    std::deque<Bucket> &buckets = track.buckets;
    if (!buckets.empty() && second <= buckets.back().second) {
        // Same second (or a wall clock stepping back): fold into the newest bucket.
        Bucket &last = buckets.back();
        last.pending = add.pending;
        last.latencyP50Ms = add.latencyP50Ms;
        last.latencyP95Ms = add.latencyP95Ms;
        last.successes += add.successes;
        last.failures += add.failures;
        last.errors += add.errors;
        return;
    }
    if (!buckets.empty()) {
        const Bucket carry = buckets.back();
        const qint64 gapFrom = qMax(carry.second + 1, second - m_capacity);
        for (qint64 s = gapFrom; s < second; ++s)
            buckets.push_back({s, carry.pending, 0, 0, 0, carry.latencyP50Ms, carry.latencyP95Ms});
    }
    add.second = second;
    buckets.push_back(add);
    while (int(buckets.size()) > m_capacity)
        buckets.pop_front();
}

} // namespace hookscope
