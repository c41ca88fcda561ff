#include "core/chain/exponentialpolicy.h"

#include <QTest>

using namespace hookscope;

class tst_ExponentialPolicy final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // go-events' bounds with defaults: 2s, 3s, 5s, 9s, 17s, then capped at 20s.
    void boundsMatchGoEvents_data()
    {
        QTest::addColumn<int>("failures");
        QTest::addColumn<qint64>("bound");
        QTest::newRow("0") << 0 << qint64(0);
        QTest::newRow("1") << 1 << qint64(2000);
        QTest::newRow("2") << 2 << qint64(3000);
        QTest::newRow("3") << 3 << qint64(5000);
        QTest::newRow("4") << 4 << qint64(9000);
        QTest::newRow("5") << 5 << qint64(17000);
        QTest::newRow("6") << 6 << qint64(20000);
        QTest::newRow("63") << 63 << qint64(20000);
        QTest::newRow("1000") << 1000 << qint64(20000);
    }
    void boundsMatchGoEvents()
    {
        QFETCH(int, failures);
        QFETCH(qint64, bound);
        ExponentialPolicy policy{EndpointConfig()};
        QCOMPARE(policy.boundMs(failures), bound);
    }

    // Full jitter: the wait is drawn from [0, bound) once per failure, and measured from it.
    void waitIsDrawnOncePerFailure()
    {
        ExponentialPolicy policy{EndpointConfig()};
        QList<qint64> bounds;
        policy.setRandom([&bounds](qint64 bound) {
            bounds.append(bound);
            return bound - 1;
        });
        QCOMPARE(policy.delayBeforeAttemptMs(0), 0);
        policy.recordFailure(100);
        QCOMPARE(policy.delayBeforeAttemptMs(100), 1999);
        QCOMPARE(policy.delayBeforeAttemptMs(1100), 999);
        policy.recordFailure(5000);
        QCOMPARE(policy.delayBeforeAttemptMs(5000), 2999);
        QCOMPARE(bounds, (QList<qint64>{2000, 3000}));
        policy.recordSuccess();
        QCOMPARE(policy.delayBeforeAttemptMs(5000), 0);
    }

    // Non-positive factor and max fall back to go-events' defaults.
    void nonPositiveFactorAndMaxUseDefaults()
    {
        EndpointConfig config;
        config.expBaseNs = 0;
        config.expFactorNs = 0;
        config.expMaxNs = -1;
        ExponentialPolicy policy(config);
        QCOMPARE(policy.boundMs(1), 1000);
        QCOMPARE(policy.boundMs(30), 20000);
    }
};

QTEST_GUILESS_MAIN(tst_ExponentialPolicy)
#include "tst_exponentialpolicy.moc"
