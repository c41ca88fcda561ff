#include "http/hostcheck.h"

#include <QTest>

using namespace hookscope;

// Which Host headers a listener answers: the DNS rebinding defence of the ingest and admin
// listeners (both build their HostCheck from the listen address and allowedhosts).
class tst_HostCheck final : public QObject
{
    Q_OBJECT

    static int statusOf(const HostCheck &check, const QByteArray &host)
    {
        const QList<QByteArray> values = host.isNull() ? QList<QByteArray>() : QList<QByteArray>{host};
        const auto refusal = check.check(values);
        return refusal ? refusal->status : 200;
    }

private Q_SLOTS:
    // On a loopback listener only loopback names and addresses pass, with or without a port.
    void loopbackListener_data()
    {
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<int>("status");
        QTest::newRow("127.0.0.1:port") << QByteArray("127.0.0.1:5050") << 200;
        QTest::newRow("127.0.0.1") << QByteArray("127.0.0.1") << 200;
        QTest::newRow("127.1.2.3") << QByteArray("127.1.2.3:80") << 200;
        QTest::newRow("localhost:port") << QByteArray("localhost:5050") << 200;
        QTest::newRow("LOCALHOST.") << QByteArray("LOCALHOST.") << 200;
        QTest::newRow("sub.localhost") << QByteArray("ingest.localhost:5050") << 200;
        QTest::newRow("[::1]:port") << QByteArray("[::1]:5050") << 200;
        QTest::newRow("[::1]") << QByteArray("[::1]") << 200;
        QTest::newRow("rebound name") << QByteArray("evil.example:5050") << 421;
        QTest::newRow("LAN address") << QByteArray("192.168.1.10:5050") << 421;
        QTest::newRow("localhost look-alike") << QByteArray("localhost.evil.example") << 421;
        QTest::newRow("bare IPv6") << QByteArray("::1") << 400;
        QTest::newRow("empty port") << QByteArray("localhost:") << 400;
        QTest::newRow("bad port") << QByteArray("localhost:99999") << 400;
        QTest::newRow("url") << QByteArray("http://localhost/") << 400;
        QTest::newRow("HTTP/1.1 without Host") << QByteArray() << 200;   // no browser sends that
    }
    void loopbackListener()
    {
        QFETCH(QByteArray, host);
        QFETCH(int, status);
        const HostCheck check(QHostAddress::LocalHost, {});
        QVERIFY(check.isEnabled());
        QCOMPARE(statusOf(check, host), status);
    }

    // No Host (HTTP/1.0 needs none): let through, since no browser leaves it out.
    void withoutHost()
    {
        const HostCheck check(QHostAddress::LocalHost, {});
        QCOMPARE(statusOf(check, QByteArray()), 200);
    }

    void repeatedHostIsRefused()
    {
        const HostCheck check(QHostAddress::LocalHost, {});
        const auto refusal = check.check({"localhost", "evil.example"});
        QVERIFY(refusal);
        QCOMPARE(refusal->status, 400);
    }

    // allowedhosts entries: a name matches any port, name:port only that port.
    void allowedHosts()
    {
        const HostCheck check(QHostAddress::LocalHost,
                              {QStringLiteral("hookscope.internal"), QStringLiteral("Proxy.Example:8443"),
                               QStringLiteral("[fd00::5]:5050")});
        QCOMPARE(statusOf(check, "hookscope.internal:5050"), 200);
        QCOMPARE(statusOf(check, "HOOKSCOPE.internal"), 200);
        QCOMPARE(statusOf(check, "proxy.example:8443"), 200);
        QCOMPARE(statusOf(check, "proxy.example:8444"), 421);
        QCOMPARE(statusOf(check, "proxy.example"), 421);
        QCOMPARE(statusOf(check, "[fd00::5]:5050"), 200);
        QCOMPARE(statusOf(check, "other.example"), 421);
    }

    // A listener on a LAN or wildcard address serves registries under names hookscope cannot
    // know: without allowedhosts it checks nothing (the token protects it).
    void nonLoopbackListenerWithoutList()
    {
        const HostCheck lan(QHostAddress(QStringLiteral("192.168.1.10")), {});
        QVERIFY(!lan.isEnabled());
        QCOMPARE(statusOf(lan, "registry-notify.corp.example:5050"), 200);
        const HostCheck any(QHostAddress::Any, {});
        QVERIFY(!any.isEnabled());
    }

    // With a list, a LAN listener takes the list, its own address and loopback names.
    void nonLoopbackListenerWithList()
    {
        const HostCheck lan(QHostAddress(QStringLiteral("192.168.1.10")), {QStringLiteral("hookscope.corp")});
        QVERIFY(lan.isEnabled());
        QCOMPARE(statusOf(lan, "hookscope.corp:5050"), 200);
        QCOMPARE(statusOf(lan, "192.168.1.10:5050"), 200);
        QCOMPARE(statusOf(lan, "localhost:5050"), 200);
        QCOMPARE(statusOf(lan, "evil.example"), 421);
    }

    void split()
    {
        QString host;
        int port = 0;
        QVERIFY(HostCheck::split(QStringLiteral("[::1]:80"), &host, &port));
        QCOMPARE(host, QStringLiteral("::1"));
        QCOMPARE(port, 80);
        QVERIFY(HostCheck::split(QStringLiteral("Example.COM."), &host, &port));
        QCOMPARE(host, QStringLiteral("example.com"));
        QCOMPARE(port, -1);
        QVERIFY(!HostCheck::split(QStringLiteral("a b"), &host, &port));
        QVERIFY(!HostCheck::split(QStringLiteral("[::1"), &host, &port));
    }
};

QTEST_GUILESS_MAIN(tst_HostCheck)
#include "tst_hostcheck.moc"
