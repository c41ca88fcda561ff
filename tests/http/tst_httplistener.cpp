#include "http/httplistener.h"
#include "rawhttpclient.h"

#include <QTcpServer>
#include <QTest>

using namespace hookscope;

namespace {

// The smallest subclass: answers every request with 204, as the ingest and admin listeners install
// their own handler on the server they inherit.
class NoContentListener final : public HttpListener
{
public:
    NoContentListener(const QHostAddress &address, quint16 port,
                      const HttpServerOptions &options = HttpServerOptions())
        : HttpListener(options, address, port)
    {
        httpServer()->setHandler([](const HttpRequest &, HttpResponder responder) {
            responder.respond(HttpResponse(204));
        });
    }
};

} // namespace

// The listener the ingest and admin servers share: it listens on the address it was given and
// reports where, and says why when it cannot.
class tst_HttpListener final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Port 0 binds a free port; port() and listenAddress() name it, and the subclass's handler
    // answers there.
    void startsOnTheConfiguredAddress()
    {
        NoContentListener listener(QHostAddress::LocalHost, 0);
        QVERIFY(!listener.isListening());
        QCOMPARE(listener.listenAddress(), QString());
        QString error;
        QVERIFY2(listener.start(&error), qPrintable(error));
        QVERIFY(listener.isListening());
        QVERIFY(listener.port() != 0);
        QCOMPARE(listener.listenAddress(), QStringLiteral("127.0.0.1:%1").arg(listener.port()));
        const RawHttpClient::Response response
            = RawHttpClient::exchange(listener.port(), "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QCOMPARE(response.status, 204);
    }

    // Every listener checks Host (DNS rebinding): a foreign name is refused with 421 before the
    // handler sees the request; a name in allowedHosts is answered.
    void checksTheHost()
    {
        HttpServerOptions options;
        options.allowedHosts = {QStringLiteral("hookscope.example")};
        NoContentListener listener(QHostAddress::LocalHost, 0, options);
        QVERIFY(listener.start());
        QCOMPARE(RawHttpClient::exchange(listener.port(), "GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n").status,
                 421);
        QCOMPARE(RawHttpClient::exchange(listener.port(), "GET / HTTP/1.1\r\nHost: hookscope.example\r\n\r\n")
                     .status,
                 204);
    }

    // IPv6 addresses are bracketed, so "host:port" stays unambiguous.
    void bracketsIpv6()
    {
        NoContentListener listener(QHostAddress::LocalHostIPv6, 0);
        if (!listener.start())
            QSKIP("no IPv6 loopback here");
        QCOMPARE(listener.listenAddress(), QStringLiteral("[::1]:%1").arg(listener.port()));
    }

    // stop() closes the socket; the listener can start again afterwards.
    void stopsAndRestarts()
    {
        NoContentListener listener(QHostAddress::LocalHost, 0);
        QVERIFY(listener.start());
        listener.stop();
        QVERIFY(!listener.isListening());
        QCOMPARE(listener.port(), quint16(0));
        QCOMPARE(listener.listenAddress(), QString());
        QVERIFY(listener.start());
        QVERIFY(listener.isListening());
    }

    // A port already taken: start() fails and says why.
    void reportsATakenPort()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        NoContentListener listener(QHostAddress::LocalHost, taken.serverPort());
        QString error;
        QVERIFY(!listener.start(&error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!listener.isListening());
    }
};

QTEST_GUILESS_MAIN(tst_HttpListener)
#include "tst_httplistener.moc"
