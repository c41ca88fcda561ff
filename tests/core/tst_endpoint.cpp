#include "core/engine/endpoint.h"
#include "fakehttpserver.h"
#include "core/model/envelope.h"
#include "testevents.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

EndpointConfig configFor(const FakeHttpServer &server, int threshold, int backoffMs, int timeoutMs = 1000)
{
    EndpointConfig config;
    config.name = QStringLiteral("ep");
    config.url = server.url().toString();
    config.threshold = threshold;
    config.backoffNs = qint64(backoffMs) * 1'000'000;
    config.timeoutNs = qint64(timeoutMs) * 1'000'000;
    return config;
}

QList<qint64> gaps(const FakeHttpServer &server)
{
    QList<qint64> out;
    const auto &r = server.received();
    for (int i = 1; i < r.size(); ++i)
        out.append(r.at(i).atMs - r.at(i - 1).atMs);
    return out;
}

QString describe(const QList<qint64> &values)
{
    QStringList parts;
    for (qint64 v : values)
        parts.append(QString::number(v));
    return parts.join(QLatin1Char(' '));
}

} // namespace

class tst_Endpoint final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The registry's counters for 3 x 500 then 200 on one event: Failures count attempts,
    // Statuses count both, Pending includes the event being retried until it is delivered.
    void metricsMatchRegistry()
    {
        FakeHttpServer server;
        server.enqueue({FakeStep::respond(500), FakeStep::respond(500), FakeStep::respond(500)});
        QNetworkAccessManager network;
        Endpoint endpoint(configFor(server, 10, 1), &network);
        endpoint.write(makeEvents(1));
        QCOMPARE(endpoint.snapshot().metrics.pending, 1);
        QTRY_COMPARE(endpoint.snapshot().metrics.successes, 1);
        const RegistryMetrics m = endpoint.snapshot().metrics;
        RegistryMetrics expected;
        expected.pending = 0;
        expected.events = 1;
        expected.successes = 1;
        expected.failures = 3;
        expected.errors = 0;
        expected.statuses = {{QStringLiteral("500 Internal Server Error"), 3}, {QStringLiteral("200 OK"), 1}};
        QCOMPARE(m, expected);
        QCOMPARE(endpoint.attemptLog().recent().size(), 4);
    }

    // Registry cadence against a 500 receiver: threshold attempts back to back, then one per backoff.
    void failingReceiverCadence()
    {
        FakeHttpServer server;
        server.setDefaultStep(FakeStep::respond(500));
        QNetworkAccessManager network;
        Endpoint endpoint(configFor(server, 3, 200), &network);
        endpoint.write(makeEvents(1));
        QVERIFY(server.waitForRequests(6, 5000));
        const QList<qint64> g = gaps(server);
        QVERIFY2(g.at(0) < 100 && g.at(1) < 100, qPrintable(describe(g)));
        for (int i = 2; i < 5; ++i)
            QVERIFY2(g.at(i) >= 190 && g.at(i) < 400, qPrintable(describe(g)));
        QTRY_VERIFY(endpoint.snapshot().metrics.failures >= 6);   // the 6th answer may still be in flight
        const EndpointSnapshot s = endpoint.snapshot();
        QCOMPARE(s.metrics.successes, 0);
        QCOMPARE(s.metrics.errors, 0);
        QCOMPARE(s.headEventId, QByteArray("ev-0"));
        QVERIFY(s.consecutiveFailures >= 6);
        QCOMPARE(s.lastStatus, 500);
    }

    // A hanging receiver: each attempt waits the whole timeout; past the threshold timeout + backoff.
    void hangingReceiverCadence()
    {
        FakeHttpServer server;
        server.setDefaultStep(FakeStep::hang());
        QNetworkAccessManager network;
        Endpoint endpoint(configFor(server, 2, 150, 150), &network);
        endpoint.write(makeEvents(1));
        QVERIFY(server.waitForRequests(4, 5000));
        const QList<qint64> g = gaps(server);
        QVERIFY2(g.at(0) >= 140 && g.at(0) < 280, qPrintable(describe(g)));   // timeout only
        QVERIFY2(g.at(1) >= 290 && g.at(1) < 450, qPrintable(describe(g)));   // timeout + backoff
        QVERIFY2(g.at(2) >= 290 && g.at(2) < 450, qPrintable(describe(g)));
        const EndpointSnapshot s = endpoint.snapshot();
        QVERIFY(s.metrics.errors >= 3);
        QCOMPARE(s.metrics.failures, 0);
        QVERIFY(s.metrics.statuses.isEmpty());   // errors add no status entry
        QVERIFY(s.errorClasses.value(QStringLiteral("timeout")) >= 3);
    }

    // A receiver slower than the timeout gets the same event again (at-least-once), and each
    // abandoned attempt is an Error.
    void slowReceiverGetsDuplicates()
    {
        FakeHttpServer server;
        server.enqueue({FakeStep::respond(200, 250), FakeStep::respond(200, 250)});
        QNetworkAccessManager network;
        Endpoint endpoint(configFor(server, 10, 1, 100), &network);
        endpoint.write(makeEvents(1));
        QTRY_COMPARE_WITH_TIMEOUT(endpoint.snapshot().metrics.successes, 1, 5000);
        QCOMPARE(server.eventIds(), (QList<QByteArray>{"ev-0", "ev-0", "ev-0"}));
        QCOMPARE(endpoint.snapshot().metrics.errors, 2);
    }

    // FIFO and head-of-line blocking: nothing overtakes a failing head; order is kept after recovery.
    void fifoAndHeadOfLineBlocking()
    {
        FakeHttpServer server;
        for (int i = 0; i < 5; ++i)
            server.enqueue(FakeStep::respond(503));
        QNetworkAccessManager network;
        Endpoint endpoint(configFor(server, 2, 30), &network);
        endpoint.write(makeEvents(3, "a"));
        endpoint.write(makeEvents(2, "b"));
        QTRY_COMPARE_WITH_TIMEOUT(endpoint.snapshot().metrics.successes, 5, 5000);
        const QList<QByteArray> ids = server.eventIds();
        QCOMPARE(ids.mid(0, 6), QList<QByteArray>(6, "a-0"));
        QCOMPARE(ids.mid(6), (QList<QByteArray>{"a-1", "a-2", "b-0", "b-1"}));
        for (const auto &r : server.received())
            QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QLatin1String("events")).toArray().size(), 1);
    }

    // Filtered events never reach the queue and are not counted in Events or Pending.
    void filteredEventsAreNotCounted()
    {
        FakeHttpServer server;
        QNetworkAccessManager network;
        EndpointConfig config = configFor(server, 10, 1);
        config.ignoreActions = {QStringLiteral("pull")};
        Endpoint endpoint(config, &network);
        endpoint.write({makeEvent("p1", QStringLiteral("pull")), makeEvent("s1", QStringLiteral("push"))});
        QTRY_COMPARE(endpoint.snapshot().metrics.successes, 1);
        QCOMPARE(endpoint.snapshot().metrics.events, 1);
        QCOMPARE(endpoint.snapshot().droppedByFilter, 1);
        QCOMPARE(server.eventIds(), QList<QByteArray>{"s1"});
    }

    // Pause holds the queue (Pending keeps counting), resume delivers in order.
    void pauseAndResume()
    {
        FakeHttpServer server;
        QNetworkAccessManager network;
        Endpoint endpoint(configFor(server, 10, 1), &network);
        endpoint.pause();
        endpoint.write(makeEvents(3));
        QTest::qWait(50);
        QCOMPARE(server.requestCount(), 0);
        QCOMPARE(endpoint.state(), EndpointState::Paused);
        QCOMPARE(endpoint.snapshot().metrics.pending, 3);
        endpoint.resume();
        QTRY_COMPARE(endpoint.snapshot().metrics.successes, 3);
        QCOMPARE(server.eventIds(), (QList<QByteArray>{"ev-0", "ev-1", "ev-2"}));
    }

    // Skip head moves a poison event to dead letters and the queue moves on; replay re-sends it.
    void skipHeadAndReplay()
    {
        FakeHttpServer server;
        server.setDefaultStep(FakeStep::respond(400));
        QNetworkAccessManager network;
        Endpoint endpoint(configFor(server, 1, 60'000), &network);
        endpoint.write(makeEvents(2));
        QTRY_COMPARE(endpoint.state(), EndpointState::BackingOff);
        QCOMPARE(endpoint.skipHead(), 1);
        QCOMPARE(endpoint.deadLetters().size(), 1);
        const DeadLetters::Entry entry = endpoint.deadLetters().entries().first();
        QCOMPARE(entry.event->id(), QByteArray("ev-0"));
        QCOMPARE(entry.reason, DeadLetters::Reason::Skipped);
        QCOMPARE(entry.attempts, 1);
        server.setDefaultStep(FakeStep::respond(200));
        endpoint.retryNow();
        QTRY_COMPARE(endpoint.snapshot().metrics.successes, 1);
        QCOMPARE(endpoint.snapshot().metrics.pending, 0);
        QCOMPARE(endpoint.replayDeadLetters(), 1);
        QTRY_COMPARE(endpoint.snapshot().metrics.successes, 2);
        QCOMPARE(endpoint.deadLetters().size(), 0);
        QCOMPARE(server.eventIds().last(), QByteArray("ev-0"));
        QCOMPARE(endpoint.snapshot().metrics.events, 3);   // a replay is a new ingress
    }

    // maxattempts (an extension) gives up on the head, files it as a dead letter, and moves on.
    void maxAttemptsDeadLetters()
    {
        FakeHttpServer server;
        server.enqueue({FakeStep::respond(500), FakeStep::respond(500)});
        QNetworkAccessManager network;
        EndpointConfig config = configFor(server, 10, 1);
        config.maxAttempts = 2;
        Endpoint endpoint(config, &network);
        endpoint.write(makeEvents(2));
        QTRY_COMPARE(endpoint.snapshot().metrics.successes, 1);
        QCOMPARE(endpoint.deadLetters().size(), 1);
        QCOMPARE(endpoint.deadLetters().entries().first().reason, DeadLetters::Reason::GaveUp);
        QCOMPARE(endpoint.snapshot().metrics.pending, 0);
    }

    // Purge empties the queue into dead letters, the attempt in flight included.
    void purgeToDeadLetters()
    {
        FakeHttpServer server;
        server.setDefaultStep(FakeStep::hang());
        QNetworkAccessManager network;
        Endpoint endpoint(configFor(server, 10, 1, 10000), &network);
        endpoint.write(makeEvents(4));
        QVERIFY(server.waitForRequests(1));
        QCOMPARE(endpoint.purge(), 4);
        QCOMPARE(endpoint.snapshot().metrics.pending, 0);
        QCOMPARE(endpoint.deadLetters().size(), 4);
        QCOMPARE(endpoint.state(), EndpointState::Idle);
    }

    // Close never hangs: against a dead receiver it returns at the deadline and says what it left.
    void closeReportsLeftovers()
    {
        FakeHttpServer server;
        server.setDefaultStep(FakeStep::hang());
        QNetworkAccessManager network;
        Endpoint endpoint(configFor(server, 10, 1, 10000), &network);
        endpoint.write(makeEvents(3));
        qsizetype left = -1;
        QElapsedTimer clock;
        clock.start();
        endpoint.close(200, [&](qsizetype n) { left = n; });
        QTRY_COMPARE_WITH_TIMEOUT(left, qsizetype(3), 3000);
        QVERIFY(clock.elapsed() < 2000);
        QVERIFY(!endpoint.write(makeEvents(1)));
        QCOMPARE(endpoint.deadLetters().size(), 3);
        QCOMPARE(endpoint.state(), EndpointState::Closed);
    }

    // Close drains what it can before the deadline.
    void closeDrains()
    {
        FakeHttpServer server;
        QNetworkAccessManager network;
        Endpoint endpoint(configFor(server, 10, 1), &network);
        endpoint.write(makeEvents(5));
        qsizetype left = -1;
        endpoint.close(5000, [&](qsizetype n) { left = n; });
        QTRY_COMPARE(left, qsizetype(0));
        QCOMPARE(endpoint.snapshot().metrics.successes, 5);
    }

    // Runtime edits apply to the next attempt without losing the queue.
    void reconfigureKeepsQueue()
    {
        FakeHttpServer bad;
        bad.setDefaultStep(FakeStep::respond(404));
        FakeHttpServer good;
        QNetworkAccessManager network;
        Endpoint endpoint(configFor(bad, 1, 50), &network);
        endpoint.write(makeEvents(3));
        QVERIFY(bad.waitForRequests(2));
        EndpointConfig fixed = endpoint.config();
        fixed.url = good.url().toString();
        fixed.headers = {{QStringLiteral("X-Token"), {QStringLiteral("t")}}};
        endpoint.reconfigure(fixed);
        QTRY_COMPARE(endpoint.snapshot().metrics.successes, 3);
        QCOMPARE(good.eventIds(), (QList<QByteArray>{"ev-0", "ev-1", "ev-2"}));
        QCOMPARE(good.received().first().header("X-Token"), QByteArray("t"));
    }
};

QTEST_GUILESS_MAIN(tst_Endpoint)
#include "tst_endpoint.moc"
