#include "core/chain/breakerpolicy.h"

#include <QTest>

using namespace hookscope;

class tst_BreakerPolicy final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The first `threshold` failures are retried back to back; the next waits `backoff`.
    void backToBackUntilThreshold()
    {
        EndpointConfig config;
        config.threshold = 3;
        config.backoffNs = 1'000'000'000;
        BreakerPolicy policy(config);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(policy.delayBeforeAttemptMs(1000), 0);
            policy.recordFailure(1000);
        }
        QCOMPARE(policy.delayBeforeAttemptMs(1000), 1000);
        QCOMPARE(policy.delayBeforeAttemptMs(1400), 600);   // only what remains since the failure
        QCOMPARE(policy.delayBeforeAttemptMs(2000), 0);
        QCOMPARE(policy.consecutiveFailures(), 3);
    }

    // Once open, every further failure waits one backoff again; it never gives up.
    void staysOpenWhileFailing()
    {
        EndpointConfig config;
        config.threshold = 1;
        config.backoffNs = 50'000'000;
        BreakerPolicy policy(config);
        policy.recordFailure(0);
        for (int i = 1; i < 100; ++i) {
            QCOMPARE(policy.delayBeforeAttemptMs(i * 50), 0);
            policy.recordFailure(i * 50);
            QCOMPARE(policy.delayBeforeAttemptMs(i * 50), 50);
        }
    }

    // A success closes the breaker completely (the registry resets recent and last).
    void successResets()
    {
        EndpointConfig config;
        config.threshold = 2;
        BreakerPolicy policy(config);
        policy.recordFailure(0);
        policy.recordFailure(0);
        QVERIFY(policy.delayBeforeAttemptMs(0) > 0);
        policy.recordSuccess();
        QCOMPARE(policy.consecutiveFailures(), 0);
        QCOMPARE(policy.delayBeforeAttemptMs(0), 0);
        policy.recordFailure(10);
        QCOMPARE(policy.delayBeforeAttemptMs(10), 0);   // one failure is below the threshold again
    }

    // Editing threshold/backoff at runtime keeps the failure history.
    void reconfigureKeepsHistory()
    {
        EndpointConfig config;
        config.threshold = 5;
        BreakerPolicy policy(config);
        policy.recordFailure(0);
        policy.recordFailure(0);
        config.threshold = 2;
        config.backoffNs = 200'000'000;
        policy.reconfigure(config);
        QCOMPARE(policy.delayBeforeAttemptMs(0), 200);
    }
};

QTEST_GUILESS_MAIN(tst_BreakerPolicy)
#include "tst_breakerpolicy.moc"
