#include "sources/generator.h"
#include "sources/replayer.h"
#include "sources/scenario.h"
#include "testing/testendpointserver.h"
#include "networkcalls.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace hookscope;
using namespace Qt::StringLiterals;

namespace {

TestEndpointConfig testEndpoint(const QString &name, const QString &mode = u"healthy"_s)
{
    TestEndpointConfig c;
    c.name = name;
    c.mode = mode;
    return c;
}

EndpointConfig endpointTo(const QString &name)
{
    EndpointConfig e;
    e.name = name;
    e.url = u"testendpoint://"_s + name;
    return e;
}

} // namespace

class tst_Scenario : public QObject
{
    Q_OBJECT

private:
    int post(const QUrl &url)
    {
        return test::postStatus(m_network, url, QByteArray("{\"events\":[{\"id\":\"x\"}]}"),
                                QByteArray("application/json"));
    }

    QNetworkAccessManager m_network;

private Q_SLOTS:
    // Good test endpoints run; a bad one is named in problems() (config or runtime) and the rest
    // is not affected.
    void badTestEndpointsAreReportedAndLeftOut()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        TestEndpointConfig busy = testEndpoint(u"busy"_s);
        busy.listen = u"127.0.0.1:%1"_s.arg(taken.serverPort());
        busy.line = 9;
        TestEndpointConfig teapot = testEndpoint(u"teapot"_s, u"status"_s);
        teapot.status = 418;
        Scenario scenario;
        scenario.startTestEndpoints({testEndpoint(u"ok"_s), testEndpoint(u"typo"_s, u"flakey"_s), busy, teapot},
                                    u"ci.yml"_s);
        QVERIFY(scenario.testEndpoints());
        QCOMPARE(scenario.testEndpoints()->endpointNames(), QStringList({u"ok"_s, u"teapot"_s}));
        const QList<ScenarioProblem> problems = scenario.problems();
        QCOMPARE(problems.size(), 2);
        QCOMPARE(problems[0].kind, ScenarioProblem::Config);
        QVERIFY2(problems[0].message.startsWith(u"ci.yml: test endpoint typo: unknown mode \"flakey\""_s), qPrintable(problems[0].message));
        QCOMPARE(problems[1].kind, ScenarioProblem::Runtime);
        QVERIFY2(problems[1].message.startsWith(u"ci.yml:9: test endpoint busy: cannot listen on 127.0.0.1:%1"_s.arg(taken.serverPort())),
                 qPrintable(problems[1].message));
        QVERIFY(scenario.hasConfigProblem());

