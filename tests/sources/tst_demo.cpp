#include "sources/demo.h"
#include "core/engine/engine.h"
#include "testing/testendpointserver.h"
#include "networkcalls.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace hookscope;
using namespace Qt::StringLiterals;

namespace {

// ms-scale timings so the down-then-healing endpoint heals within the test.
DemoOptions fastOptions()
{
    DemoOptions o;
    o.rate = 50;
    o.downMs = 200;
    o.upMs = 60000;
    o.seed = 17;
    return o;
}

} // namespace

class tst_DemoScenario : public QObject
{
    Q_OBJECT

private:
    // POSTs one registry-shaped envelope; returns the HTTP status, or -error when none came.
    int post(const QUrl &url)
    {
        return test::postStatus(m_network, url, QByteArray("{\"events\":[{\"id\":\"x\"}]}"),
                                QByteArray("application/vnd.docker.distribution.events.v1+json"));
    }

    QNetworkAccessManager m_network;

private Q_SLOTS:
    // start() opens the three endpoints; the config points at them with the fixtures' settings.
    void startsThreeReachableEndpoints()
    {
        DemoScenario demo(fastOptions());
        QVERIFY(demo.config().endpoints.isEmpty());
        QString error;
        QVERIFY2(demo.start(&error), qPrintable(error));
        const AppConfig config = demo.config();
        QCOMPARE(config.endpoints.size(), 3);
        QStringList names;
        for (const EndpointConfig &e : config.endpoints) {
            names.append(e.name);
            QCOMPARE(e.threshold, 3);
            QCOMPARE(e.backoffMs(), 1000);
            QCOMPARE(e.timeoutMs(), 1000);
            QVERIFY(e.url.startsWith(u"http://127.0.0.1:"_s));
        }
        QCOMPARE(names, DemoScenario::endpointNames());
        QCOMPARE(post(QUrl(config.endpoints.at(0).url)), 200);
        const int flaky = post(QUrl(config.endpoints.at(1).url));
        QVERIFY(flaky == 200 || (flaky >= 500 && flaky <= 504));
        // Down first (a real refusal on its own port), then healed.
        const QUrl healing(config.endpoints.at(2).url);
        QCOMPARE(post(healing), -int(QNetworkReply::ConnectionRefusedError));
        QTRY_COMPARE_WITH_TIMEOUT(post(healing), 200, 3000);
        demo.stop();
        QVERIFY(!demo.isRunning());
        QCOMPARE(post(QUrl(config.endpoints.at(0).url)), -int(QNetworkReply::ConnectionRefusedError));
    }

    // With an Engine attached, generated events reach the healthy endpoint in order and without
    // duplicates, and the flaky one sees failures.
    void eventsFlowThroughEngine()
    {
        DemoOptions options = fastOptions();
        options.rate = 100;
        DemoScenario demo(options);
        QVERIFY(demo.start(nullptr));
        Engine engine;
        QList<EndpointConfig> endpoints = demo.config().endpoints;
        for (EndpointConfig &e : endpoints)
            e.backoffNs = 20'000'000;   // the test need not wait the demo's 1 s backoff
        engine.applyEndpoints(endpoints);
        demo.attach([&engine](const EventBlock &block) { return engine.submit(block); });
        QVERIFY(demo.generator()->isRunning());
        TestEndpointServer *servers = demo.testEndpoints();
        QTRY_VERIFY_WITH_TIMEOUT(servers->stats(u"healthy"_s)->checks.uniqueIds >= 30, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(servers->stats(u"flaky"_s)->rejected >= 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(servers->stats(u"down-then-healing"_s)->accepted >= 1, 5000);
        demo.generator()->stop();
        const quint64 sent = demo.generator()->lastSequence();
        const QString stream = demo.generator()->stream();
        // Everything sent arrives at the healthy endpoint, once and in order.
        QTRY_COMPARE_WITH_TIMEOUT(servers->missing(u"healthy"_s, stream, sent), 0, 5000);
        const TestEndpointStats healthy = *servers->stats(u"healthy"_s);
        QCOMPARE(healthy.checks.duplicates, 0);
        QCOMPARE(healthy.checks.outOfOrder, 0);
        QCOMPARE(healthy.checks.multiEventEnvelopes, 0);
        QCOMPARE(healthy.checks.uniqueIds, qint64(sent));
        // The others catch up too: no loss once their queues drain.
        QTRY_COMPARE_WITH_TIMEOUT(servers->missing(u"flaky"_s, stream, sent), 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(servers->missing(u"down-then-healing"_s, stream, sent), 0, 10000);
        QCOMPARE(servers->stats(u"flaky"_s)->checks.outOfOrder, 0);
        // The demo told every test endpoint what the generator submitted, so their own "lost"
        // agrees: zero once drained, against everything sent.
        for (const QString &name : DemoScenario::endpointNames()) {
            const ReceiverCheckCounts c = servers->stats(name)->checks;
            QCOMPARE(c.sent, qint64(sent));
            QCOMPARE(c.lost, 0);
        }
    }
};

QTEST_GUILESS_MAIN(tst_DemoScenario)
#include "tst_demo.moc"
