#include "core/engine/endpointmetrics.h"

#include "core/model/httpstatus.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <vector>

namespace hookscope {

void EndpointMetrics::recordIngress(qint64 events)
{
    m_registry.events += events;
    m_registry.pending += events;
}

void EndpointMetrics::recordEgress(qint64 events)
{
    m_registry.pending -= events;
}

void EndpointMetrics::recordAttempt(const AttemptRecord &attempt)
{
    const qint64 n = attempt.eventCount();
    switch (attempt.outcome) {
    case AttemptRecord::Success: {
        m_registry.successes += n;
        m_registry.statuses[httpStatusKey(attempt.status)] += n;
        m_lastStatus = attempt.status;
        m_lastError.clear();
        m_lastSuccessAt = attempt.startedAt.addMSecs(qint64(attempt.durationMs));
        const qint64 second = m_clock->nowMs() / 1000;
        advanceRate(second);
        m_rateBuckets[size_t(second % (RateSeconds + 1))] += n;
        break;
    }
    case AttemptRecord::Failure:
        m_registry.failures += n;
        m_registry.statuses[httpStatusKey(attempt.status)] += n;
        m_lastStatus = attempt.status;
        m_lastError = attempt.errorText;
        m_lastErrorAt = attempt.startedAt.addMSecs(qint64(attempt.durationMs));
        break;
    case AttemptRecord::Error:
        m_registry.errors += n;
        m_errorClasses[errorClassName(attempt.errorClass)] += n;
        m_lastError = attempt.errorText;
        m_lastErrorAt = attempt.startedAt.addMSecs(qint64(attempt.durationMs));
        break;
    case AttemptRecord::Cancelled:
        // An operator abandoned the attempt; the registry has no such case, so no counter moves.
        m_errorClasses[errorClassName(ErrorClass::Cancelled)] += n;
        return;
    }
    if (attempt.outcome != AttemptRecord::Error) {
        if (m_latencies.size() < size_t(LatencyWindow)) {
            if (m_latencies.empty())
                m_latencies.reserve(size_t(LatencyWindow));
            m_latencies.push_back(attempt.durationMs);
        } else {
            m_latencies[size_t(m_latencyNext)] = attempt.durationMs;
        }
        m_latencyNext = (m_latencyNext + 1) % LatencyWindow;
    }
}

double EndpointMetrics::latencyPercentileMs(double percentile) const
{
    if (m_latencies.empty())
        return 0;
    std::vector<double> values = m_latencies;
    // Nearest-rank percentile: small windows stay honest (p99 of 3 samples is the largest).
    const size_t rank = size_t(std::max(1.0, std::ceil(percentile / 100.0 * double(values.size()))));
    std::nth_element(values.begin(), values.begin() + long(rank - 1), values.end());
    return values[rank - 1];
}

void EndpointMetrics::advanceRate(qint64 nowSecond) const
{
    if (m_rateBucketSecond == 0 || nowSecond - m_rateBucketSecond > RateSeconds) {
        m_rateBuckets.fill(0);
    } else {
        for (qint64 s = m_rateBucketSecond + 1; s <= nowSecond; ++s)
            m_rateBuckets[size_t(s % (RateSeconds + 1))] = 0;
    }
    m_rateBucketSecond = nowSecond;
}

double EndpointMetrics::deliveredPerSecond() const
{
    const qint64 second = m_clock->nowMs() / 1000;
    advanceRate(second);
    qint64 total = 0;
    // The current second is still filling; average the RateSeconds whole seconds before it.
    for (int i = 1; i <= RateSeconds; ++i)
        total += m_rateBuckets[size_t((second - i + (RateSeconds + 1)) % (RateSeconds + 1))];
    return double(total) / RateSeconds;
}

QByteArray EndpointMetrics::totalsJson() const
{
    QJsonObject statuses;
    for (auto it = m_registry.statuses.begin(); it != m_registry.statuses.end(); ++it)
        statuses.insert(it.key(), it.value());
    const QJsonObject totals{
        {QStringLiteral("events"), m_registry.events},
        {QStringLiteral("successes"), m_registry.successes},
        {QStringLiteral("failures"), m_registry.failures},
        {QStringLiteral("errors"), m_registry.errors},
        {QStringLiteral("statuses"), statuses},
        {QStringLiteral("droppedByFilter"), m_droppedByFilter},
        {QStringLiteral("redeliveries"), m_redeliveries},
    };
    return QJsonDocument(totals).toJson(QJsonDocument::Compact);
}

void EndpointMetrics::restoreTotals(const QByteArray &json)
{
    const QJsonObject totals = QJsonDocument::fromJson(json).object();
    if (totals.isEmpty())
        return;
    auto number = [&](const char *key) { return qint64(totals.value(QLatin1String(key)).toDouble()); };
    m_registry.events = number("events");
    m_registry.successes = number("successes");
    m_registry.failures = number("failures");
    m_registry.errors = number("errors");
    m_registry.statuses.clear();
    const QJsonObject statuses = totals.value(QLatin1String("statuses")).toObject();
    for (auto it = statuses.begin(); it != statuses.end(); ++it)
        m_registry.statuses.insert(it.key(), qint64(it.value().toDouble()));
    m_droppedByFilter = number("droppedByFilter");
    m_redeliveries = number("redeliveries");
}

void EndpointMetrics::fill(EndpointSnapshot &snapshot) const
{
    snapshot.metrics = m_registry;
    snapshot.errorClasses = m_errorClasses;
    snapshot.droppedByFilter = m_droppedByFilter;
    snapshot.redeliveries = m_redeliveries;
    snapshot.lastStatus = m_lastStatus;
    snapshot.lastError = m_lastError;
    snapshot.lastErrorAt = m_lastErrorAt;
    snapshot.lastSuccessAt = m_lastSuccessAt;
    snapshot.latencyP50Ms = latencyPercentileMs(50);
    snapshot.latencyP95Ms = latencyPercentileMs(95);
    snapshot.latencyP99Ms = latencyPercentileMs(99);
    snapshot.deliveredPerSecond = deliveredPerSecond();
}

} // namespace hookscope
