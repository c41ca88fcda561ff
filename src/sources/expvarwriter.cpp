#include "sources/expvarwriter.h"

#include "core/config/secretmask.h"
#include "sources/orderedjson.h"

#include <QJsonDocument>
#include <QMap>

namespace hookscope {

namespace {

// Go marshals http.Header (a map) with sorted keys, and a nil map as null.
QByteArray headersJson(const QList<QPair<QString, QStringList>> &headers)
{
    if (headers.isEmpty())
        return QByteArrayLiteral("null");
    QMap<QString, QStringList> byName;
    for (const auto &header : headers)
        byName[header.first] += maskHeaderValues(header.second);
    OrderedJson object;
    for (auto it = byName.cbegin(); it != byName.cend(); ++it)
        object.add(it.key().toUtf8().constData(), OrderedJson::stringList(it.value()));
    return object.toJson();
}

QByteArray countsJson(const QMap<QString, qint64> &counts)
{
    OrderedJson object;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        object.add(it.key().toUtf8().constData(), it.value());
    return object.toJson();
}

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QByteArray hookscopeEndpoint(const EndpointSnapshot &e)
{
    OrderedJson latency;
    latency.add("p50", e.latencyP50Ms).add("p95", e.latencyP95Ms).add("p99", e.latencyP99Ms);
    OrderedJson object;
    object.add("name", e.config.name)
        .add("disabled", e.config.disabled)
        .add("state", endpointStateName(e.state))
        .add("retryPolicy", e.config.retryPolicy == RetryPolicyKind::Breaker
                                ? QStringLiteral("breaker") : QStringLiteral("exponential"))
        .add("maxAttempts", e.config.maxAttempts)
        .add("maxBatch", e.config.maxBatch)
        .add("consecutiveFailures", e.consecutiveFailures)
        .add("lastStatus", e.lastStatus)
        .add("lastError", e.lastError.isEmpty() ? QJsonValue() : QJsonValue(e.lastError))
        .add("lastErrorAt", timeOrNull(e.lastErrorAt))
        .add("lastSuccessAt", timeOrNull(e.lastSuccessAt))
        .add("nextAttemptAt", timeOrNull(e.nextAttemptAt))
        .add("headEventId", e.headEventId.isEmpty() ? QJsonValue() : QJsonValue(QString::fromUtf8(e.headEventId)))
        .add("headAttempts", e.headAttempts)
        .add("oldestPendingAgeMs", e.oldestPendingAgeMs)
        .add("deadLetters", e.deadLetters)
        .add("droppedByFilter", e.droppedByFilter)
        .add("redeliveries", e.redeliveries)
        .add("errorClasses", countsJson(e.errorClasses))
        .add("latencyMs", latency.toJson())
        .add("deliveredPerSecond", e.deliveredPerSecond);
    return object.toJson();
}

} // namespace

QByteArray ExpvarWriter::registryEndpoint(const EndpointSnapshot &endpoint)
{
    const EndpointConfig &c = endpoint.config;
    const RegistryMetrics &m = endpoint.metrics;
    OrderedJson ignore;
    ignore.add("MediaTypes", OrderedJson::stringListOrNull(c.ignoreMediaTypes))
        .add("Actions", OrderedJson::stringListOrNull(c.ignoreActions));
    OrderedJson metrics;
    metrics.add("Pending", m.pending)
        .add("Events", m.events)
        .add("Successes", m.successes)
        .add("Failures", m.failures)
        .add("Errors", m.errors)
        .add("Statuses", countsJson(m.statuses));
    OrderedJson object;
    object.add("name", c.name)
        .add("url", maskUrl(c.url))   // the registry prints it in clear, like its headers; we do not
        .add("Headers", headersJson(c.headers))
        .add("Timeout", c.timeoutNs)
        .add("Threshold", c.threshold)
        .add("Backoff", c.backoffNs)
        .add("IgnoredMediaTypes", OrderedJson::stringListOrNull(c.ignoredMediaTypes))
        .add("Ignore", ignore.toJson())
        .add("Metrics", metrics.toJson());
    return object.toJson();
}

QByteArray ExpvarWriter::registryEndpoints(const EngineSnapshot &snapshot)
{
    QByteArrayList items;
    for (const EndpointSnapshot &endpoint : snapshot.endpoints) {
        if (!endpoint.config.disabled)
            items.append(registryEndpoint(endpoint));
    }
    // Go's nil slice: the registry shows null, not [], before any endpoint exists.
    if (items.isEmpty())
        return QByteArrayLiteral("null");
    return '[' + items.join(',') + ']';
}

QByteArray ExpvarWriter::testEndpointsJson(const QList<TestEndpointStats> &testEndpoints)
{
    QByteArrayList items;
    for (const TestEndpointStats &stats : testEndpoints)
        items.append(QJsonDocument(stats.toJson()).toJson(QJsonDocument::Compact));
    return '[' + items.join(',') + ']';
}

QByteArray ExpvarWriter::hookscopeSection(const EngineSnapshot &snapshot,
                                          const QList<TestEndpointStats> &testEndpoints)
{
    const IngestStats &in = snapshot.ingest;
    OrderedJson ingest;
    ingest.add("listen", in.listenAddress.isEmpty() ? QJsonValue() : QJsonValue(in.listenAddress))
        .add("requests", in.requests)
        .add("accepted", in.accepted)
        .add("eventsAccepted", in.eventsAccepted)
        .add("rejected", in.rejected)
        .add("timedOut", in.timedOut);
    QByteArrayList endpoints;
    for (const EndpointSnapshot &endpoint : snapshot.endpoints)
        endpoints.append(hookscopeEndpoint(endpoint));
    OrderedJson object;
    object.add("version", QStringLiteral(HOOKSCOPE_VERSION))
        .add("takenAt", timeOrNull(snapshot.takenAt))
        .add("eventsIn", snapshot.eventsIn)
        .add("admin", snapshot.adminAddress.isEmpty() ? QJsonValue() : QJsonValue(snapshot.adminAddress))
        .add("ingest", ingest.toJson())
        .add("endpoints", '[' + endpoints.join(',') + ']');
    if (!testEndpoints.isEmpty())
        object.add("testEndpoints", testEndpointsJson(testEndpoints));
    return object.toJson();
}

QByteArray ExpvarWriter::document(const EngineSnapshot &snapshot,
                                  const QList<TestEndpointStats> &testEndpoints)
{
    // Go's expvar handler: one top-level variable per line, keys sorted; nested expvar Maps
    // print as {"key": value} with a space after the colon.
    return "{\n\"hookscope\": " + hookscopeSection(snapshot, testEndpoints) + ",\n\"registry\": {\"notifications\": "
        + "{\"endpoints\": " + registryEndpoints(snapshot) + "}}\n}\n";
}

} // namespace hookscope
