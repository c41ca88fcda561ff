#include "http/httpserver.h"
#include "echohttpserver.h"
#include "rawhttpclient.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>
#include <QTimer>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <vector>

using namespace hookscope;

namespace {

// Short limits so every timing case runs in well under a second.
HttpServerOptions testOptions()
{
    HttpServerOptions options;
    options.maxBodyBytes = 1000;
    options.requestTimeoutMs = 300;
    options.idleTimeoutMs = 5000;   // long: the cases here must not pass by the idle timer
    options.drainTimeoutMs = 200;
    return options;
}

QByteArray get(const QByteArray &path, const QByteArray &extra = QByteArray())
{
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + extra + "\r\n";
}

QByteArray post(const QByteArray &body)
{
    return "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n\r\n" + body;
}

void raiseDescriptorLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

} // namespace

// The HTTP server against slow and hostile clients: deadlines that bytes cannot push back, head
// limits, eviction of idle connections at the cap, the body memory budget, accept failures and
// half-closed clients.
class tst_HttpServerLimits final : public QObject
{
    Q_OBJECT

    std::unique_ptr<HttpServer> startServer(const HttpServerOptions &options = testOptions())
    {
        return test::startEchoServer(options);
    }

private Q_SLOTS:
    void initTestCase() { raiseDescriptorLimit(); }

    // A bare CRLF every 100 ms used to restart the idle timer forever. Line ends before a request
    // line now start the request deadline: 408 and closed after requestTimeoutMs.
    void lineEndsDoNotKeepAConnectionOpen()
    {
        auto server = startServer();
        RawHttpClient client(server->serverPort());
        QVERIFY(client.connectToServer());
        QElapsedTimer clock;
        clock.start();
        QTimer ticker;
        QObject::connect(&ticker, &QTimer::timeout, [&client] { client.send("\r\n"); });
        ticker.start(100);
        client.send("\r\n");
        const auto response = client.readResponse(3000);
        ticker.stop();
        QVERIFY(response);
        QCOMPARE(response->status, 408);
        QVERIFY(client.waitForClosed());
        QVERIFY2(clock.elapsed() < 1500, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(server->stats().timeouts, 1);
    }

    // The deadline after a keep-alive request runs from the first byte of the next one, line
    // ends between requests included.
    void lineEndsBetweenRequestsCount()
    {
        auto server = startServer();
        RawHttpClient client(server->serverPort());
        QVERIFY(client.connectToServer());
        client.send(get("/a"));
        QCOMPARE(client.readResponse()->status, 200);
        client.send("\r\n");
        QTest::qWait(200);
        client.send("\r\nGET /b HTTP/1.1\r\n");   // the head is never finished
        const auto response = client.readResponse(3000);
        QVERIFY(response);
        QCOMPARE(response->status, 408);
    }

    // At most maxHeaderLines header lines: one more is 431.
    void headerLineLimit()
    {
        auto server = startServer();
        QByteArray lines;
        for (int i = 0; i < 99; ++i)   // + Host = 100
            lines += "X-L" + QByteArray::number(i) + ": v\r\n";
        RawHttpClient ok(server->serverPort());
        QVERIFY(ok.connectToServer());
        ok.send(get("/", lines));
        QCOMPARE(ok.readResponse()->status, 200);
        RawHttpClient tooMany(server->serverPort());
        QVERIFY(tooMany.connectToServer());
        tooMany.send(get("/", lines + "X-Last: v\r\n"));
        const auto response = tooMany.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 431);
        QVERIFY(response->body.contains("more than 100 header lines"));
    }

