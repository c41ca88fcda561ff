#include "scriptedsink.h"
#include "core/chain/breakerpolicy.h"
#include "core/chain/retryingsink.h"
#include "testevents.h"

#include <QSignalSpy>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

EndpointConfig breaker(int threshold, int backoffMs)
{
    EndpointConfig config;
    config.threshold = threshold;
    config.backoffNs = qint64(backoffMs) * 1'000'000;
    return config;
}

struct Completion
{
    bool called = false;
    int calls = 0;   // final reports
    SinkResult result;
    QList<SinkResult> progress;
    Sink::Report done()
    {
        return [this](const SinkResult &r) {
            if (!r.isFinal()) {
                progress.append(r);
                return;
            }
            called = true;
            ++calls;
            result = r;
        };
    }
};

} // namespace

class tst_RetryingSink final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Retries until delivered and completes exactly once with success.
    void retriesUntilDelivered()
    {
        ScriptedSink next;
        next.script = {ScriptedSink::failed(500), ScriptedSink::refused(), ScriptedSink::failed(404)};
        RetryingSink sink(&next, RetryPolicy::create(breaker(10, 1000)));
        Completion c;
        sink.write(makeEvents(1), c.done());
        QTRY_VERIFY(c.called);
        QCOMPARE(c.calls, 1);
        QCOMPARE(c.result.kind, SinkResult::Ok);
        QCOMPARE(next.writes.size(), 4);
        QCOMPARE(sink.policy().consecutiveFailures(), 0);
    }

    // Registry cadence: `threshold` attempts back to back, then one per backoff.
    void thresholdThenBackoff()
    {
        ScriptedSink next;
        next.fallback = ScriptedSink::failed(500);
        RetryingSink sink(&next, RetryPolicy::create(breaker(3, 150)));
        Completion c;
        sink.write(makeEvents(1), c.done());
        QTRY_COMPARE_WITH_TIMEOUT(next.writes.size(), 5, 5000);
        const QList<qint64> &times = next.writeTimesMs;
        QVERIFY2(times.at(2) - times.at(0) < 100, "first three attempts are back to back");
        QVERIFY2(times.at(3) - times.at(2) >= 140, qPrintable(QString::number(times.at(3) - times.at(2))));
        QVERIFY2(times.at(4) - times.at(3) >= 140, "one attempt per backoff while failing");
        QCOMPARE(sink.phase(), RetryingSink::Phase::Waiting);
        QVERIFY(sink.nextAttemptAt().isValid());
        QVERIFY(!c.called);   // never gives up by default
        sink.cancel();
        QCOMPARE(c.result.kind, SinkResult::Cancelled);
    }

    // retryNow skips the remaining backoff wait.
    void retryNowSkipsWait()
    {
        ScriptedSink next;
        next.script = {ScriptedSink::failed(503)};
        RetryingSink sink(&next, RetryPolicy::create(breaker(1, 60'000)));
        Completion c;
        sink.write(makeEvents(1), c.done());
        QTRY_COMPARE(sink.phase(), RetryingSink::Phase::Waiting);
        sink.retryNow();
        QTRY_VERIFY(c.called);
        QCOMPARE(c.result.kind, SinkResult::Ok);
        QCOMPARE(next.writes.size(), 2);
    }

    // maxattempts gives up on the head after N failed attempts.
    void maxAttemptsGivesUp()
    {
        ScriptedSink next;
        next.fallback = ScriptedSink::failed(400);
        RetryingSink sink(&next, RetryPolicy::create(breaker(10, 1)));
        sink.setLimits(4, 0);
        Completion c;
        sink.write(makeEvents(1), c.done());
        QTRY_VERIFY(c.called);
        QCOMPARE(c.result.kind, SinkResult::GaveUp);
        QCOMPARE(c.result.status, 400);
        QCOMPARE(next.writes.size(), 4);
        QCOMPARE(sink.headAttempts(), 4);
    }

    // Paused: the attempt in flight finishes, no new attempt starts until resume.
    void pauseHoldsResumeContinues()
    {
        ScriptedSink next;
        next.script = {ScriptedSink::failed(500)};
        RetryingSink sink(&next, RetryPolicy::create(breaker(10, 1)));
        Completion c;
        sink.write(makeEvents(1), c.done());
        sink.pause();
        QTRY_COMPARE(sink.phase(), RetryingSink::Phase::Paused);
        QTest::qWait(30);
        QCOMPARE(next.writes.size(), 1);
        QVERIFY(!c.called);
        sink.resume();
        QTRY_VERIFY(c.called);
        QCOMPARE(c.result.kind, SinkResult::Ok);
        QCOMPARE(next.writes.size(), 2);
    }

    // A stage that completes synchronously with zero backoff neither recurses nor spins forever.
    void synchronousFailuresDoNotRecurse()
    {
        ScriptedSink next;
        next.synchronous = true;
        for (int i = 0; i < 20000; ++i)
            next.script.append(ScriptedSink::refused());
        RetryingSink sink(&next, RetryPolicy::create(breaker(100000, 1)));
        Completion c;
        sink.write(makeEvents(1), c.done());
        QTRY_VERIFY_WITH_TIMEOUT(c.called, 20000);
        QCOMPARE(next.writes.size(), 20001);
    }

    // Cancel during an attempt completes once with Cancelled and cancels the next stage.
    void cancelInFlight()
    {
        ScriptedSink next;
        next.hold = true;
        RetryingSink sink(&next, RetryPolicy::create(breaker(10, 1)));
        Completion c;
        sink.write(makeEvents(1), c.done());
        QCOMPARE(sink.phase(), RetryingSink::Phase::Attempting);
        sink.cancel();
        QCOMPARE(c.calls, 1);
        QCOMPARE(c.result.kind, SinkResult::Cancelled);
        QCOMPARE(next.cancels, 1);
        QCOMPARE(sink.phase(), RetryingSink::Phase::Idle);
    }
};

QTEST_GUILESS_MAIN(tst_RetryingSink)
#include "tst_retryingsink.moc"
