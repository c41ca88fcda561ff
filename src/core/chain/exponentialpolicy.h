#pragma once

#include "core/chain/retrypolicy.h"

#include <functional>

namespace hookscope {

// go-events' ExponentialBackoff: after f consecutive failures wait a uniformly random time in
// [0, min(max, base + factor * 2^(f-1))) ("full jitter"). Defaults base 1s, factor 1s, max 20s.
// Never gives up on its own; maxattempts/maxage do that for any policy.
class ExponentialPolicy final : public RetryPolicy
{
public:
    explicit ExponentialPolicy(const EndpointConfig &config);

    qint64 delayBeforeAttemptMs(qint64 nowMs) override;
    void recordFailure(qint64 nowMs) override;
    void recordSuccess() override { m_failures = 0; }
    int consecutiveFailures() const override { return m_failures; }
    void reconfigure(const EndpointConfig &config) override;

    // The upper bound of the random wait after `failures` failures, in ms (0 for none).
    qint64 boundMs(int failures) const;
    // Tests pin the random source; it returns a value in [0, bound).
    void setRandom(std::function<qint64(qint64 bound)> random) { m_random = std::move(random); }

private:
    qint64 m_baseMs = 1000;
    qint64 m_factorMs = 1000;
    qint64 m_maxMs = 20000;
    int m_failures = 0;
    qint64 m_lastFailureMs = 0;
    qint64 m_chosenDelayMs = -1;   // drawn once per failure so repeated asks agree
    std::function<qint64(qint64)> m_random;
};

} // namespace hookscope
