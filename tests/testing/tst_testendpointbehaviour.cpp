#include "testendpointbehaviour.h"

#include <QTest>

using namespace hookscope;
using namespace Qt::StringLiterals;

class tst_TestEndpointBehaviour : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Flap starts down and alternates; the next transition is the end of the current phase.
    void flapSchedule()
    {
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::Flap;
        b.downMs = 100;
        b.upMs = 300;
        QVERIFY(b.isDownAt(0));
        QVERIFY(b.isDownAt(99));
        QVERIFY(!b.isDownAt(100));
        QVERIFY(!b.isDownAt(399));
        QVERIFY(b.isDownAt(400));
        QCOMPARE(b.msUntilTransition(40), 60);
        QCOMPARE(b.msUntilTransition(150), 250);
        QCOMPARE(b.msUntilTransition(450), 50);
        b.upMs = 0;   // never up: no transitions to schedule
        QVERIFY(b.isDownAt(12345));
        QCOMPARE(b.msUntilTransition(10), -1);
    }

    // DownThenHeal is down for downMs, then up for good; Down is always down; others never.
    void otherSchedules()
    {
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::DownThenHeal;
        b.downMs = 100;
        QVERIFY(b.isDownAt(99));
        QVERIFY(!b.isDownAt(100));
        QVERIFY(!b.isDownAt(1000000));
        QCOMPARE(b.msUntilTransition(40), 60);
        QCOMPARE(b.msUntilTransition(150), -1);
        b.mode = TestEndpointBehaviour::Down;
        QVERIFY(b.isDownAt(1000000));
        b.mode = TestEndpointBehaviour::Healthy;
        QVERIFY(!b.isDownAt(0));
        QCOMPARE(b.msUntilTransition(0), -1);
    }

    // validate() names what is wrong with a behaviour.
    void validation_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("status");
        QTest::addColumn<double>("failRate");
        QTest::addColumn<int>("delayMs");
        QTest::addColumn<bool>("valid");
        QTest::newRow("healthy") << int(TestEndpointBehaviour::Healthy) << 200 << 0.0 << 0 << true;
        QTest::newRow("status 42") << int(TestEndpointBehaviour::Status) << 42 << 0.0 << 0 << false;
        QTest::newRow("status 599") << int(TestEndpointBehaviour::Status) << 599 << 0.0 << 0 << true;
        QTest::newRow("rate 1.5") << int(TestEndpointBehaviour::FailRate) << 200 << 1.5 << 0 << false;
        QTest::newRow("rate 1") << int(TestEndpointBehaviour::FailRate) << 200 << 1.0 << 0 << true;
        QTest::newRow("slow 0") << int(TestEndpointBehaviour::Slow) << 200 << 0.0 << 0 << false;
        QTest::newRow("negative delay") << int(TestEndpointBehaviour::Healthy) << 200 << 0.0 << -1 << false;
    }
    void validation()
    {
        QFETCH(int, mode);
        QFETCH(int, status);
        QFETCH(double, failRate);
        QFETCH(int, delayMs);
        QFETCH(bool, valid);
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::Mode(mode);
        b.status = status;
        b.failRate = failRate;
        b.delayMs = delayMs;
        QCOMPARE(b.validate().isEmpty(), valid);
    }

    // Latency draws: fixed is exact, uniform spans [delayMs, delayMaxMs], log-normal centres on
    // delayMs and never passes its cap.
    void latencyDraws()
    {
        TestEndpointBehaviour b;
        b.delayMs = 100;
        QCOMPARE(b.drawDelayMs(0.9, 2.0), 100);
        b.latency = TestEndpointBehaviour::Uniform;
        b.delayMaxMs = 200;
        QCOMPARE(b.drawDelayMs(0.0, 0.0), 100);
        QCOMPARE(b.drawDelayMs(0.999, 0.0), 200);
        b.latency = TestEndpointBehaviour::LogNormal;
        QCOMPARE(b.drawDelayMs(0.5, 0.0), 100);
        QVERIFY(b.drawDelayMs(0.5, 1.0) > 100);
        QVERIFY(b.drawDelayMs(0.5, -1.0) < 100);
        QCOMPARE(b.drawDelayMs(0.5, 100.0), 200);   // capped
        b.delayMaxMs = 50;
        b.latency = TestEndpointBehaviour::Uniform;
        QVERIFY(!b.validate().isEmpty());
    }

    // Mode names round-trip, case-insensitively, for configuration files and the UI.
    void modeNames()
    {
        for (int m = TestEndpointBehaviour::Healthy; m <= TestEndpointBehaviour::FailFirst; ++m) {
            TestEndpointBehaviour::Mode back = TestEndpointBehaviour::Healthy;
            QVERIFY(TestEndpointBehaviour::modeFromName(
                TestEndpointBehaviour::modeName(TestEndpointBehaviour::Mode(m)).toUpper(), &back));
            QCOMPARE(int(back), m);
        }
        TestEndpointBehaviour::Mode unused;
        QVERIFY(!TestEndpointBehaviour::modeFromName(u"sometimes"_s, &unused));
    }
};

QTEST_GUILESS_MAIN(tst_TestEndpointBehaviour)
#include "tst_testendpointbehaviour.moc"
