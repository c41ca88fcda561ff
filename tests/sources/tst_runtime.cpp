#include "generator.h"
#include "runtime.h"
#include "testendpointserver.h"

#include <QTcpServer>
#include <QTest>

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

private Q_SLOTS:
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
};

QTEST_GUILESS_MAIN(tst_Runtime)
#include "tst_runtime.moc"
