#include "core/config/endpointconfig.h"

namespace hookscope {

QStringList EndpointConfig::allIgnoredMediaTypes() const
{
    QStringList all = ignoredMediaTypes;
    for (const QString &mediaType : ignoreMediaTypes) {
        if (!all.contains(mediaType))
            all.append(mediaType);
    }
    return all;
}

bool EndpointConfig::operator==(const EndpointConfig &o) const
{
    return name == o.name && url == o.url && headers == o.headers && timeoutNs == o.timeoutNs
        && threshold == o.threshold && backoffNs == o.backoffNs
        && ignoredMediaTypes == o.ignoredMediaTypes && ignoreMediaTypes == o.ignoreMediaTypes
        && ignoreActions == o.ignoreActions && disabled == o.disabled
        && retryPolicy == o.retryPolicy && expBaseNs == o.expBaseNs
        && expFactorNs == o.expFactorNs && expMaxNs == o.expMaxNs
        && maxAttempts == o.maxAttempts && maxAgeNs == o.maxAgeNs && maxBatch == o.maxBatch
        && transport == o.transport
        && paused == o.paused;
}

} // namespace hookscope
