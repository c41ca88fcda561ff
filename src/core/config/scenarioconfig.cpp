#include "core/config/scenarioconfig.h"

#include <QUrl>


namespace hookscope {

bool TestEndpointConfig::operator==(const TestEndpointConfig &o) const
{
    return name == o.name && listen == o.listen && mode == o.mode && status == o.status
           && body == o.body && failRate == o.failRate && seed == o.seed && delayNs == o.delayNs
           && latency == o.latency && delayMaxNs == o.delayMaxNs && downNs == o.downNs
           && upNs == o.upNs && failCount == o.failCount && retryAfter == o.retryAfter
           && downStyle == o.downStyle && strictMediaType == o.strictMediaType
           && requireHeader == o.requireHeader;
}

bool GeneratorConfig::operator==(const GeneratorConfig &o) const
{
    return enabled == o.enabled && rate == o.rate && burst == o.burst
           && repositories == o.repositories && users == o.users && seed == o.seed
           && durationNs == o.durationNs && count == o.count && mix == o.mix
           && pushWeight == o.pushWeight && pullWeight == o.pullWeight
           && mountWeight == o.mountWeight && deleteWeight == o.deleteWeight && stamp == o.stamp;
}

bool ReplayConfig::operator==(const ReplayConfig &o) const
{
    return files == o.files && format == o.format && pace == o.pace;
}

QStringList TestEndpointUrl::resolve(QList<EndpointConfig> *endpoints,
                                     const std::function<QUrl(const QString &name)> &served)
{
    QStringList unresolved;
    for (EndpointConfig &endpoint : *endpoints) {
        QString name;
        if (!parse(endpoint.url, &name))
            continue;
        const QUrl url = served(name);
        if (url.isValid())
            endpoint.url = url.toString();
        else if (!endpoint.disabled)
            unresolved << name;
    }
    return unresolved;
}

bool TestEndpointUrl::parse(const QString &url, QString *name)
{
    const QString prefix = QLatin1String(Scheme) + QStringLiteral("://");
    if (!url.startsWith(prefix, Qt::CaseInsensitive))
        return false;
    QString rest = url.mid(prefix.size());
    while (rest.endsWith(QLatin1Char('/')))
        rest.chop(1);
    if (name)
        *name = rest;
    return true;
}

void TestEndpointUrl::restoreReferences(QList<EndpointConfig> *running,
                                        const QList<EndpointConfig> &written)
{
    for (EndpointConfig &endpoint : *running) {
        for (const EndpointConfig &original : written) {
            QString name;
            if (original.name != endpoint.name || !parse(original.url, &name))
                continue;
            const QUrl url(endpoint.url);
            if (url.host() == QLatin1String("127.0.0.1") && url.path() == QStringLiteral("/t/") + name)
                endpoint.url = original.url;
            break;
        }
    }
}

} // namespace hookscope
