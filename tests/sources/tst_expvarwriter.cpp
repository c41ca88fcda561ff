#include "sources/expvarwriter.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace hookscope;

namespace {

QJsonObject parseObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON (%s): %s", qPrintable(error.errorString()), json.constData());
    return document.object();
}

// The registry shows header values in clear text; hookscope masks them. Apply the same mask to
// the capture so everything else can be compared exactly.
QJsonArray withMaskedHeaders(QJsonArray endpoints)
{
    for (qsizetype i = 0; i < endpoints.size(); ++i) {
        QJsonObject endpoint = endpoints.at(i).toObject();
        QJsonObject headers = endpoint.value(QStringLiteral("Headers")).toObject();
        if (headers.isEmpty())
            continue;
        for (auto it = headers.begin(); it != headers.end(); ++it) {
            QJsonArray masked;
            for (const QJsonValue &value : it.value().toArray())
                masked.append(QString(value.toString().section(QLatin1Char(' '), 0, 0) + QStringLiteral(" ******")));
            it.value() = masked;
        }
        endpoint.insert(QStringLiteral("Headers"), headers);
        endpoints.replace(i, endpoint);
    }
    return endpoints;
}

} // namespace

class tst_ExpvarWriter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A snapshot with the registry's numbers renders as the registry rendered them (values
    // compared as JSON), apart from the masked Authorization header.
    void matchesRegistryCapture_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("5-recovered") << QStringLiteral("expvar-5-recovered.json");
        QTest::newRow("full-end") << QStringLiteral("expvar-full-end.json");
        QTest::newRow("0-startup") << QStringLiteral("expvar-0-startup.json");
    }
    void matchesRegistryCapture()
    {
        QFETCH(QString, file);
        const QJsonArray captured = fixtures::expvarEndpoints(fixtures::readJson(file));
        QVERIFY(!captured.isEmpty());
        const EngineSnapshot snapshot = fixtures::snapshotFromExpvar(captured);

        const QJsonObject document = parseObject(ExpvarWriter::document(snapshot));
        const QJsonArray written = document.value(QStringLiteral("registry")).toObject()
                                       .value(QStringLiteral("notifications")).toObject()
                                       .value(QStringLiteral("endpoints")).toArray();
        QCOMPARE(written, withMaskedHeaders(captured));
    }

    // Byte for byte too, key order included (Go struct order, not QJsonObject's sorted order):
    // the full page of the capture has the endpoints compact, exactly as Go wrote them.
    void sameBytesAsGo()
    {
        const QByteArray page = fixtures::read(QStringLiteral("expvar-full-end.json"));
        const qsizetype start = page.indexOf("\"endpoints\": [") + int(sizeof("\"endpoints\": ") - 1);
        const qsizetype end = page.indexOf("]}, \"proxy\"", start) + 1;
        QVERIFY(start > 20 && end > start);
        const QByteArray goText = page.mid(start, end - start);

        const EngineSnapshot snapshot = fixtures::snapshotFromExpvar(
            fixtures::expvarEndpoints(fixtures::readJson(QStringLiteral("expvar-full-end.json"))));
        QByteArray ours = ExpvarWriter::registryEndpoints(snapshot);
        ours.replace("Bearer ******", "Bearer fixture-token");
        QCOMPARE(ours, goText);
    }

    // Go's nil slice: no endpoints at all is null, not [].
    void noEndpointsIsNull()
    {
        EngineSnapshot snapshot;
        QCOMPARE(ExpvarWriter::registryEndpoints(snapshot), QByteArray("null"));
        const QJsonObject document = parseObject(ExpvarWriter::document(snapshot));
        QVERIFY(document.value(QStringLiteral("registry")).toObject()
                    .value(QStringLiteral("notifications")).toObject()
                    .value(QStringLiteral("endpoints")).isNull());
    }

    // Filters and disabled endpoints: lists appear when set; disabled endpoints are not in the
    // registry section (the registry never creates them) but are in hookscope's.
    void filtersAndDisabled()
    {
        EndpointSnapshot a;
        a.config.name = QStringLiteral("a");
        a.config.url = QStringLiteral("http://x/events?q=\"1\"");
        a.config.ignoredMediaTypes = {QStringLiteral("application/octet-stream")};
        a.config.ignoreActions = {QStringLiteral("pull")};
        a.config.headers = {{QStringLiteral("X-Token"), {QStringLiteral("secret")}},
                            {QStringLiteral("Authorization"), {QStringLiteral("Basic abc")}}};
        EndpointSnapshot b;
        b.config.name = QStringLiteral("b");
        b.config.disabled = true;
        EngineSnapshot snapshot;
        snapshot.endpoints = {a, b};

        const QJsonArray registry = parseObject('{' + ("\"e\":" + ExpvarWriter::registryEndpoints(snapshot)) + '}')
                                        .value(QStringLiteral("e")).toArray();
        QCOMPARE(registry.size(), 1);
        const QJsonObject written = registry.first().toObject();
        QCOMPARE(written.value(QStringLiteral("url")).toString(), a.config.url);
        QCOMPARE(written.value(QStringLiteral("IgnoredMediaTypes")).toArray(),
                 QJsonArray{QStringLiteral("application/octet-stream")});
        const QJsonObject ignore = written.value(QStringLiteral("Ignore")).toObject();
        QVERIFY(ignore.value(QStringLiteral("MediaTypes")).isNull());
        QCOMPARE(ignore.value(QStringLiteral("Actions")).toArray(), QJsonArray{QStringLiteral("pull")});
        const QJsonObject headers = written.value(QStringLiteral("Headers")).toObject();
        QCOMPARE(headers.value(QStringLiteral("X-Token")).toArray(), QJsonArray{QStringLiteral("******")});
        QCOMPARE(headers.value(QStringLiteral("Authorization")).toArray(), QJsonArray{QStringLiteral("Basic ******")});
        QVERIFY(!ExpvarWriter::document(snapshot).contains("secret"));
        // Go's HTML-safe escaping of & < > in strings.
        EndpointSnapshot withQuery;
        withQuery.config.url = QStringLiteral("http://x/events?a=1&b=<2>");
        QVERIFY(ExpvarWriter::registryEndpoint(withQuery).contains(
            "\"url\":\"http://x/events?a=1\\u0026b=\\u003c2\\u003e\""));
        QCOMPARE(written.value(QStringLiteral("Metrics")).toObject().value(QStringLiteral("Statuses")).toObject(), QJsonObject());

        const QJsonArray extra = parseObject(ExpvarWriter::hookscopeSection(snapshot))
                                     .value(QStringLiteral("endpoints")).toArray();
        QCOMPARE(extra.size(), 2);
        QCOMPARE(extra.at(1).toObject().value(QStringLiteral("disabled")).toBool(), true);
    }

    // The registry prints endpoint URLs in clear; hookscope masks a userinfo password and
    // secret-looking query values everywhere in the document, and leaves other URLs as they are.
    void urlsMasked()
    {
        EndpointSnapshot a;
        a.config.name = QStringLiteral("a");
        a.config.url = QStringLiteral("http://user:pa55@[::1]:9000/events?token=t0k&x=1");
        a.lastError = QStringLiteral("Error transferring http://user:***@[::1]:9000/events?token=*** - refused");
        EndpointSnapshot b;
        b.config.name = QStringLiteral("b");
        b.config.url = QStringLiteral("http://h/events?x=1");
        EngineSnapshot snapshot;
        snapshot.endpoints = {a, b};
        const QJsonArray registry = parseObject('{' + ("\"e\":" + ExpvarWriter::registryEndpoints(snapshot)) + '}')
                                        .value(QStringLiteral("e")).toArray();
        QCOMPARE(registry.at(0).toObject().value(QStringLiteral("url")).toString(),
                 QStringLiteral("http://user:***@[::1]:9000/events?token=***&x=1"));
        QCOMPARE(registry.at(1).toObject().value(QStringLiteral("url")).toString(), b.config.url);
        const QByteArray document = ExpvarWriter::document(snapshot);
        QVERIFY(!document.contains("pa55"));
        QVERIFY(!document.contains("t0k"));
    }

    // The hookscope section carries the snapshot fields the registry does not have.
    void hookscopeSection()
    {
        EndpointSnapshot e;
        e.config.name = QStringLiteral("flaky");
        e.state = EndpointState::BackingOff;
        e.consecutiveFailures = 4;
        e.lastStatus = 503;
        e.lastError = QStringLiteral("response status 503 Service Unavailable unaccepted");
        e.lastErrorAt = QDateTime(QDate(2026, 11, 27), QTime(18, 55, 52, 465), Qt::UTC);
        e.headEventId = "3d437dc5";
        e.headAttempts = 5;
        e.deadLetters = 2;
        e.errorClasses = {{QStringLiteral("refused"), 3}};
        e.latencyP50Ms = 1.5;
        e.latencyP99Ms = 250;
        e.deliveredPerSecond = 0.25;
        EngineSnapshot snapshot;
        snapshot.endpoints = {e};
        snapshot.eventsIn = 33;
        snapshot.adminAddress = QStringLiteral("127.0.0.1:5051");
        snapshot.ingest.listenAddress = QStringLiteral("127.0.0.1:5050");
        snapshot.ingest.requests = 34;
        snapshot.ingest.rejected = 1;

        const QJsonObject section = parseObject(ExpvarWriter::document(snapshot)).value(QStringLiteral("hookscope")).toObject();
        QCOMPARE(section.value(QStringLiteral("eventsIn")).toInt(), 33);
        QCOMPARE(section.value(QStringLiteral("admin")).toString(), QStringLiteral("127.0.0.1:5051"));
        const QJsonObject ingest = section.value(QStringLiteral("ingest")).toObject();
        QCOMPARE(ingest.value(QStringLiteral("listen")).toString(), QStringLiteral("127.0.0.1:5050"));
        QCOMPARE(ingest.value(QStringLiteral("requests")).toInt(), 34);
        QCOMPARE(ingest.value(QStringLiteral("rejected")).toInt(), 1);
        const QJsonObject endpoint = section.value(QStringLiteral("endpoints")).toArray().first().toObject();
        QCOMPARE(endpoint.value(QStringLiteral("state")).toString(), QStringLiteral("backing off"));
        QCOMPARE(endpoint.value(QStringLiteral("consecutiveFailures")).toInt(), 4);
        QCOMPARE(endpoint.value(QStringLiteral("lastStatus")).toInt(), 503);
        QCOMPARE(endpoint.value(QStringLiteral("lastError")).toString(), e.lastError);
        QCOMPARE(endpoint.value(QStringLiteral("lastErrorAt")).toString(), QStringLiteral("2026-11-27T18:55:52.465Z"));
        QVERIFY(endpoint.value(QStringLiteral("lastSuccessAt")).isNull());
        QCOMPARE(endpoint.value(QStringLiteral("headEventId")).toString(), QStringLiteral("3d437dc5"));
        QCOMPARE(endpoint.value(QStringLiteral("headAttempts")).toInt(), 5);
        QCOMPARE(endpoint.value(QStringLiteral("deadLetters")).toInt(), 2);
        QCOMPARE(endpoint.value(QStringLiteral("disabled")).toBool(), false);
        QCOMPARE(endpoint.value(QStringLiteral("errorClasses")).toObject().value(QStringLiteral("refused")).toInt(), 3);
        const QJsonObject latency = endpoint.value(QStringLiteral("latencyMs")).toObject();
        QCOMPARE(latency.value(QStringLiteral("p50")).toDouble(), 1.5);
        QCOMPARE(latency.value(QStringLiteral("p99")).toDouble(), 250.0);
        QCOMPARE(endpoint.value(QStringLiteral("deliveredPerSecond")).toDouble(), 0.25);
    }
};

QTEST_GUILESS_MAIN(tst_ExpvarWriter)
#include "tst_expvarwriter.moc"
