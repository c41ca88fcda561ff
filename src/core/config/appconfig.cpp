#include "core/config/appconfig.h"

namespace hookscope {

bool IngestConfig::operator==(const IngestConfig &o) const
{
    return listen == o.listen && token == o.token && bodyLimitBytes == o.bodyLimitBytes
           && requestTimeoutMs == o.requestTimeoutMs && validate == o.validate
           && maxEvents == o.maxEvents && allowedHosts == o.allowedHosts;
}

QList<EndpointConfig> AppConfig::enabledEndpoints() const
{
    QList<EndpointConfig> enabled;
    for (const EndpointConfig &endpoint : endpoints) {
        if (!endpoint.disabled)
            enabled.append(endpoint);
    }
    return enabled;
}

bool AppConfig::operator==(const AppConfig &o) const
{
    return endpoints == o.endpoints && includeReferences == o.includeReferences
           && ingest == o.ingest && admin == o.admin && journalPath == o.journalPath
           && attemptLogBudgetBytes == o.attemptLogBudgetBytes
           && testEndpoints == o.testEndpoints && generator == o.generator && replay == o.replay;
}

} // namespace hookscope
