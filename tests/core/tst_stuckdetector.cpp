#include "core/engine/stuckdetector.h"

#include <QTest>

using namespace hookscope;

namespace {

EndpointSnapshot pendingFor(qint64 ageMs, EndpointState state = EndpointState::BackingOff)
{
    EndpointSnapshot e;
    e.config.backoffNs = 1'000'000'000;
    e.config.timeoutNs = 1'000'000'000;
    e.state = state;
    e.metrics.pending = 3;
    e.oldestPendingAgeMs = ageMs;
    e.headEventId = "head-1";
    e.headAttempts = 12;
    e.lastError = QStringLiteral("response status 500 Internal Server Error unaccepted");
    return e;
}

} // namespace

class tst_StuckDetector final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The threshold is the floor or a few retry cycles, whichever is longer.
    void thresholdScalesWithBackoff()
    {
        StuckDetector detector;
        EndpointConfig config;
        QCOMPARE(detector.thresholdMs(config), 30'000);   // 5 x (1 s + 1 s) = 10 s < 30 s floor
        config.backoffNs = 20'000'000'000;
        QCOMPARE(detector.thresholdMs(config), 105'000);   // 5 x (20 s + 1 s)
    }

    // Pending and no delivery past the threshold is stuck; paused or empty never is.
    void stuckOnlyWithPendingAndNoProgress()
    {
        StuckDetector detector;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(!detector.isStuck(pendingFor(10'000), now));
        QVERIFY(detector.isStuck(pendingFor(31'000), now));
        QVERIFY(!detector.isStuck(pendingFor(31'000, EndpointState::Paused), now));
        EndpointSnapshot drained = pendingFor(31'000);
        drained.metrics.pending = 0;
        QVERIFY(!detector.isStuck(drained, now));
        // A recent success means it is moving, however old the backlog is.
        EndpointSnapshot moving = pendingFor(600'000, EndpointState::Sending);
        moving.lastSuccessAt = now.addMSecs(-500);
        QVERIFY(!detector.isStuck(moving, now));
        QVERIFY(detector.reason(pendingFor(31'000), now).contains(QStringLiteral("500 Internal Server Error")));
    }
};

QTEST_GUILESS_MAIN(tst_StuckDetector)
#include "tst_stuckdetector.moc"
