#include "core/chain/exponentialpolicy.h"

#include <QRandomGenerator>

namespace hookscope {

ExponentialPolicy::ExponentialPolicy(const EndpointConfig &config)
    : m_random([](qint64 bound) { return qint64(QRandomGenerator::global()->bounded(quint64(bound))); })
{
    reconfigure(config);
}

void ExponentialPolicy::reconfigure(const EndpointConfig &config)
{
    m_baseMs = qMax<qint64>(0, config.expBaseNs / 1'000'000);
    // go-events falls back to the defaults for non-positive factor and max.
    m_factorMs = config.expFactorNs > 0 ? config.expFactorNs / 1'000'000 : 1000;
    m_maxMs = config.expMaxNs > 0 ? config.expMaxNs / 1'000'000 : 20000;
}

qint64 ExponentialPolicy::boundMs(int failures) const
{
    if (failures <= 0)
        return 0;
    // 2^(f-1) overflows quickly; anything past the cap is the cap (go-events caps negatives too).
    if (failures > 40)
        return m_maxMs;
    const qint64 bound = m_baseMs + m_factorMs * (qint64(1) << (failures - 1));
    return (bound > m_maxMs || bound < 0) ? m_maxMs : bound;
}

qint64 ExponentialPolicy::delayBeforeAttemptMs(qint64 nowMs)
{
    if (m_failures == 0)
        return 0;
    if (m_chosenDelayMs < 0) {
        const qint64 bound = boundMs(m_failures);
        m_chosenDelayMs = bound > 0 ? m_random(bound) : 0;
    }
    return qMax<qint64>(0, m_lastFailureMs + m_chosenDelayMs - nowMs);
}

void ExponentialPolicy::recordFailure(qint64 nowMs)
{
    ++m_failures;
    m_lastFailureMs = nowMs;
    m_chosenDelayMs = -1;
}

} // namespace hookscope
