#include "testing/testendpointbehaviour.h"

#include <QSet>
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
        const QList<TestEndpointBehaviour::Mode> modes = TestEndpointBehaviour::allModes();
        QCOMPARE(modes.size(), 13);
        QSet<QString> names;
        for (TestEndpointBehaviour::Mode m : modes) {
            const QString name = TestEndpointBehaviour::modeName(m);
            // Lowercase, no spaces: configuration files spell them like this.
            QCOMPARE(name, name.toLower());
            QVERIFY(!name.contains(u' '));
            names.insert(name);
            TestEndpointBehaviour::Mode back = TestEndpointBehaviour::Healthy;
            QVERIFY(TestEndpointBehaviour::modeFromName(name.toUpper(), &back));
            QCOMPARE(back, m);
        }
        QCOMPARE(names.size(), modes.size());
        TestEndpointBehaviour::Mode unused;
        QVERIFY(!TestEndpointBehaviour::modeFromName(u"sometimes"_s, &unused));
        QVERIFY(!TestEndpointBehaviour::modeFromName(QString(), &unused));
        QVERIFY(!TestEndpointBehaviour::modeFromName(u"-"_s, &unused));
    }

    // The published names of the socket-level modes, and the hyphen-insensitive spellings.
    void modeNameSpellings_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("mode");
        QTest::newRow("close") << u"close"_s << int(TestEndpointBehaviour::CloseConnection);
        QTest::newRow("reset") << u"reset"_s << int(TestEndpointBehaviour::ResetConnection);
        QTest::newRow("slow-body") << u"slow-body"_s << int(TestEndpointBehaviour::SlowBody);
        QTest::newRow("slowbody") << u"SlowBody"_s << int(TestEndpointBehaviour::SlowBody);
        QTest::newRow("garbage") << u"garbage"_s << int(TestEndpointBehaviour::Garbage);
        QTest::newRow("fail-rate") << u"fail-rate"_s << int(TestEndpointBehaviour::FailRate);
        QTest::newRow("down-then-heal") << u"down-then-heal"_s << int(TestEndpointBehaviour::DownThenHeal);
        QTest::newRow("fail_first") << u"fail_first"_s << int(TestEndpointBehaviour::FailFirst);
    }
    void modeNameSpellings()
    {
        QFETCH(QString, name);
        QFETCH(int, mode);
        TestEndpointBehaviour::Mode parsed = TestEndpointBehaviour::Healthy;
        QVERIFY(TestEndpointBehaviour::modeFromName(name, &parsed));
        QCOMPARE(int(parsed), mode);
        QCOMPARE(TestEndpointBehaviour::modeName(TestEndpointBehaviour::Slow), u"slow"_s);
        QCOMPARE(TestEndpointBehaviour::modeName(TestEndpointBehaviour::SlowBody), u"slow-body"_s);
    }

    // Slow-body's trickle covers bodyMs: about 20 chunks a second, or one byte per chunk for tiny
    // bodies; and it refuses sizes and times it cannot do.
    void slowBodyTrickle()
    {
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::SlowBody;
        b.bodyBytes = 4000;
        b.bodyMs = 2000;
        QCOMPARE(b.slowBodyChunkIntervalMs(), 50);
        QCOMPARE(b.slowBodyChunkBytes(), 100);   // 40 chunks x 100 bytes
        b.bodyBytes = 4;
        QCOMPARE(b.slowBodyChunkIntervalMs(), 500);
        QCOMPARE(b.slowBodyChunkBytes(), 1);
        b.bodyMs = 10;
        QCOMPARE(b.slowBodyChunkIntervalMs(), 10);
        QCOMPARE(b.slowBodyChunkBytes(), 4);
        QVERIFY(b.validate().isEmpty());
        b.bodyBytes = 0;
        QVERIFY(b.validate().contains(u"slow-body size"_s));
        b.bodyBytes = 10;
        b.bodyMs = 0;
        QVERIFY(b.validate().contains(u"slow-body time"_s));
    }

    // Retry-After is delay-seconds or an IMF-fixdate; anything else is refused.
    void retryAfterValues_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("valid");
        QTest::newRow("seconds") << QByteArray("2") << true;
        QTest::newRow("date") << QByteArray("Wed, 21 Oct 2015 07:28:00 GMT") << true;
        QTest::newRow("negative") << QByteArray("-1") << false;
        QTest::newRow("words") << QByteArray("soon") << false;
        QTest::newRow("fraction") << QByteArray("1.5") << false;
    }
    void retryAfterValues()
    {
        QFETCH(QByteArray, value);
        QFETCH(bool, valid);
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::Status;
        b.status = 429;
        b.retryAfter = value;
        QCOMPARE(b.validate().isEmpty(), valid);
    }

    // Garbage writes the configured bytes, or a default that is not an HTTP status line.
    void garbageBytes()
    {
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::Garbage;
        QVERIFY(!b.garbageBytes().startsWith("HTTP/"));
        QVERIFY(!b.garbageBytes().isEmpty());
        b.body = "\x16\x03\x01";
        QCOMPARE(b.garbageBytes(), QByteArray("\x16\x03\x01"));
    }
};

QTEST_GUILESS_MAIN(tst_TestEndpointBehaviour)
#include "tst_testendpointbehaviour.moc"
