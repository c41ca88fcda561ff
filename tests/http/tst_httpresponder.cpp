#include "httpserver.h"
#include "rawhttpclient.h"

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

// Echoes what it understood: "<METHOD> <path> <body size>".
void echoHandler(const HttpRequest &request, HttpResponder responder)
{
    responder.respond(HttpResponse::text(
        200, request.method() + ' ' + request.path().toUtf8() + ' '
                 + QByteArray::number(request.body().size())));
}

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
        auto server = std::make_unique<HttpServer>(options);
        server->setHandler(&echoHandler);
        if (!server->listen(QHostAddress::LocalHost, 0))
            qWarning("cannot listen");
        return server;
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

};

QTEST_GUILESS_MAIN(tst_HttpResponder)
#include "tst_httpresponder.moc"
