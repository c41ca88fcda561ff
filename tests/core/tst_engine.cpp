#include "core/base/manualclock.h"
#include "core/engine/deadletterfilter.h"
#include "core/engine/endpoint.h"
#include "core/engine/engine.h"
#include "fakehttpserver.h"
#include "testevents.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

EndpointConfig endpointAt(const QString &name, const QUrl &url)
{
    EndpointConfig config;
    config.name = name;
    config.url = url.toString();
    config.threshold = 3;
    config.backoffNs = 50'000'000;
    config.timeoutNs = 500'000'000;
    return config;
}

} // namespace

class tst_Engine final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // An event is accepted on the engine's clock, so `maxage` and queue ages run in virtual time
    // with a ManualClock; a record submitted again keeps its first acceptance.
    void acceptanceTimeComesFromTheEnginesClock()
    {
        ManualClock clock;   // 2026-01-01T00:00:00Z, whatever the real date is
        Engine engine(nullptr, clock);
        EndpointConfig a = endpointAt(QStringLiteral("a"), QUrl(QStringLiteral("http://127.0.0.1:9/a")));
        a.paused = true;
        engine.applyEndpoints({a});
        const EventBlock first = makeEvents(2, "first");
        QVERIFY(engine.submit(first, nullptr));
        clock.advance(90'000);
        QVERIFY(engine.submit(makeEvents(1, "later"), nullptr));
        clock.advance(5'000);
        QVERIFY(engine.submit(first, nullptr));   // the same records again
        const EventBlock queued = engine.endpoint(QStringLiteral("a"))->queue().slice(0, 10);
        QCOMPARE(int(queued.size()), 5);
        QCOMPARE(queued.at(0)->acceptedAtMs(), qint64(1767225600000));
        QCOMPARE(queued.at(1)->acceptedAtMs(), qint64(1767225600000));
        QCOMPARE(queued.at(2)->acceptedAtMs(), qint64(1767225600000 + 90'000));
        QCOMPARE(queued.at(3)->acceptedAtMs(), qint64(1767225600000));
        QCOMPARE(clock.ageOfWallMs(queued.at(0)->acceptedAtMs()), qint64(95'000));
    }

    // Every endpoint gets every event, in order; disabled endpoints are not created.
    void fansOutInConfigOrder()
    {
        FakeHttpServer server;
        Engine engine;
        EndpointConfig off = endpointAt(QStringLiteral("off"), server.url(QStringLiteral("/off")));
        off.disabled = true;
        engine.applyEndpoints({endpointAt(QStringLiteral("a"), server.url(QStringLiteral("/a"))), off,
                               endpointAt(QStringLiteral("b"), server.url(QStringLiteral("/b")))});
        QCOMPARE(engine.endpoints().size(), 2);
        QCOMPARE(engine.endpoints().at(0)->name(), QStringLiteral("a"));
        QCOMPARE(engine.endpoints().at(1)->name(), QStringLiteral("b"));
        QVERIFY(engine.submit(makeEvents(20)));
        QTRY_COMPARE(server.requestCount(), 40);
        QList<QByteArray> expected;
        for (int i = 0; i < 20; ++i)
            expected.append("ev-" + QByteArray::number(i));
        QCOMPARE(server.eventIds("/a"), expected);
        QCOMPARE(server.eventIds("/b"), expected);
        const EngineSnapshot s = engine.snapshot();
        QCOMPARE(s.eventsIn, 20);
        QCOMPARE(s.endpoints.size(), 2);
        QTRY_COMPARE(engine.snapshot().endpoints.at(1).metrics.successes, 20);
    }

    // A dead endpoint only grows its own queue; a healthy one is not slowed down.
    void deadEndpointIsIsolated()
    {
        FakeHttpServer healthy;
        FakeHttpServer dead;
        dead.setDefaultStep(FakeStep::hang());
        Engine engine;
        engine.applyEndpoints({endpointAt(QStringLiteral("dead"), dead.url()),
                               endpointAt(QStringLiteral("ok"), healthy.url())});
        QElapsedTimer clock;
        clock.start();
        engine.submit(makeEvents(50));
        QTRY_COMPARE(engine.endpoint(QStringLiteral("ok"))->snapshot().metrics.successes, 50);
        QVERIFY2(clock.elapsed() < 3000, "the healthy endpoint never waits for the dead one");
        QCOMPARE(engine.endpoint(QStringLiteral("dead"))->snapshot().metrics.pending, 50);
    }

    // Endpoints can be added, edited and removed while running; a new endpoint gets later events only.
    void runtimeEdits()
    {
        FakeHttpServer server;
        Engine engine;
        QVERIFY(engine.addEndpoint(endpointAt(QStringLiteral("a"), server.url(QStringLiteral("/a")))));
        QString error;
        QVERIFY(!engine.addEndpoint(endpointAt(QStringLiteral("a"), server.url()), -1, &error));
        QVERIFY(error.contains(QStringLiteral("already exists")));
        engine.submit(makeEvents(1, "first"));
        QVERIFY(engine.addEndpoint(endpointAt(QStringLiteral("b"), server.url(QStringLiteral("/b"))), 0));
        QCOMPARE(engine.endpoints().first()->name(), QStringLiteral("b"));
        engine.submit(makeEvents(1, "second"));
        QTRY_COMPARE(server.requestCount(), 3);
        QCOMPARE(server.eventIds("/b"), QList<QByteArray>{"second-0"});
        EndpointConfig moved = endpointAt(QStringLiteral("a"), server.url(QStringLiteral("/a2")));
        QVERIFY(engine.updateEndpoint(QStringLiteral("a"), moved));
        engine.submit(makeEvents(1, "third"));
        QTRY_COMPARE(server.eventIds("/a2"), QList<QByteArray>{"third-0"});
        engine.removeEndpoint(QStringLiteral("b"));
        QCOMPARE(engine.endpoints().size(), 1);
        QVERIFY(!engine.pause(QStringLiteral("b")));
        QVERIFY(engine.pause(QStringLiteral("a")));
    }

    // applyEndpoints reconciles by name: kept endpoints keep their queue and counters.
    void applyKeepsState()
    {
        FakeHttpServer server;
        server.setDefaultStep(FakeStep::hang());
        Engine engine;
        engine.applyEndpoints({endpointAt(QStringLiteral("a"), server.url())});
        engine.submit(makeEvents(3));
        Endpoint *before = engine.endpoint(QStringLiteral("a"));
        EndpointConfig changed = endpointAt(QStringLiteral("a"), server.url());
        changed.threshold = 7;
        engine.applyEndpoints({endpointAt(QStringLiteral("z"), server.url(QStringLiteral("/z"))), changed});
        QCOMPARE(engine.endpoint(QStringLiteral("a")), before);
        QCOMPARE(before->config().threshold, 7);
        QCOMPARE(before->snapshot().metrics.pending, 3);
        QCOMPARE(engine.endpoints().first()->name(), QStringLiteral("z"));
    }

    // Shutdown stops intake at once and reports per endpoint what was left.
    void shutdownReports()
    {
        FakeHttpServer healthy;
        FakeHttpServer dead;
        dead.setDefaultStep(FakeStep::hang());
        Engine engine;
        engine.applyEndpoints({endpointAt(QStringLiteral("ok"), healthy.url()),
                               endpointAt(QStringLiteral("dead"), dead.url())});
        engine.submit(makeEvents(5));
        QMap<QString, qsizetype> left;
        bool done = false;
        engine.shutdown(300, [&](const QMap<QString, qsizetype> &l) {
            left = l;
            done = true;
        });
        QString error;
        QVERIFY(!engine.submit(makeEvents(1), &error));
        QVERIFY(!error.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(done, 3000);
        QCOMPARE(left.value(QStringLiteral("ok")), 0);
        QCOMPARE(left.value(QStringLiteral("dead")), 5);
    }

    // Dead letters replayed by filter to another endpoint: only the matching ones move, in their
    // order, to the tail of the target's queue; the rest stay.
    void moveDeadLettersByFilterToAnotherEndpoint()
    {
        FakeHttpServer server;
        Engine engine;
        EndpointConfig a = endpointAt(QStringLiteral("a"), server.url(QStringLiteral("/a")));
        EndpointConfig b = endpointAt(QStringLiteral("b"), server.url(QStringLiteral("/b")));
        a.paused = b.paused = true;
        engine.applyEndpoints({a, b});
        EventBlock events;
        for (int i = 0; i < 6; ++i)
            events.push_back(makeEvent("ev-" + QByteArray::number(i), i % 2 ? QStringLiteral("pull") : QStringLiteral("push")));
        QVERIFY(engine.submit(events, nullptr));
        QVERIFY(engine.purge(QStringLiteral("a")));
        QCOMPARE(engine.endpoint(QStringLiteral("a"))->deadLetters().size(), 6);
        QVERIFY(engine.submit(makeEvents(1, "b-own"), nullptr));   // b: 6 + 1 queued

        DeadLetterFilter pushes;
        pushes.setEndpoint(QStringLiteral("a"));
        pushes.setAction(QStringLiteral("push"));
        QString error;
        QCOMPARE(engine.moveDeadLetters(pushes, QStringLiteral("b"), &error), 3);
        QCOMPARE(idsOf(engine.endpoint(QStringLiteral("b"))->queue().slice(0, 100)).mid(7),
                 (QList<QByteArray>{"ev-0", "ev-2", "ev-4"}));
        QCOMPARE(engine.endpoint(QStringLiteral("a"))->deadLetters().size(), 3);
        QCOMPARE(engine.endpoint(QStringLiteral("a"))->deadLetters().entries().at(0).event->id(), QByteArray("ev-1"));
        // Nothing left that matches: nothing moves, no error.
        QCOMPARE(engine.moveDeadLetters(pushes, QStringLiteral("b"), &error), 0);
        // And delivery from the target works as for its own events.
        QVERIFY(engine.resume(QStringLiteral("b")));
        QTRY_COMPARE(server.eventIds("/b").size(), 10);
        QCOMPARE(server.eventIds("/b").mid(7), (QList<QByteArray>{"ev-0", "ev-2", "ev-4"}));
    }

    // From every endpoint at once: endpoints in configured order, one record dead at two endpoints
    // queued once.
    void moveDeadLettersOfAllEndpointsQueuesEachEventOnce()
    {
        FakeHttpServer server;
        Engine engine;
        EndpointConfig a = endpointAt(QStringLiteral("a"), server.url(QStringLiteral("/a")));
        EndpointConfig b = endpointAt(QStringLiteral("b"), server.url(QStringLiteral("/b")));
        EndpointConfig c = endpointAt(QStringLiteral("c"), server.url(QStringLiteral("/c")));
        a.paused = b.paused = c.paused = true;
        engine.applyEndpoints({a, b, c});
        QVERIFY(engine.submit(makeEvents(3), nullptr));
        QVERIFY(engine.purge(QStringLiteral("a")));
        QVERIFY(engine.purge(QStringLiteral("b")));
        QVERIFY(engine.purge(QStringLiteral("c")));
        QCOMPARE(engine.moveDeadLetters(DeadLetterFilter(), QStringLiteral("c")), 3);
        QCOMPARE(idsOf(engine.endpoint(QStringLiteral("c"))->queue().slice(0, 10)),
                 (QList<QByteArray>{"ev-0", "ev-1", "ev-2"}));
        for (const QString &name : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
            QCOMPARE(engine.endpoint(name)->deadLetters().size(), 0);
    }

    // Bad input: a target or source that does not exist, or a closed target, is refused by name and
    // nothing moves.
    void moveDeadLettersRefusesUnknownOrClosedTargets()
    {
        FakeHttpServer server;
        Engine engine;
        EndpointConfig a = endpointAt(QStringLiteral("a"), server.url(QStringLiteral("/a")));
        a.paused = true;
        engine.applyEndpoints({a});
        QVERIFY(engine.submit(makeEvents(2), nullptr));
        QVERIFY(engine.purge(QStringLiteral("a")));
        QString error;
        QCOMPARE(engine.moveDeadLetters(DeadLetterFilter(), QStringLiteral("nope"), &error), -1);
        QVERIFY2(error.contains(QStringLiteral("\"nope\"")) && error.contains(QStringLiteral("no endpoint")), qPrintable(error));
        DeadLetterFilter fromMissing;
        fromMissing.setEndpoint(QStringLiteral("ghost"));
        QCOMPARE(engine.moveDeadLetters(fromMissing, QStringLiteral("a"), &error), -1);
        QVERIFY2(error.contains(QStringLiteral("\"ghost\"")), qPrintable(error));
        QCOMPARE(engine.endpoint(QStringLiteral("a"))->deadLetters().size(), 2);

        bool closed = false;
        engine.shutdown(0, [&](const QMap<QString, qsizetype> &) { closed = true; });
        QVERIFY(closed);
        QCOMPARE(engine.moveDeadLetters(DeadLetterFilter(), QStringLiteral("a"), &error), -1);
        QVERIFY2(error.contains(QStringLiteral("closed")), qPrintable(error));
        QCOMPARE(engine.endpoint(QStringLiteral("a"))->deadLetters().size(), 2);
    }
};

QTEST_GUILESS_MAIN(tst_Engine)
#include "tst_engine.moc"
