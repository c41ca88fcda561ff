// QTEST_MAIN: the probe measures the GUI thread's event loop, so the test runs one.
#include "app/widgets/stallprobe.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace hookscope;

class tst_StallProbe : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reportsABlockedEventLoop();
    void idleLoopStaysWellBelowTheStall();
    void resetForgetsTheWindow();
    void updatedFiresAboutOncePerSecond();
};

// Blocking the GUI thread for 60 ms shows up as a tick at least ~40 ms late.
void tst_StallProbe::reportsABlockedEventLoop()
{
    StallProbe probe;
    QTRY_VERIFY(probe.sampleCount() >= 3);   // the heartbeat is running
    QTimer::singleShot(0, &probe, [] { QThread::msleep(60); });
    QTRY_VERIFY_WITH_TIMEOUT(probe.worstMs() >= 40.0, 2000);
    QVERIFY(probe.worstMs() < 1000.0);
    QVERIFY(probe.p99Ms() <= probe.worstMs());
}

// With nothing blocking, the median-ish figures stay far from a 60 ms stall.
void tst_StallProbe::idleLoopStaysWellBelowTheStall()
{
    StallProbe probe;
    QTRY_VERIFY(probe.sampleCount() >= 20);
    QVERIFY2(probe.p99Ms() < 40.0, qPrintable(QString::number(probe.p99Ms())));
}

// reset() empties the window; the heartbeat goes on filling it.
void tst_StallProbe::resetForgetsTheWindow()
{
    StallProbe probe;
    QTimer::singleShot(0, &probe, [] { QThread::msleep(60); });
    QTRY_VERIFY(probe.worstMs() >= 40.0);
    probe.reset();
    QCOMPARE(probe.sampleCount(), 0);
    QCOMPARE(probe.worstMs(), 0.0);
    QTRY_VERIFY(probe.sampleCount() >= 3);
    QVERIFY(probe.worstMs() < 40.0);
    probe.stop();
    QVERIFY(!probe.isRunning());
}

// The status bar refreshes from updated(), once per second, not per tick.
void tst_StallProbe::updatedFiresAboutOncePerSecond()
{
    StallProbe probe;
    QSignalSpy updated(&probe, &StallProbe::updated);
    QTRY_COMPARE_WITH_TIMEOUT(updated.count(), 1, 2000);
    QTest::qWait(500);   // asserting that nothing more happens within half a second
    QCOMPARE(updated.count(), 1);
}

QTEST_MAIN(tst_StallProbe)
#include "tst_stallprobe.moc"
