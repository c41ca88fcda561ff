#include "core/engine/attemptbudget.h"
#include "core/engine/engine.h"
#include "sources/demo.h"
#include "sources/generator.h"
#include "rawhttpclient.h"
#include "sources/runtime.h"
#include "testing/testendpointserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace hookscope;
using namespace Qt::StringLiterals;

namespace {

AppConfig scenarioConfig()
{
    AppConfig config;
    TestEndpointConfig ok;
    ok.name = u"ok"_s;
    TestEndpointConfig flaky;
    flaky.name = u"flaky"_s;
    flaky.mode = u"failrate"_s;
    flaky.failRate = 0.3;
    flaky.seed = 11;
    config.testEndpoints = {ok, flaky};
    for (const QString &name : {u"ok"_s, u"flaky"_s}) {
        EndpointConfig e;
        e.name = name;
        e.url = u"testendpoint://"_s + name;
        e.backoffNs = 20'000'000;
        config.endpoints.append(e);
    }
    config.generator.enabled = true;
    config.generator.rate = 200;
    config.generator.count = 100;
    config.generator.seed = 5;
    return config;
}

} // namespace

class tst_Runtime : public QObject
{
    Q_OBJECT

    QJsonObject debugVars(const QString &address)
    {
        std::unique_ptr<QNetworkReply> reply(
            m_nam.get(QNetworkRequest(QUrl(u"http://%1/debug/vars"_s.arg(address)))));
        if (!QTest::qWaitFor([&reply] { return reply->isFinished(); }, 5000))
            return {};
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

    QNetworkAccessManager m_nam;


    static int statusFor(const QString &address, const QByteArray &request)
    {
        RawHttpClient client(quint16(address.section(u':', -1).toUInt()));
        if (!client.connectToServer())
            return -1;
        client.send(request);
        const auto response = client.readResponse();
        return response ? response->status : -1;
    }

private Q_SLOTS:
    // hookscope.ingest.validate/maxevents/allowedhosts and hookscope.admin.allowedhosts reach
    // the listeners the runtime starts.
    void listenerOptionsFlowFromTheConfig()
    {
        AppConfig config;
        config.ingest.listen = u"127.0.0.1:0"_s;
        config.ingest.maxEvents = 1;
        config.ingest.allowedHosts = {u"hookscope.internal"_s};
        config.admin.listen = u"127.0.0.1:0"_s;
        config.admin.allowedHosts = {u"admin.internal"_s};
        Runtime runtime;
        QString error;
        QVERIFY2(runtime.start(config, &error), qPrintable(error));
        const QByteArray event = R"({"id":"a","timestamp":"2026-11-27T18:55:52Z","action":"push","target":{}})";
        auto post = [](const QByteArray &host, const QByteArray &body) -> QByteArray {
            return "POST /events HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                   "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        };
        const QString ingest = runtime.ingestAddress();
        QCOMPARE(statusFor(ingest, post("hookscope.internal:5050", "{\"events\":[" + event + "]}")), 200);
        QCOMPARE(statusFor(ingest, post("attacker.example", "{\"events\":[" + event + "]}")), 421);
        QCOMPARE(statusFor(ingest, post("127.0.0.1", "{\"events\":[" + event + "," + event + "]}")), 413);
        QCOMPARE(statusFor(ingest, post("127.0.0.1", R"({"events":[{"id":"x"}]})")), 400);
        const QString admin = runtime.adminAddress();
        QCOMPARE(statusFor(admin, "GET /healthz HTTP/1.1\r\nHost: admin.internal\r\n\r\n"), 200);
        QCOMPARE(statusFor(admin, "GET /healthz HTTP/1.1\r\nHost: attacker.example\r\n\r\n"), 421);
        runtime.shutdown(0);
    }

    // hookscope.attemptlog.budget reaches the engine's one budget, which every endpoint shares.
    void attemptLogBudgetFlowsFromTheConfig()
    {
        AppConfig config;
        config.attemptLogBudgetBytes = 3 * 1024 * 1024;
        EndpointConfig endpoint;
        endpoint.name = u"a"_s;
        endpoint.url = u"http://127.0.0.1:9/hook"_s;
        endpoint.paused = true;
        config.endpoints = {endpoint};
        Runtime runtime;
        QString error;
        QVERIFY2(runtime.start(config, &error), qPrintable(error));
        qint64 limit = 0;
        runtime.host().call([&](Engine &engine) { limit = engine.attemptBudget().limit(); });
        QCOMPARE(limit, config.attemptLogBudgetBytes);
        runtime.shutdown(0);
    }

    void noScenarioNoTestEndpoints()
    {
        Runtime runtime;
        QString error;
        QVERIFY2(runtime.start(AppConfig(), &error), qPrintable(error));
        QCOMPARE(runtime.testEndpoints(), nullptr);
        QVERIFY(runtime.scenarioProblems().isEmpty());
        QVERIFY(runtime.receiverReport().isEmpty());
        runtime.shutdown(0);
    }

    // The configuration's scenario runs: endpoints reach the test endpoints through their
    // resolved urls, the generator feeds them, and the final report has no loss.
    void configScenarioRunsAndReportsNoLoss()
    {
        Runtime runtime;
        QString error;
        QVERIFY2(runtime.start(scenarioConfig(), &error), qPrintable(error));
        QVERIFY(runtime.scenarioProblems().isEmpty());
        TestEndpointServer *server = runtime.testEndpoints();
        QVERIFY(server);
        QCOMPARE(server->endpointNames(), QStringList({u"ok"_s, u"flaky"_s}));
        const auto snapshot = [&] { return runtime.host().snapshot(); };
        QTRY_VERIFY_WITH_TIMEOUT(snapshot()->endpoints.size() == 2, 3000);
        QVERIFY(snapshot()->endpoints[0].config.url.startsWith(u"http://127.0.0.1:"_s));
        QTRY_VERIFY_WITH_TIMEOUT(server->stats(u"ok"_s)->checks.uniqueIds == 100, 5000);
        runtime.shutdown(5000);
        QCOMPARE(runtime.testEndpoints(), nullptr);   // gone with the engine
        const QList<ReceiverReport> report = runtime.receiverReport();
        QCOMPARE(report.size(), 2);
        for (const ReceiverReport &r : report) {
            QCOMPARE(r.generated, 100u);
            QCOMPARE(r.lost, 0);
            QCOMPARE(r.stats.checks.duplicates, 0);
            QCOMPARE(r.stats.checks.outOfOrder, 0);
        }
        QVERIFY(report[1].stats.rejected > 0);   // flaky did fail some
        QVERIFY(report[0].toLine().startsWith(u"receiver ok accepted=100 unique=100 dup=0 order=0 lost=0 generated=100"_s));
    }

    // A test endpoint whose port is taken is reported; everything else starts.
    void portTakenIsAProblemNotAFailure()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        AppConfig config = scenarioConfig();
        config.testEndpoints[1].listen = u"127.0.0.1:%1"_s.arg(taken.serverPort());
        Runtime runtime;
        QString error;
        QVERIFY2(runtime.start(config, &error), qPrintable(error));
        QCOMPARE(runtime.scenarioProblems().size(), 1);
        QCOMPARE(runtime.scenarioProblems()[0].kind, ScenarioProblem::Runtime);
        QVERIFY(runtime.scenarioProblems()[0].message.contains(u"test endpoint flaky"_s));
        QVERIFY(runtime.testEndpoints());
        QCOMPARE(runtime.testEndpoints()->endpointNames(), QStringList{u"ok"_s});
        QTRY_VERIFY_WITH_TIMEOUT(runtime.testEndpoints()->stats(u"ok"_s)->checks.uniqueIds == 100, 5000);
        runtime.shutdown(0);
    }

