#pragma once

#include "core/chain/retrypolicy.h"

namespace hookscope {

// The registry's retryingSink: the first `threshold` consecutive failures are retried back to back;
// from then on each attempt waits until `backoff` has passed since the last failure. It never gives
// up. A success resets it. (2.8.2 sleeps a full backoff after the check; with a single writer the
// check always runs right after the failure, so "until last + backoff" is the same wait.)
class BreakerPolicy final : public RetryPolicy
{
public:
    explicit BreakerPolicy(const EndpointConfig &config) { reconfigure(config); }

    qint64 delayBeforeAttemptMs(qint64 nowMs) override
    {
        if (m_recent < m_threshold)
            return 0;
        return qMax<qint64>(0, m_lastFailureMs + m_backoffMs - nowMs);
    }
    void recordFailure(qint64 nowMs) override
    {
        ++m_recent;
        m_lastFailureMs = nowMs;
    }
    void recordSuccess() override
    {
        m_recent = 0;
        m_lastFailureMs = 0;
    }
    int consecutiveFailures() const override { return m_recent; }
    void reconfigure(const EndpointConfig &config) override
    {
        m_threshold = qMax(1, config.threshold);
        m_backoffMs = config.backoffMs();
    }

private:
    int m_threshold = 10;
    qint64 m_backoffMs = 1000;
    int m_recent = 0;
    qint64 m_lastFailureMs = 0;
};

} // namespace hookscope
