#include "byteserver.h"
#include "core/transport/leanhttptransport.h"

#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace hookscope;
using namespace hookscope::test;

namespace {

HttpRequestSpec spec(const QUrl &url)
{
    HttpRequestSpec s;
    s.url = url;
    s.userAgent = "Go-http-client/1.1";
    s.headers = {{"Content-Type", "application/x"}, {"X-Multi", "a"}, {"X-Multi", "b"}};
    s.body = "{\"events\":[]}";
    return s;
}

// What one exchange reported: the outcome, and the body tail when one followed.
struct Exchange
{
    std::optional<HttpOutcome> outcome;
    std::optional<HttpBodyTail> tail;
};

void run(LeanHttpTransport &transport, const HttpRequestSpec &request, Exchange &into)
{
    transport.setBodyTailHandler([&into](HttpBodyTail tail) { into.tail = std::move(tail); });
    transport.start(request, [&into](HttpOutcome outcome) { into.outcome = std::move(outcome); });
}

void answer(QTcpSocket *socket, const QByteArray &bytes)
{
    socket->write(bytes);
    socket->flush();
}

} // namespace

// The lean transport on the wire as Go's client speaks it: the request lines, Referer, and the
// result decided at the final response's headers with the body read on for the log only.
class tst_LeanHttpTransport final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requestLinesAreGos()
    {
        ByteServer server;
        server.onRequest = [](QTcpSocket *socket, int) { answer(socket, "HTTP/1.1 204 No Content\r\n\r\n"); };
        LeanHttpTransport transport;
        QUrl url = server.url();
        url.setUserInfo(QStringLiteral("u:p"));
        Exchange e;
        run(transport, spec(url), e);
        QTRY_VERIFY(e.outcome.has_value());
        QCOMPARE(e.outcome->status, 204);
        const QByteArray expected = "POST /hook HTTP/1.1\r\n"
                                    "Host: 127.0.0.1:" + QByteArray::number(server.port()) + "\r\n"
                                    "User-Agent: Go-http-client/1.1\r\n"
                                    "Content-Length: 13\r\n"
                                    "Authorization: Basic dTpw\r\n"
                                    "Content-Type: application/x\r\n"
                                    "X-Multi: a\r\n"
                                    "X-Multi: b\r\n"
                                    "Accept-Encoding: gzip\r\n\r\n";
        QCOMPARE(server.heads.first(), expected);
    }

    void noUserAgentNoGzipWhenTold()
    {
        ByteServer server;
        server.onRequest = [](QTcpSocket *socket, int) { answer(socket, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"); };
        LeanHttpTransport transport;
        HttpRequestSpec request = spec(server.url());
        request.userAgent.clear();
        request.acceptGzip = false;
        Exchange e;
        run(transport, request, e);
        QTRY_VERIFY(e.outcome.has_value());
        QVERIFY(!server.heads.first().contains("User-Agent"));
        QVERIFY(!server.heads.first().contains("Accept-Encoding"));
    }

    // A 302 turns the POST into a GET without body; each hop carries the previous URL as Referer
    // (in its sorted place) and keeps Content-Type, as Go's copyHeaders does.
    void redirectHopCarriesReferer()
    {
        ByteServer server;
        server.onRequest = [](QTcpSocket *socket, int n) {
            answer(socket, n == 1 ? QByteArray("HTTP/1.1 302 Found\r\nLocation: /next?x=1\r\nContent-Length: 0\r\n\r\n")
                                  : QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        };
        LeanHttpTransport transport;
        Exchange e;
        run(transport, spec(server.url()), e);
        QTRY_VERIFY(e.outcome.has_value());
        QCOMPARE(e.outcome->status, 200);
        QCOMPARE(server.requests, 2);
        const QByteArray expected = "GET /next?x=1 HTTP/1.1\r\n"
                                    "Host: 127.0.0.1:" + QByteArray::number(server.port()) + "\r\n"
                                    "User-Agent: Go-http-client/1.1\r\n"
                                    "Content-Type: application/x\r\n"
                                    "Referer: " + server.url().toEncoded() + "\r\n"
                                    "X-Multi: a\r\n"
                                    "X-Multi: b\r\n"
                                    "Accept-Encoding: gzip\r\n\r\n";
        QCOMPARE(server.heads.at(1), expected);
    }

    // The status stands at the headers; the rest of the body follows as the tail, and a body that
    // ended cleanly leaves the connection for the next exchange.
    void resultAtHeadersBodyFollows()
    {
        ByteServer server;
        server.onRequest = [](QTcpSocket *socket, int n) {
            if (n > 1)
                return answer(socket, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            answer(socket, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
            QTimer::singleShot(100, socket, [socket] { answer(socket, "defghij"); });
        };
        LeanHttpTransport transport;
        Exchange first;
        run(transport, spec(server.url()), first);
        QTRY_VERIFY(first.outcome.has_value());
        QCOMPARE(first.outcome->status, 200);
        QVERIFY(first.outcome->bodyPending);
        QCOMPARE(first.outcome->body, QByteArray("abc"));
        QVERIFY(!first.tail.has_value());
        QTRY_VERIFY(first.tail.has_value());
        QCOMPARE(first.tail->body, QByteArray("abcdefghij"));
        QVERIFY(first.tail->note.isEmpty());
        Exchange second;
        run(transport, spec(server.url()), second);
        QTRY_VERIFY(second.outcome.has_value());
        QCOMPARE(transport.connectionsOpened(), 1);
    }

    // A body still trickling when the next delivery starts: that one goes on a new connection at
    // once, and the log learns why the body stopped.
    void trickledBodyNeverDelaysTheNext()
    {
        ByteServer server;
        server.onRequest = [](QTcpSocket *socket, int) {
            answer(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nab");
            auto *trickle = new QTimer(socket);
            QObject::connect(trickle, &QTimer::timeout, socket, [socket] { answer(socket, "x"); });
            trickle->start(50);
        };
        LeanHttpTransport transport;
        Exchange first;
        run(transport, spec(server.url()), first);
        QTRY_VERIFY(first.outcome.has_value());
        QVERIFY(first.outcome->bodyPending);
        Exchange second;
        // The tail of the first exchange still goes to `first` (the handler is not replaced).
        transport.start(spec(server.url()), [&second](HttpOutcome outcome) { second.outcome = std::move(outcome); });
        QVERIFY(first.tail.has_value());
        QVERIFY2(first.tail->note.contains(QStringLiteral("next delivery began")), qPrintable(first.tail->note));
        QTRY_VERIFY(second.outcome.has_value());
        QCOMPARE(second.outcome->status, 200);
        QCOMPARE(transport.connectionsOpened(), 2);
    }

    // A 200 with a broken chunked body is delivered for the registry (Go never reads the body).
    void brokenBodyKeepsTheStatus_data()
    {
        QTest::addColumn<bool>("split");
        QTest::newRow("with the headers") << false;
        QTest::newRow("after the headers") << true;
    }
    void brokenBodyKeepsTheStatus()
    {
        QFETCH(bool, split);
        ByteServer server;
        server.onRequest = [split](QTcpSocket *socket, int) {
            const QByteArray head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
            if (!split)
                return answer(socket, head + "zz\r\n");
            answer(socket, head);
            QTimer::singleShot(50, socket, [socket] { answer(socket, "zz\r\n"); });
        };
        LeanHttpTransport transport;
        Exchange e;
        run(transport, spec(server.url()), e);
        QTRY_VERIFY(e.outcome.has_value());
        QCOMPARE(e.outcome->status, 200);
        QCOMPARE(e.outcome->errorClass, ErrorClass::None);
        const QString note = split ? (QTest::qWaitFor([&] { return e.tail.has_value(); }) ? e.tail->note : QString())
                                   : e.outcome->note;
        QVERIFY2(note.startsWith(QStringLiteral("body: malformed HTTP response")), qPrintable(note));
    }

    // 101 is final, as in Go's client: a status, at once, never a wait for the timeout.
    void switchingProtocolsIsAStatus()
    {
        ByteServer server;
        server.onRequest = [](QTcpSocket *socket, int) {
            answer(socket, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\x81\x00");
        };
        LeanHttpTransport transport;
        Exchange e;
        run(transport, spec(server.url()), e);
        QTRY_VERIFY(e.outcome.has_value());
        QCOMPARE(e.outcome->status, 101);
    }

    // A status line Go refuses is an Error (no status), as is a sixth interim response.
    void statusLinesGoRefuses_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("two digits") << QByteArray("HTTP/1.1 20 OK\r\nContent-Length: 0\r\n\r\n");
        QTest::newRow("six 100s") << QByteArray("HTTP/1.1 100 Continue\r\n\r\n").repeated(6)
                                          + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    }
    void statusLinesGoRefuses()
    {
        QFETCH(QByteArray, bytes);
        ByteServer server;
        server.onRequest = [bytes](QTcpSocket *socket, int) { answer(socket, bytes); };
        LeanHttpTransport transport;
        Exchange e;
        run(transport, spec(server.url()), e);
        QTRY_VERIFY(e.outcome.has_value());
        QCOMPARE(e.outcome->status, 0);
        QCOMPARE(e.outcome->errorClass, ErrorClass::Other);
    }

    // A body that neither ends nor is interrupted by a next delivery is read for BodyTailMs, then
    // the connection is closed.
    void tailHasADeadline()
    {
        ByteServer server;
        server.onRequest = [](QTcpSocket *socket, int) { answer(socket, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab"); };
        LeanHttpTransport transport;
        Exchange e;
        run(transport, spec(server.url()), e);
        QTRY_VERIFY(e.outcome.has_value());
        QTRY_VERIFY_WITH_TIMEOUT(e.tail.has_value(), int(LeanHttpTransport::BodyTailMs) + 3000);
        QCOMPARE(e.tail->body, QByteArray("ab"));
        QVERIFY2(e.tail->note.contains(QStringLiteral("did not end within")), qPrintable(e.tail->note));
    }
};

QTEST_GUILESS_MAIN(tst_LeanHttpTransport)
#include "tst_leanhttptransport.moc"