    void demoHasTestEndpoints()
    {
        Runtime runtime;
        QString error;
        QVERIFY(runtime.start(AppConfig(), &error));
        QVERIFY2(runtime.startDemo(&error), qPrintable(error));
        QVERIFY(runtime.testEndpoints());
        QCOMPARE(runtime.testEndpoints()->endpointNames().size(), 3);
        runtime.shutdown(0);
    }

    // No demo: no test endpoints, and /debug/vars has no testEndpoints key.
    void noTestEndpointsWithoutDemo()
    {
        Runtime runtime;
        AppConfig config;
        config.admin.listen = u"127.0.0.1:0"_s;
        QString error;
        QVERIFY2(runtime.start(config, &error), qPrintable(error));
        QCOMPARE(runtime.testEndpoints(), nullptr);
        const QJsonObject page = debugVars(runtime.adminAddress());
        QVERIFY(page.contains(u"hookscope"_s));
        QVERIFY(!page.value(u"hookscope"_s).toObject().contains(u"testEndpoints"_s));
        runtime.shutdown(0);
    }

    // With the demo: testEndpoints() gives its server (usable from this thread: snapshots and
    // behaviour changes), /debug/vars lists the three with their receiver checks, and the
    // generator's submissions reach their "sent" counts. After shutdown, nullptr.
    void demoTestEndpoints()
    {
        Runtime runtime;
        AppConfig config;
        config.admin.listen = u"127.0.0.1:0"_s;
        QString error;
        QVERIFY2(runtime.start(config, &error), qPrintable(error));
        QVERIFY2(runtime.startDemo(&error), qPrintable(error));
        TestEndpointServer *server = runtime.testEndpoints();
        QVERIFY(server);
        QCOMPARE(server->endpointNames(), DemoScenario::endpointNames());
        QTRY_VERIFY_WITH_TIMEOUT(server->stats(u"healthy"_s)->checks.sent > 0, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(server->stats(u"healthy"_s)->checks.envelopes > 0, 5000);

        const QJsonArray list = debugVars(runtime.adminAddress())
                                    .value(u"hookscope"_s).toObject()
                                    .value(u"testEndpoints"_s).toArray();
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(1).toObject().value(u"name"_s).toString(), u"flaky"_s);
        QCOMPARE(list.at(1).toObject().value(u"behaviour"_s).toObject().value(u"mode"_s).toString(),
                 u"failrate"_s);
        QVERIFY(list.at(0).toObject().value(u"checks"_s).toObject().value(u"sent"_s).toInt() > 0);

        // Changed from this (non-engine) thread; applied on the engine thread.
        TestEndpointBehaviour reset;
        reset.mode = TestEndpointBehaviour::ResetConnection;
        QVERIFY(server->setBehaviour(u"healthy"_s, reset, &error));
        QTRY_COMPARE(server->behaviour(u"healthy"_s)->mode, TestEndpointBehaviour::ResetConnection);
        TestEndpointBehaviour invalid;
        invalid.mode = TestEndpointBehaviour::Status;
        invalid.status = 42;
        QVERIFY(!server->setBehaviour(u"healthy"_s, invalid, &error));
        QVERIFY(error.contains(u"42"_s));

        runtime.shutdown(0);
        QCOMPARE(runtime.testEndpoints(), nullptr);
    }
};

QTEST_GUILESS_MAIN(tst_Runtime)
#include "tst_runtime.moc"
