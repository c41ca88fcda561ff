#pragma once

#include "core/config/endpointconfig.h"

#include <memory>

namespace hookscope {

// Decides, per endpoint, how long to wait before the next attempt and when to give up on the head
// event. Times are monotonic milliseconds on the endpoint's Clock. Like go-events' RetryStrategy, plus
// the optional give-up limits hookscope adds.
class RetryPolicy
{
public:
    virtual ~RetryPolicy() = default;
    // Milliseconds to wait before the next attempt (0: go now).
    virtual qint64 delayBeforeAttemptMs(qint64 nowMs) = 0;
    virtual void recordFailure(qint64 nowMs) = 0;
    virtual void recordSuccess() = 0;
    virtual int consecutiveFailures() const = 0;
    // Applies changed parameters without losing the failure history.
    virtual void reconfigure(const EndpointConfig &config) = 0;

    static std::unique_ptr<RetryPolicy> create(const EndpointConfig &config);
};

} // namespace hookscope
