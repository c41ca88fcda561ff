#include "http/httpserver.h"
#include "echohttpserver.h"
#include "rawhttpclient.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>

using namespace hookscope;

namespace {

QByteArray get(const QByteArray &path)
{
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
}

} // namespace

// HttpResponder: answering later, not at all, or with a fault.
class tst_HttpResponder final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HttpServer> startServer()
    {
        HttpServerOptions options;
        options.requestTimeoutMs = 200;
        options.drainTimeoutMs = 200;
        return test::startEchoServer(options);
    }

private Q_SLOTS:
    // A responder kept by a slow handler answers when it is ready.
    void respondLater()
    {
        auto server = startServer();
        QList<HttpResponder> kept;
        server->setHandler([&kept](const HttpRequest &, HttpResponder r) { kept.append(r); });
        RawHttpClient client(server->serverPort());
        QVERIFY(client.connectToServer());
        client.send(get("/"));
        QTRY_COMPARE(kept.size(), 1);
        QVERIFY(kept.first().isPending());
        QTest::qWait(50);
        kept.first().respond(HttpResponse(204));
        QVERIFY(!kept.first().isPending());
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 204);
        kept.first().respond(HttpResponse(500));   // a second answer is ignored
        QVERIFY(!client.readResponse(100));
    }

    // Answering after the client left is a no-op, and so is answering twice.
    void responderAfterDisconnectIsSafe()
    {
        auto server = startServer();
        QList<HttpResponder> kept;
        server->setHandler([&kept](const HttpRequest &, HttpResponder r) { kept.append(r); });
        {
            RawHttpClient client(server->serverPort());
            QVERIFY(client.connectToServer());
            client.send(get("/"));
            QTRY_COMPARE(kept.size(), 1);
            QVERIFY(kept.first().isPending());
            client.socket().abort();
        }
        QTRY_COMPARE(server->stats().openConnections, 0);
        QTest::qWait(10);   // let deleteLater run
        QVERIFY(!kept.first().isPending());
        kept.first().respond(HttpResponse(200));
        kept.first().reset();
        server.reset();
        kept.first().respond(HttpResponse(200));
    }

    // reset() aborts with RST (the client's recv fails with ECONNRESET); closeWithoutResponse()
    // gives a clean EOF.
    void resetAndClose_data()
    {
        QTest::addColumn<bool>("reset");
        QTest::newRow("reset") << true;
        QTest::newRow("close") << false;
    }
    void resetAndClose()
    {
        QFETCH(bool, reset);
        auto server = startServer();
        server->setHandler([reset](const HttpRequest &, HttpResponder r) {
            if (reset)
                r.reset();
            else
                r.closeWithoutResponse();
        });
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        auto closeFd = qScopeGuard([fd] { ::close(fd); });
        sockaddr_in address = {};
        address.sin_family = AF_INET;
        address.sin_port = htons(server->serverPort());
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        const QByteArray request = get("/");
        QCOMPARE(::send(fd, request.constData(), size_t(request.size()), 0), ssize_t(request.size()));

        ssize_t received = -1;
        int error = 0;
        // Poll without blocking: the server runs in this thread's event loop.
        QVERIFY(QTest::qWaitFor([&] {
            char buffer[256];
            received = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
            error = errno;
            return received >= 0 || (error != EAGAIN && error != EWOULDBLOCK);
        }, 2000));
        if (reset) {
            QCOMPARE(received, ssize_t(-1));
            QCOMPARE(error, ECONNRESET);
        } else {
            QCOMPARE(received, ssize_t(0));
        }
    }

    // respondSlowly(): the head arrives at once, the body in chunks over the intervals, and the
    // connection serves the next request afterwards.
    void respondSlowlyTricklesTheBody()
    {
        auto server = startServer();
        const QByteArray body(400, 'x');
        server->setHandler([&body](const HttpRequest &request, HttpResponder r) {
            if (request.path() == QLatin1String("/slow"))
                r.respondSlowly(HttpResponse::text(200, body), 100, 60);   // 4 chunks, ~240 ms
            else
                r.respond(HttpResponse::text(200, "fast"));
        });
        RawHttpClient client(server->serverPort());
        QVERIFY(client.connectToServer());
        QElapsedTimer clock;
        clock.start();
        client.send(get("/slow"));
        QByteArray seen;
        QVERIFY(QTest::qWaitFor([&] {
            seen += client.socket().readAll();
            return seen.contains("\r\n\r\n");
        }, 2000));
        const qint64 headAt = clock.elapsed();
        QVERIFY2(headAt < 50, qPrintable(QString::number(headAt)));
        QVERIFY(seen.startsWith("HTTP/1.1 200 OK"));
        QVERIFY(seen.contains("Content-Length: 400"));
        // Not the whole body with the head: at most the first chunk got through so far.
        const qsizetype bodySoFar = seen.size() - (seen.indexOf("\r\n\r\n") + 4);
        QVERIFY2(bodySoFar <= 100, qPrintable(QString::number(bodySoFar)));
        QVERIFY(QTest::qWaitFor([&] {
            seen += client.socket().readAll();
            return seen.size() - (seen.indexOf("\r\n\r\n") + 4) >= 400;
        }, 3000));
        const qint64 bodyAt = clock.elapsed();
        QVERIFY2(bodyAt >= 200, qPrintable(QString::number(bodyAt)));   // 4 x 60 ms, minus jitter
        QVERIFY(seen.endsWith(body));
        // Keep-alive: the same connection answers the next request.
        client.send(get("/fast"));
        const auto next = client.readResponse();
        QVERIFY(next);
        QCOMPARE(next->body, QByteArray("fast"));
    }

    // A request pipelined behind a slow answer waits for its last chunk.
    void respondSlowlyKeepsPipelinedOrder()
    {
        auto server = startServer();
        server->setHandler([](const HttpRequest &request, HttpResponder r) {
            if (request.path() == QLatin1String("/slow"))
                r.respondSlowly(HttpResponse::text(200, "0123456789"), 2, 20);
            else
                r.respond(HttpResponse::text(200, "second"));
        });
        RawHttpClient client(server->serverPort());
        QVERIFY(client.connectToServer());
        client.send(get("/slow") + get("/fast"));
        const auto first = client.readResponse();
        QVERIFY(first);
        QCOMPARE(first->body, QByteArray("0123456789"));
        const auto second = client.readResponse();
        QVERIFY(second);
        QCOMPARE(second->body, QByteArray("second"));
    }

    // HEAD has no body to trickle: answered at once.
    void respondSlowlyHeadIsImmediate()
    {
        auto server = startServer();
        server->setHandler([](const HttpRequest &, HttpResponder r) {
            r.respondSlowly(HttpResponse::text(200, QByteArray(1000, 'y')), 1, 1000);
        });
        RawHttpClient client(server->serverPort());
        QVERIFY(client.connectToServer());
        client.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray seen;
        QVERIFY(QTest::qWaitFor([&] {
            seen += client.socket().readAll();
            return seen.contains("\r\n\r\n");
        }, 500));
        QVERIFY(seen.contains("Content-Length: 1000"));
    }

    // The client leaving in the middle of a slow body stops the writes; nothing crashes.
    void respondSlowlyClientLeaves()
    {
        auto server = startServer();
        QList<HttpResponder> kept;
        server->setHandler([&kept](const HttpRequest &, HttpResponder r) {
            kept.append(r);
            r.respondSlowly(HttpResponse::text(200, QByteArray(100, 'z')), 1, 10);
        });
        {
            RawHttpClient client(server->serverPort());
            QVERIFY(client.connectToServer());
            client.send(get("/"));
            QTRY_COMPARE(kept.size(), 1);
            QVERIFY(QTest::qWaitFor([&] { return client.socket().bytesAvailable() > 0; }, 1000));
            client.socket().abort();
        }
        QTRY_COMPARE(server->stats().openConnections, 0);
        QVERIFY(!kept.first().isPending());
        kept.first().respondSlowly(HttpResponse(200), 1, 1);   // a no-op now
    }

    // writeRaw(): the bytes verbatim, then EOF; no status line, no framing.
    void writeRawThenCloses()
    {
        auto server = startServer();
        const QByteArray garbage("SSH-2.0-OpenSSH_9.2p1\r\n\x00\xff not http");
        server->setHandler([&garbage](const HttpRequest &, HttpResponder r) {
            r.writeRaw(garbage);
            r.respond(HttpResponse(200));   // ignored: the request was answered
        });
        RawHttpClient client(server->serverPort());
        QVERIFY(client.connectToServer());
        client.send(get("/"));
        QVERIFY(client.waitForClosed());
        QByteArray seen = client.unreadBytes() + client.socket().readAll();
        QCOMPARE(seen, garbage);
    }

};

QTEST_GUILESS_MAIN(tst_HttpResponder)
#include "tst_httpresponder.moc"
