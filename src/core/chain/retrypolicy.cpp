#include "core/chain/retrypolicy.h"

#include "core/chain/breakerpolicy.h"
#include "core/chain/exponentialpolicy.h"

namespace hookscope {

std::unique_ptr<RetryPolicy> RetryPolicy::create(const EndpointConfig &config)
{
    switch (config.retryPolicy) {
    case RetryPolicyKind::Exponential:
        return std::make_unique<ExponentialPolicy>(config);
    case RetryPolicyKind::Breaker:
        break;
    }
    return std::make_unique<BreakerPolicy>(config);
}

} // namespace hookscope
