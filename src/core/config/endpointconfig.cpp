#include "core/config/endpointconfig.h"

#include "core/config/secretmask.h"
#include "core/config/scenarioconfig.h"

#include <QUrl>

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
        && transport == o.transport && misconfigured == o.misconfigured
        && paused == o.paused;
}

QString endpointUrlProblem(const QString &url)
{
    if (url.isEmpty())
        return QStringLiteral("has no url");
    // testendpoint://NAME is hookscope's: checkTestEndpointReferences() judges the name (an unknown
    // or empty one is an error there, the file being no registry file anyway).
    QString testEndpoint;
    if (TestEndpointUrl::parse(url, &testEndpoint))
        return QString();
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid()) {
        // QUrl's own reason goes on to quote the URL's parts, password included: not shown.
        return QStringLiteral("url \"%1\" is not a valid URL").arg(maskUrl(url));
    }
    const QString scheme = parsed.scheme().toLower();
    if (parsed.isRelative() || scheme.isEmpty())
        return QStringLiteral("url has no scheme");
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        return QStringLiteral("url \"%1\" has scheme \"%2\": only http and https are delivered")
            .arg(maskUrl(url), scheme);
    }
    if (parsed.host().isEmpty())
        return QStringLiteral("url has no host");
    return QString();
}

} // namespace hookscope
