// The chain on a ManualClock: minutes of retries, backoffs and ages in milliseconds of real time,
// with every attempt landing on the exact virtual millisecond the policy chose.
#include "core/base/manualclock.h"
#include "core/chain/breakerpolicy.h"
#include "core/chain/exponentialpolicy.h"
#include "core/chain/retryingsink.h"
#include "core/engine/endpoint.h"
#include "fakehttpserver.h"
#include "scriptedsink.h"
#include "testevents.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

// Runs what the chain posted to the event loop (deferred reports), without letting real time pass.
void settle()
{
    for (int i = 0; i < 4; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents);
}

// Settles until the chain waits on the clock again: back-to-back retries are deferred one
// event-loop turn each (RetryingSink never recurses), so a burst of them takes as many turns.
void settleUntilWaiting(const ManualClock &clock)
{
    for (int i = 0; i < 10'000 && clock.armedTimers() == 0; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents);
}

struct Final
{
    bool called = false;
    SinkResult result;
    QList<SinkResult> progress;
    Sink::Report report()
    {
        return [this](const SinkResult &r) {
            if (!r.isFinal()) {
                progress.append(r);
                return;
            }
            called = true;
            result = r;
        };
    }
};

// Fires timers one by one until `done` holds or virtual time passes `limitMs`.
template<typename Done>
void runUntil(ManualClock &clock, qint64 limitMs, Done done)
{
    settleUntilWaiting(clock);
    while (!done() && clock.nowMs() <= limitMs && clock.fireNext())
        settleUntilWaiting(clock);
}

} // namespace

