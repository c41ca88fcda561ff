#include "core/config/listenaddress.h"

#include <QTest>

using namespace hookscope;

// hookscope.ingest.listen / hookscope.admin.listen must be explicit host:port.
class tst_ListenAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void split_data();
    void split();
    void allowedHost_data();
    void allowedHost();
};

void tst_ListenAddress::split_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");

    QTest::newRow("ipv4") << "127.0.0.1:5050" << true << "127.0.0.1" << 5050;
    QTest::newRow("name") << "localhost:5051" << true << "localhost" << 5051;
    QTest::newRow("any") << "0.0.0.0:80" << true << "0.0.0.0" << 80;
    QTest::newRow("ipv6") << "[::1]:5050" << true << "::1" << 5050;
    QTest::newRow("port 0 (pick one)") << "127.0.0.1:0" << true << "127.0.0.1" << 0;
    QTest::newRow("port max") << "h:65535" << true << "h" << 65535;
    QTest::newRow("empty host") << ":5050" << false << "" << 0;
    QTest::newRow("no port") << "127.0.0.1" << false << "" << 0;
    QTest::newRow("empty port") << "127.0.0.1:" << false << "" << 0;
    QTest::newRow("port only") << "5050" << false << "" << 0;
    QTest::newRow("port too big") << "h:65536" << false << "" << 0;
    QTest::newRow("port not a number") << "h:http" << false << "" << 0;
    QTest::newRow("signed port") << "h:+80" << false << "" << 0;
    QTest::newRow("bare ipv6") << "::1:5050" << false << "" << 0;
    QTest::newRow("unclosed bracket") << "[::1:5050" << false << "" << 0;
    QTest::newRow("empty brackets") << "[]:5050" << false << "" << 0;
    QTest::newRow("space") << "local host:1" << false << "" << 0;
    QTest::newRow("url") << "http://127.0.0.1:5050" << false << "" << 0;
    QTest::newRow("empty") << "" << false << "" << 0;
}

// Accepts host:port with an IPv4/name host or a bracketed IPv6 host and a port 0..65535;
// refuses an empty host, a missing port, bare IPv6 and URLs.
void tst_ListenAddress::split()
{
    QFETCH(QString, address);
    QFETCH(bool, valid);
    QFETCH(QString, host);
    QFETCH(int, port);
    QString actualHost;
    int actualPort = -1;
    QCOMPARE(splitListenAddress(address, &actualHost, &actualPort), valid);
    if (valid) {
        QCOMPARE(actualHost, host);
        QCOMPARE(actualPort, port);
    }
}

void tst_ListenAddress::allowedHost_data()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<bool>("valid");
    QTest::newRow("name") << "hookscope.internal" << true;
    QTest::newRow("name:port") << "proxy.example:8443" << true;
    QTest::newRow("ipv4:port") << "10.0.0.5:5050" << true;
    QTest::newRow("[v6]") << "[fd00::1]" << true;
    QTest::newRow("[v6]:port") << "[fd00::1]:5050" << true;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("url") << "http://h:1/" << false;
    QTest::newRow("path") << "h/x" << false;
    QTest::newRow("space") << "a b" << false;
    QTest::newRow("user@") << "u@h" << false;
    QTest::newRow("port 0") << "h:0" << false;
    QTest::newRow("port too big") << "h:99999" << false;
    QTest::newRow("empty port") << "h:" << false;
    QTest::newRow("bare v6") << "fd00::1" << false;
    QTest::newRow("unclosed bracket") << "[fd00::1" << false;
    QTest::newRow("no host") << ":80" << false;
}

// hookscope.ingest/admin.allowedhosts entries are what a client writes in Host; --lint names
// the entry and what is wrong with it.
void tst_ListenAddress::allowedHost()
{
    QFETCH(QString, entry);
    QFETCH(bool, valid);
    const QString problem = allowedHostProblem(entry);
    QVERIFY2(problem.isEmpty() == valid, qPrintable(problem));
}

QTEST_GUILESS_MAIN(tst_ListenAddress)
#include "tst_listenaddress.moc"
