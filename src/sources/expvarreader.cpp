#include "sources/expvarreader.h"

#include "core/config/secretmask.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace hookscope {

namespace {

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &item : value.toArray())
        out.append(item.toString());
    return out;
}

QString excerpt(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(120)).simplified();
    return text.isEmpty() ? QStringLiteral("an empty body") : QStringLiteral("\"%1\"").arg(text);
}

EndpointSnapshot endpointFrom(const QJsonObject &o)
{
    EndpointSnapshot e;
    EndpointConfig &c = e.config;
    c.name = o.value(QLatin1String("name")).toString();
    // A remote registry prints its endpoints' URLs (and header values) in clear; attach mode only
    // shows them, never sends to them, so they are masked as they are read.
    c.url = maskUrl(o.value(QLatin1String("url")).toString());
    const QJsonObject headers = o.value(QLatin1String("Headers")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        c.headers.append({it.key(), maskHeaderValues(stringList(it.value()))});
    c.timeoutNs = qint64(o.value(QLatin1String("Timeout")).toDouble());
    c.threshold = o.value(QLatin1String("Threshold")).toInt();
    c.backoffNs = qint64(o.value(QLatin1String("Backoff")).toDouble());
    c.ignoredMediaTypes = stringList(o.value(QLatin1String("IgnoredMediaTypes")));
    const QJsonObject ignore = o.value(QLatin1String("Ignore")).toObject();
    c.ignoreMediaTypes = stringList(ignore.value(QLatin1String("MediaTypes")));
    c.ignoreActions = stringList(ignore.value(QLatin1String("Actions")));
    const QJsonObject m = o.value(QLatin1String("Metrics")).toObject();
    e.metrics.pending = qint64(m.value(QLatin1String("Pending")).toDouble());
    e.metrics.events = qint64(m.value(QLatin1String("Events")).toDouble());
    e.metrics.successes = qint64(m.value(QLatin1String("Successes")).toDouble());
    e.metrics.failures = qint64(m.value(QLatin1String("Failures")).toDouble());
    e.metrics.errors = qint64(m.value(QLatin1String("Errors")).toDouble());
    const QJsonObject statuses = m.value(QLatin1String("Statuses")).toObject();
    for (auto it = statuses.begin(); it != statuses.end(); ++it)
        e.metrics.statuses.insert(it.key(), qint64(it.value().toDouble()));
    return e;
}

} // namespace

ExpvarReader::Result ExpvarReader::fromExpvar(const QByteArray &body)
{
    Result result;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject()) {
        result.error = QStringLiteral("not expvar JSON (%1): received %2")
                           .arg(parseError.error == QJsonParseError::NoError ? QStringLiteral("not an object")
                                                                             : parseError.errorString(),
                                excerpt(body));
        return result;
    }
    QJsonObject notifications = document.object();
    const QJsonValue allocated
        = notifications.value(QLatin1String("memstats")).toObject().value(QLatin1String("TotalAlloc"));
    if (allocated.isDouble())
        result.allocatedBytes = qint64(allocated.toDouble());
    if (notifications.contains(QLatin1String("registry")))
        notifications = notifications.value(QLatin1String("registry")).toObject().value(QLatin1String("notifications")).toObject();
    if (!notifications.contains(QLatin1String("endpoints"))) {
        result.error = QStringLiteral("expvar has no registry.notifications.endpoints (is this a registry's debug address?)");
        return result;
    }
    const QJsonValue endpoints = notifications.value(QLatin1String("endpoints"));
    if (!endpoints.isArray() && !endpoints.isNull()) {
        result.error = QStringLiteral("registry.notifications.endpoints is not a list");
        return result;
    }
    for (const QJsonValue &value : endpoints.toArray()) {
        if (value.isObject())
            result.endpoints.append(endpointFrom(value.toObject()));
    }
    return result;
}

ExpvarReader::Result ExpvarReader::fromPrometheus(const QByteArray &body)
{
    // registry v3: registry_notifications_events_total{endpoint="x",type="Events"} 12
    //              registry_notifications_pending_total{endpoint="x"} 0
    //              registry_notifications_status_total{code="200 OK",endpoint="x"} 12
    static const QRegularExpression line(QStringLiteral(
        R"(^registry_notifications_(events|pending|status)_total\{([^}]*)\}\s+([0-9.eE+-]+))"));
    static const QRegularExpression label(QStringLiteral(R"re((\w+)="((?:[^"\\]|\\.)*)")re"));
    Result result;
    QMap<QString, int> index;
    bool sawAny = false;
    for (const QByteArray &raw : body.split('\n')) {
        if (raw.startsWith("go_memstats_alloc_bytes_total "))
            result.allocatedBytes = qint64(raw.mid(30).trimmed().toDouble());
        else if (raw.startsWith("process_start_time_seconds "))
            result.startTimeSeconds = raw.mid(27).trimmed().toDouble();
        const QRegularExpressionMatch match = line.match(QString::fromUtf8(raw));
        if (!match.hasMatch())
            continue;
        sawAny = true;
        QMap<QString, QString> labels;
        auto it = label.globalMatch(match.captured(2));
        while (it.hasNext()) {
            const QRegularExpressionMatch l = it.next();
            labels.insert(l.captured(1), l.captured(2));
        }
        const QString name = labels.value(QStringLiteral("endpoint"));
        if (!index.contains(name)) {
            index.insert(name, int(result.endpoints.size()));
            EndpointSnapshot e;
            e.config.name = name;
            result.endpoints.append(e);
        }
        RegistryMetrics &m = result.endpoints[index.value(name)].metrics;
        const qint64 value = qint64(match.captured(3).toDouble());
        const QString kind = match.captured(1);
        if (kind == QLatin1String("pending")) {
            m.pending = value;
        } else if (kind == QLatin1String("status")) {
            m.statuses.insert(labels.value(QStringLiteral("code")), value);
        } else {
            const QString type = labels.value(QStringLiteral("type"));
            if (type == QLatin1String("Events"))
                m.events = value;
            else if (type == QLatin1String("Successes"))
                m.successes = value;
            else if (type == QLatin1String("Failures"))
                m.failures = value;
            else if (type == QLatin1String("Errors"))
                m.errors = value;
        }
    }
    if (!sawAny)
        result.error = QStringLiteral("no registry_notifications_* metrics in %1").arg(excerpt(body));
    return result;
}

} // namespace hookscope