class tst_VirtualTime final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The registry's breaker for five virtual minutes: ten attempts back to back, then exactly one
    // per second, and the first success ends it with the attempt count in the final report.
    void breakerForFiveMinutes()
    {
        ManualClock clock;
        ScriptedSink next;
        next.synchronous = true;
        next.clock = &clock;
        next.fallback = ScriptedSink::failed(503);
        EndpointConfig config;   // threshold 10, backoff 1 s: the registry's defaults
        RetryingSink sink(&next, RetryPolicy::create(config), nullptr, clock);
        Final f;
        QElapsedTimer real;
        real.start();
        sink.write(makeEvents(1), f.report());
        runUntil(clock, 300'000, [&] { return clock.nowMs() >= 300'000; });
        QCOMPARE(next.writes.size(), 10 + 300);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(next.writeTimesMs.at(i), 0);
        for (int i = 10; i < next.writes.size(); ++i)
            QCOMPARE(next.writeTimesMs.at(i), qint64(i - 9) * 1000);
        QVERIFY(!f.called);   // the registry never gives up
        next.fallback = SinkResult::ok(202);
        runUntil(clock, 302'000, [&] { return f.called; });
        QVERIFY(f.called);
        QCOMPARE(f.result.kind, SinkResult::Ok);
        QCOMPARE(f.result.attempts, 311);
        QCOMPARE(clock.nowMs(), 301'000);
        int waits = 0;
        for (const SinkResult &p : std::as_const(f.progress))
            waits += p.kind == SinkResult::Waiting ? 1 : 0;
        QCOMPARE(waits, 301);
        QVERIFY2(real.elapsed() < 60'000, "virtual minutes must not take real ones");
    }

    // go-events' exponential backoff, its random draw pinned to the top of each range: every wait
    // is the policy's bound for that failure count less one millisecond, capped at the maximum.
    void exponentialBackoffCadence()
    {
        ManualClock clock;
        ScriptedSink next;
        next.synchronous = true;
        next.clock = &clock;
        next.fallback = ScriptedSink::refused();
        EndpointConfig config;
        config.retryPolicy = RetryPolicyKind::Exponential;
        auto policy = std::make_unique<ExponentialPolicy>(config);
        policy->setRandom([](qint64 bound) { return bound - 1; });
        const ExponentialPolicy *exponential = policy.get();
        RetryingSink sink(&next, std::move(policy), nullptr, clock);
        Final f;
        sink.write(makeEvents(1), f.report());
        runUntil(clock, 900'000, [&] { return next.writes.size() >= 40; });   // about 13 virtual minutes
        QCOMPARE(next.writes.size(), 40);
        for (int i = 1; i < next.writes.size(); ++i) {
            const qint64 gap = next.writeTimesMs.at(i) - next.writeTimesMs.at(i - 1);
            QCOMPARE(gap, exponential->boundMs(i) - 1);
        }
        QCOMPARE(exponential->boundMs(39), 20'000);   // capped: the later waits are all 19.999 s
        sink.cancel(DeadLetterReason::Purged);
        QVERIFY(f.called);
        QCOMPARE(f.result.kind, SinkResult::Cancelled);
        QCOMPARE(f.result.reason, DeadLetterReason::Purged);
        QCOMPARE(f.result.attempts, 40);
        QCOMPARE(f.result.lastError, QStringLiteral("refused"));
    }

    // maxage counts from the event's acceptance on the injected clock: with a 10 s backoff and a
    // 90 s limit the tenth attempt, at 90 s virtual, is the last.
    void maxAgeGivesUpInVirtualTime()
    {
        // Events carry real acceptance times: the clock starts at this one's, so a slow machine
        // (the sanitizer build) between the two reads cannot shift the limit by a backoff.
        const EventBlock block = makeEvents(1);
        ManualClock clock(block.front()->acceptedAtMs());
        ScriptedSink next;
        next.synchronous = true;
        next.clock = &clock;
        next.fallback = ScriptedSink::failed(500);
        EndpointConfig config;
        config.threshold = 1;
        config.backoffNs = 10'000'000'000;
        RetryingSink sink(&next, RetryPolicy::create(config), nullptr, clock);
        sink.setLimits(0, 90'000);
        Final f;
        sink.write(block, f.report());
        runUntil(clock, 200'000, [&] { return f.called; });
        QVERIFY(f.called);
        QCOMPARE(f.result.kind, SinkResult::GaveUp);
        QCOMPARE(f.result.attempts, 10);
        QCOMPARE(next.writeTimesMs.last(), 90'000);
        QCOMPARE(f.result.deadLetterReason(), DeadLetterReason::GaveUp);
    }

    // A whole endpoint (queue, retrying sink, HTTP sink on a real socket) on the manual clock: a
    // receiver that fails twelve times holds the head for 4.5 virtual minutes of 30 s backoffs,
    // then everything is delivered, in order, and the attempt log's times are virtual ones.
    void wholeEndpointThroughMinutes()
    {
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        FakeHttpServer server;
        for (int i = 0; i < 12; ++i)
            server.enqueue(FakeStep::respond(500));
        server.setDefaultStep(FakeStep::respond(202));
        QNetworkAccessManager network;
        EndpointConfig config;
        config.name = QStringLiteral("virtual");
        config.url = server.url().toString();
        config.threshold = 3;
        config.backoffNs = 30'000'000'000;
        Endpoint endpoint(config, &network, nullptr, clock);
        QVERIFY(endpoint.write(makeEvents(3)));
        for (int step = 0; step < 200 && endpoint.metrics().registry().successes < 3; ++step) {
            // An attempt in flight finishes on the real socket (loopback: a few ms of real time).
            QTRY_VERIFY(endpoint.state() != EndpointState::Sending);
            if (endpoint.metrics().registry().successes >= 3)
                break;
            QCOMPARE(endpoint.state(), EndpointState::BackingOff);
            QVERIFY(endpoint.snapshot().nextAttemptAt.isValid());
            QVERIFY(clock.fireNext());
            settle();
        }
        const RegistryMetrics &m = endpoint.metrics().registry();
        QCOMPARE(m.successes, 3);
        QCOMPARE(m.failures, 12);
        QCOMPARE(m.statuses.value(QStringLiteral("500 Internal Server Error")), 12);
        QCOMPARE(m.statuses.value(QStringLiteral("202 Accepted")), 3);
        QCOMPARE(endpoint.queue().size(), 0);
        // Attempts 1-3 at 0 s, 4-12 every 30 s, the 13th (delivered) at 300 s.
        QVERIFY(clock.nowMs() >= 300'000);
        QVERIFY(clock.nowMs() < 302'000);
        const QVector<AttemptRecord> attempts = endpoint.attemptLog().recent();
        QCOMPARE(attempts.size(), 15);
        QCOMPARE(attempts.at(0).startedAt.msecsTo(attempts.at(12).startedAt), 300'000);
        QCOMPARE(attempts.at(12).eventIds, QVector<QByteArray>{"ev-0"});
        QCOMPARE(attempts.at(14).eventIds, QVector<QByteArray>{"ev-2"});
        QCOMPARE(server.requestCount(), 15);
    }
};

QTEST_GUILESS_MAIN(tst_VirtualTime)
#include "tst_virtualtime.moc"