        // testendpoint:// urls become the real ones; one to a test endpoint that did not start
        // stays as it is (its deliveries fail visibly).
        const QList<EndpointConfig> resolved = scenario.resolveEndpoints({endpointTo(u"ok"_s), endpointTo(u"teapot"_s), endpointTo(u"typo"_s)});
        QVERIFY(resolved[0].url.startsWith(u"http://127.0.0.1:"_s));
        QVERIFY(resolved[0].url.endsWith(u"/t/ok"_s));
        QCOMPARE(post(QUrl(resolved[0].url)), 200);
        QCOMPARE(post(QUrl(resolved[1].url)), 418);
        QCOMPARE(resolved[2].url, u"testendpoint://typo"_s);
        scenario.stop();
        QVERIFY(!scenario.testEndpoints());
    }

    void generatorCountWithoutRateGoesOutAtOnce()
    {
        AppConfig config;
        config.generator.enabled = true;
        config.generator.rate = 0;
        config.generator.count = 25;
        config.generator.seed = 4;
        Scenario scenario;
        int submitted = 0;
        scenario.startTraffic(config, [&](const EventBlock &block) { return (submitted += int(block.size())) > 0; });
        QCOMPARE(submitted, 25);
        QVERIFY(!scenario.generator()->isRunning());
        QCOMPARE(scenario.generator()->lastSequence(), 25u);
    }

    void generatorStopsAtCountAndDuration()
    {
        AppConfig config;
        config.generator.enabled = true;
        config.generator.rate = 200;
        config.generator.count = 30;
        Scenario scenario;
        int submitted = 0;
        scenario.startTraffic(config, [&](const EventBlock &) { return ++submitted > 0; });
        QTRY_VERIFY(!scenario.generator()->isRunning());
        QCOMPARE(submitted, 30);

        config.generator.count = 0;
        config.generator.durationNs = 300'000'000;
        Scenario timed;
        int timedSubmitted = 0;
        timed.startTraffic(config, [&](const EventBlock &) { return ++timedSubmitted > 0; });
        QTRY_VERIFY_WITH_TIMEOUT(!timed.generator()->isRunning(), 3000);
        const int atStop = timedSubmitted;
        QVERIFY2(atStop >= 30 && atStop <= 120, qPrintable(QString::number(atStop)));
        QTest::qWait(100);
        QCOMPARE(timedSubmitted, atStop);
    }

    // burst: N sends N events together at the same average rate.
    void generatorBursts()
    {
        AppConfig config;
        config.generator.enabled = true;
        config.generator.rate = 100;
        config.generator.burst = 10;
        config.generator.mix = u"pull"_s;
        Scenario scenario;
        QList<int> perTick;
        int current = 0;
        scenario.startTraffic(config, [&](const EventBlock &) { return ++current > 0; });
        connect(scenario.generator(), &Generator::eventsSubmitted, this, [&](int accepted, int) { perTick.append(accepted); });
        QTRY_VERIFY_WITH_TIMEOUT(perTick.size() >= 3, 3000);
        scenario.stopTraffic();
        for (int n : std::as_const(perTick))
            QVERIFY2(n % 10 == 0, qPrintable(QString::number(n)));
        QCOMPARE(current % 10, 0);
    }

    void generatorTakesTheConfiguredShape()
    {
        AppConfig config;
        config.generator.enabled = true;
        config.generator.rate = 0;
        config.generator.count = 40;
        config.generator.repositories = {u"team/only"_s};
        config.generator.users = {u"robot"_s};
        config.generator.mix = u"push"_s;
        config.generator.stamp = false;
        Scenario scenario;
        EventBlock all;
        scenario.startTraffic(config, [&](const EventBlock &block) {
            all.insert(all.end(), block.begin(), block.end());
            return true;
        });
        QCOMPARE(all.size(), size_t(40));
        for (const EventPtr &event : all) {
            QCOMPARE(event->repository(), u"team/only"_s);
            QCOMPARE(event->action(), u"push"_s);
            QVERIFY(!event->compactJson().contains("\"hookscope\""));
            QVERIFY(event->compactJson().contains("\"name\":\"robot\""));
        }
    }

    // Replay publishes the good files; a malformed one is a config problem naming file and line
    // and publishes nothing.
    void replayPublishesGoodFilesOnly()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray event = R"({"id":"%1","timestamp":"2026-11-27T18:55:52Z","action":"push","target":{"repository":"r"},"request":{"method":"PUT"}})";
        QFile good(dir.filePath(u"good.ndjson"_s));
        QVERIFY(good.open(QIODevice::WriteOnly));
        good.write(QByteArray(event).replace("%1", "g1") + "\n" + QByteArray(event).replace("%1", "g2") + "\n");
        good.close();
        QFile bad(dir.filePath(u"bad.ndjson"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(QByteArray(event).replace("%1", "b1") + "\n{\"id\": \"b2\"}\n");
        bad.close();
        AppConfig config;
        config.replay.files = {good.fileName(), bad.fileName()};
        config.replay.format = u"auto"_s;
        config.replay.pace = u"fast"_s;
        Scenario scenario;
        QList<QByteArray> ids;
        scenario.startTraffic(config, [&](const EventBlock &block) {
            ids.append(block.front()->id());
            return true;
        });
        QCOMPARE(scenario.problems().size(), 1);
        QCOMPARE(scenario.problems()[0].kind, ScenarioProblem::Config);
        QVERIFY2(scenario.problems()[0].message.contains(bad.fileName() + u":2: \"timestamp\" is missing"_s),
                 qPrintable(scenario.problems()[0].message));
        QTRY_COMPARE(ids, QList<QByteArray>({"g1", "g2"}));
        QVERIFY(scenario.replayer());
    }
};

QTEST_GUILESS_MAIN(tst_Scenario)
#include "tst_scenario.moc"
