#include "sources/testendpointspec.h"

#include <QTest>

using namespace hookscope;
using namespace Qt::StringLiterals;

class tst_TestEndpointSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapsEveryParameter()
    {
        TestEndpointConfig c;
        c.name = u"t"_s;
        c.mode = u"FailRate"_s;   // names are case-insensitive, as modeFromName()
        c.failRate = 0.25;
        c.seed = 99;
        c.delayNs = 15'000'000;
        c.latency = u"lognormal"_s;
        c.delayMaxNs = 200'000'000;
        c.retryAfter = u"3"_s;
        c.downStyle = u"close"_s;
        c.strictMediaType = true;
        c.requireHeader = u"X-Token: abc"_s;
        TestEndpointBehaviour b;
        QString error;
        QVERIFY2(TestEndpointSpec::toBehaviour(c, &b, &error), qPrintable(error));
        QCOMPARE(b.mode, TestEndpointBehaviour::FailRate);
        QCOMPARE(b.failRate, 0.25);
        QCOMPARE(b.seed, 99u);
        QCOMPARE(b.delayMs, 15);
        QCOMPARE(b.latency, TestEndpointBehaviour::LogNormal);
        QCOMPARE(b.delayMaxMs, 200);
        QCOMPARE(b.retryAfter, QByteArray("3"));
        QCOMPARE(b.downStyle, TestEndpointBehaviour::Close);
        QVERIFY(b.strictMediaType);
        QCOMPARE(b.requireHeader, QByteArray("X-Token: abc"));
    }

    void statusDefaultsFollowTheMode()
    {
        TestEndpointConfig c;
        c.mode = u"failfirst"_s;
        c.failCount = 2;
        TestEndpointBehaviour b;
        QString error;
        QVERIFY(TestEndpointSpec::toBehaviour(c, &b, &error));
        QCOMPARE(b.status, 503);
        QCOMPARE(b.failCount, 2);
        c.mode = u"status"_s;
        c.status = 429;
        QVERIFY(TestEndpointSpec::toBehaviour(c, &b, &error));
        QCOMPARE(b.status, 429);
    }

    void refusesWhatCannotRun_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("delayNs");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown mode") << u"flakey"_s << 0 << qint64(0) << u"unknown mode \"flakey\" (known: healthy, status"_s;
        QTest::newRow("slow without delay") << u"slow"_s << 0 << qint64(0) << u"slow mode needs a positive delay"_s;
        QTest::newRow("flap without down") << u"flap"_s << 0 << qint64(0) << u"needs down:"_s;
        QTest::newRow("heal without down") << u"downthenheal"_s << 0 << qint64(0) << u"needs down:"_s;
        QTest::newRow("status out of range") << u"status"_s << 42 << qint64(0) << u"status 42 is not an HTTP status code"_s;
    }

    void refusesWhatCannotRun()
    {
        QFETCH(QString, mode);
        QFETCH(int, status);
        QFETCH(qint64, delayNs);
        QFETCH(QString, message);
        TestEndpointConfig c;
        c.mode = mode;
        c.status = status;
        c.delayNs = delayNs;
        TestEndpointBehaviour b;
        QString error;
        QVERIFY(!TestEndpointSpec::toBehaviour(c, &b, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void portAndLabel()
    {
        TestEndpointConfig c;
        c.name = u"flaky"_s;
        quint16 port = 1;
        QString error;
        QVERIFY(TestEndpointSpec::port(c, &port, &error));
        QCOMPARE(port, quint16(0));
        c.listen = u"localhost:8088"_s;
        QVERIFY(TestEndpointSpec::port(c, &port, &error));
        QCOMPARE(port, quint16(8088));
        c.listen = u"10.0.0.1:80"_s;
        QVERIFY(!TestEndpointSpec::port(c, &port, &error));
        QCOMPARE(TestEndpointSpec::label(c, QString()), u"test endpoint flaky"_s);
        c.line = 12;
        QCOMPARE(TestEndpointSpec::label(c, u"ci.yml"_s), u"ci.yml:12: test endpoint flaky"_s);
    }
};

QTEST_GUILESS_MAIN(tst_TestEndpointSpec)
#include "tst_testendpointspec.moc"
