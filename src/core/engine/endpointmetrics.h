#pragma once

#include "core/base/attemptrecord.h"
#include "core/base/clock.h"
#include "core/engine/endpointsnapshot.h"

#include <QDateTime>

#include <array>
#include <vector>

namespace hookscope {

// Per-endpoint counters. The registry's six (Pending, Events, Successes, Failures, Errors,
// Statuses) are counted exactly where and by how much the registry counts them: ingress and
// egress of the queue, and each HTTP attempt by the number of events in its envelope.
// The rest is hookscope's: error classes, last status and error, latency and delivery rate.
class EndpointMetrics
{
public:
    // The delivery rate is bucketed by the seconds of `clock` (the endpoint's).
    explicit EndpointMetrics(const Clock &clock = Clock::system()) : m_clock(&clock) { }

    void recordIngress(qint64 events);
    void recordEgress(qint64 events);
    void recordAttempt(const AttemptRecord &attempt);
    void recordDropped(qint64 events) { m_droppedByFilter += events; }
    void recordRedeliveries(qint64 events) { m_redeliveries += events; }

    // The running totals (registry counters but Pending, filter drops, redeliveries) as JSON for
    // the journal, and back: restoring keeps Pending, which the restored queue itself counts.
    QByteArray totalsJson() const;
    void restoreTotals(const QByteArray &json);

    const RegistryMetrics &registry() const { return m_registry; }
    // Fills the metric fields of a snapshot (registry counters, classes, last status, latency, rate).
    void fill(EndpointSnapshot &snapshot) const;

    // Latency percentile over the most recent attempts that got a response, in ms (0 if none).
    double latencyPercentileMs(double percentile) const;
    double deliveredPerSecond() const;

private:
    static constexpr int LatencyWindow = 512;
    static constexpr int RateSeconds = 10;

    const Clock *m_clock;
    RegistryMetrics m_registry;
    QMap<QString, qint64> m_errorClasses;
    qint64 m_droppedByFilter = 0;
    qint64 m_redeliveries = 0;
    int m_lastStatus = 0;
    QString m_lastError;
    QDateTime m_lastErrorAt;
    QDateTime m_lastSuccessAt;

    // Grows to LatencyWindow, then is a ring: an endpoint that never delivers (most of a thousand
    // idle ones) does not carry 4 KiB of empty samples.
    std::vector<double> m_latencies;
    int m_latencyNext = 0;

    // Delivered events per whole second (monotonic), a ring of RateSeconds + 1 buckets.
    mutable std::array<qint64, RateSeconds + 1> m_rateBuckets {};
    mutable qint64 m_rateBucketSecond = 0;
    void advanceRate(qint64 nowSecond) const;
};

} // namespace hookscope