    // 64 KiB of head by default: one header of 70,000 bytes is 431.
    void headBytesLimitByDefault()
    {
        auto server = startServer();
        RawHttpClient client(server->serverPort());
        QVERIFY(client.connectToServer());
        client.send(get("/", "X-Big: " + QByteArray(70000, 'a') + "\r\n"));
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 431);
    }

    // At the cap a newcomer evicts the longest-idle connection instead of getting 503; bare
    // line ends do not make a connection busy.
    void idleConnectionIsEvictedAtTheCap()
    {
        HttpServerOptions options = testOptions();
        options.maxConnections = 2;
        auto server = startServer(options);
        RawHttpClient oldest(server->serverPort());
        QVERIFY(oldest.connectToServer());
        QTRY_COMPARE(server->stats().openConnections, 1);
        RawHttpClient younger(server->serverPort());
        QVERIFY(younger.connectToServer());
        QTRY_COMPARE(server->stats().openConnections, 2);
        younger.send("\r\n");
        oldest.send("\r\n");   // activity, but no request: it stays the longest idle
        QTest::qWait(20);

        RawHttpClient newcomer(server->serverPort());
        QVERIFY(newcomer.connectToServer());
        newcomer.send(get("/new"));
        const auto response = newcomer.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QVERIFY(oldest.waitForClosed(1000));
        QCOMPARE(younger.socket().state(), QAbstractSocket::ConnectedState);
        QCOMPARE(server->stats().connectionsEvicted, 1);
        QCOMPARE(server->stats().connectionsRejected, 0);
    }

    // A connection with a request in progress is never evicted: with no idle one, 503.
    void busyConnectionsAreNotEvicted()
    {
        HttpServerOptions options = testOptions();
        options.maxConnections = 1;
        auto server = startServer(options);
        RawHttpClient busy(server->serverPort());
        QVERIFY(busy.connectToServer());
        busy.send("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nab");
        QTRY_COMPARE(server->stats().requests, 1);
        RawHttpClient second(server->serverPort());
        QVERIFY(second.connectToServer());
        second.send(get("/"));
        const auto refused = second.readResponse();
        QVERIFY(refused);
        QCOMPARE(refused->status, 503);
        busy.send("cd");
        QCOMPARE(busy.readResponse()->body, QByteArray("POST /p 4"));
        QCOMPARE(server->stats().connectionsEvicted, 0);
    }

    // Hundreds of idle sockets against the default cap (512) do not keep a real client out:
    // it is answered within 500 ms.
    void idleSocketsAgainstTheDefaultCap()
    {
        HttpServerOptions options;   // defaults, cap included
        auto server = startServer(options);
        const int count = options.maxConnections + 20;
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < count; ++i) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, server->serverPort());
            if (i % 50 == 49)
                QTest::qWait(5);
        }
        QTRY_VERIFY2_WITH_TIMEOUT(server->stats().connectionsAccepted
                                          + server->stats().connectionsRejected >= count,
                                  qPrintable(QStringLiteral("accepted %1 rejected %2 open %3 evicted %4")
                                                 .arg(server->stats().connectionsAccepted)
                                                 .arg(server->stats().connectionsRejected)
                                                 .arg(server->stats().openConnections)
                                                 .arg(server->stats().connectionsEvicted)),
                                  10000);
        QCOMPARE(server->stats().connectionsRejected, 0);
        QCOMPARE(server->stats().openConnections, options.maxConnections);

        QElapsedTimer clock;
        clock.start();
        RawHttpClient client(server->serverPort());
        QVERIFY(client.connectToServer());
        client.send(post("{\"events\":[]}"));
        const auto response = client.readResponse(2000);
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QVERIFY2(clock.elapsed() < 500, qPrintable(QString::number(clock.elapsed())));
    }

    // Body bytes held across connections are capped: past the budget 503 with Retry-After;
    // once the holder is answered the budget is free again.
    void bodyBudgetAcrossConnections()
    {
        HttpServerOptions options = testOptions();
        options.bodyBudgetBytes = 1000;
        options.requestTimeoutMs = 2000;
        auto server = startServer(options);
        RawHttpClient holder(server->serverPort());
        QVERIFY(holder.connectToServer());
        holder.send("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + QByteArray(700, 'a'));
        QTRY_COMPARE(server->stats().bodyBytesHeld, 700);

        RawHttpClient late(server->serverPort());
        QVERIFY(late.connectToServer());
        late.send(post(QByteArray(400, 'b')));
        const auto refused = late.readResponse();
        QVERIFY(refused);
        QCOMPARE(refused->status, 503);
        QCOMPARE(refused->header("Retry-After"), QByteArray("1"));
        QCOMPARE(server->stats().overBudget, 1);

        holder.send(QByteArray(300, 'a'));
        QCOMPARE(holder.readResponse()->body, QByteArray("POST /p 1000"));
        QCOMPARE(server->stats().bodyBytesHeld, 0);
        RawHttpClient again(server->serverPort());
        QVERIFY(again.connectToServer());
        again.send(post(QByteArray(400, 'b')));
        QCOMPARE(again.readResponse()->status, 200);
    }

    // A request sent in full before the client shuts down its side (SHUT_WR) is answered, then
    // the connection closes. Qt used to close the socket on that EOF before the answer left.
    void halfClosedClientIsAnswered_data()
    {
        QTest::addColumn<int>("answerDelayMs");
        QTest::newRow("answered at once") << 0;
        QTest::newRow("answered later") << 100;
    }
    void halfClosedClientIsAnswered()
    {
        QFETCH(int, answerDelayMs);
        auto server = startServer();
        server->setHandler([answerDelayMs](const HttpRequest &request, HttpResponder responder) {
            const QByteArray body = request.body();
            auto answer = [responder, body] { responder.respond(HttpResponse::text(200, "got " + body)); };
            if (answerDelayMs == 0)
                answer();
            else
                QTimer::singleShot(answerDelayMs, answer);
        });
        RawHttpClient client(server->serverPort());
        QVERIFY(client.connectToServer());
        client.send(post("hello"));
        QVERIFY(client.socket().waitForBytesWritten(1000) || client.socket().bytesToWrite() == 0);
        QCOMPARE(::shutdown(int(client.socket().socketDescriptor()), SHUT_WR), 0);
        const auto response = client.readResponse(3000);
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body, QByteArray("got hello"));
        QVERIFY(client.waitForClosed());
    }

    // accept() failing with EMFILE is logged once, counted, and the listener serves again once
    // descriptors are free. The process's own descriptor limit is lowered to cause it.
    void acceptErrorsAreSurvived()
    {
        HttpServerOptions options = testOptions();
        options.acceptRetryMs = 50;
        auto server = startServer(options);

        // The client's descriptor exists before the limit drops; the kernel completes the
        // handshake on its own (backlog), only accept() on our side fails.
        const int client = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(client >= 0);
        rlimit saved{};
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &saved), 0);
        // Fill every free descriptor below a lowered limit so accept() has none.
        std::vector<int> fillers;
        rlimit lowered = saved;
        lowered.rlim_cur = rlim_t(client + 16);
        QCOMPARE(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
        for (;;) {
            const int fd = ::dup(client);
            if (fd < 0)
                break;
            fillers.push_back(fd);
        }
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(server->serverPort());
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(client, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot accept connections")));
        QTest::failOnWarning(QRegularExpression(QStringLiteral("cannot accept connections")));
        QTRY_VERIFY_WITH_TIMEOUT(server->stats().acceptErrors >= 3, 3000);   // retried, logged once

        for (int fd : fillers)
            ::close(fd);
        QCOMPARE(::setrlimit(RLIMIT_NOFILE, &saved), 0);
        const QByteArray request = get("/after");
        QCOMPARE(::write(client, request.constData(), size_t(request.size())), ssize_t(request.size()));
        ::fcntl(client, F_SETFL, O_NONBLOCK);
        QByteArray received;
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            char chunk[4096];
            const ssize_t n = ::read(client, chunk, sizeof chunk);
            if (n > 0)
                received.append(chunk, qsizetype(n));
            return received.endsWith("GET /after 0");
        }(), 3000);
        QVERIFY(received.startsWith("HTTP/1.1 200"));
        ::close(client);
        QCOMPARE(server->stats().connectionsAccepted, 1);
    }
};

QTEST_GUILESS_MAIN(tst_HttpServerLimits)
#include "tst_httpserverlimits.moc"
