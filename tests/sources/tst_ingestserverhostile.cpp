// IngestServer against senders that are not a well-behaved registry: envelopes of junk events,
// too many events, a Host that is not ours (DNS rebinding), bare line ends as keep-alive, a
// client that half-closes after its request, hundreds of idle sockets. Well-formed registry
// traffic (tst_ingestserver) must be unaffected.
#include "fixtures.h"
#include "sources/ingestserver.h"
#include "rawhttpclient.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimer>

#include <sys/resource.h>
#include <sys/socket.h>

#include <memory>
#include <vector>

using namespace hookscope;

namespace {

const QByteArray GoodEvent = R"({"id":"e1","timestamp":"2026-11-27T18:55:52.465910749Z","action":"push","target":{"repository":"r"}})";

QString errorOf(const RawHttpClient::Response &response)
{
    return QJsonDocument::fromJson(response.body).object().value(QStringLiteral("error")).toString();
}

QByteArray post(const QByteArray &body, const QByteArray &host = "127.0.0.1")
{
    return "POST /events HTTP/1.1\r\nHost: " + host
        + "\r\nContent-Type: application/vnd.docker.distribution.events.v1+json\r\n"
          "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray envelope(const QList<QByteArray> &events)
{
    QByteArray body = "{\"events\":[";
    for (qsizetype i = 0; i < events.size(); ++i)
        body += (i ? "," : "") + events.at(i);
    return body + "]}";
}

} // namespace

class tst_IngestServerHostile final : public QObject
{
    Q_OBJECT

    QList<EventBlock> m_submitted;
    int m_answerDelayMs = -1;   // >= 0: the asynchronous (durable) form, done after this long

    std::unique_ptr<IngestServer> startServer(IngestOptions options = IngestOptions())
    {
        std::unique_ptr<IngestServer> server;
        if (m_answerDelayMs < 0) {
            server = std::make_unique<IngestServer>(options, [this](const EventBlock &events, IngestServer::SubmitDone done) {
                m_submitted.append(events);
                done(true, {});
            });
        } else {
            server = std::make_unique<IngestServer>(
                options, IngestServer::SubmitFunction([this](const EventBlock &events, IngestServer::SubmitDone done) {
                    m_submitted.append(events);
                    QTimer::singleShot(m_answerDelayMs, [done] { done(true, QString()); });
                }));
        }
        if (!server->start())
            qWarning("ingest did not start");
        return server;
    }

    RawHttpClient::Response exchange(IngestServer &server, const QByteArray &request)
    {
        return RawHttpClient::exchange(server.port(), request);
    }

private Q_SLOTS:
    void init()
    {
        m_submitted.clear();
        m_answerDelayMs = -1;
    }

    void initTestCase()
    {
        // The idle-socket case needs ~1100 descriptors in this one process.
        rlimit limit{};
        if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
            limit.rlim_cur = limit.rlim_max;
            ::setrlimit(RLIMIT_NOFILE, &limit);
        }
    }

    // 50,000 bare {"id":"x"} objects were accepted and queued. Now: over maxevents (default
    // 1000) is 413 naming the cap; under a raised cap the first bad event is a 400.
    void bareIdsAreRefused()
    {
        QList<QByteArray> bare(50000, QByteArray(R"({"id":"x"})"));
        auto server = startServer();
        auto response = exchange(*server, post(envelope(bare)));
        QCOMPARE(response.status, 413);
        QCOMPARE(errorOf(response), QStringLiteral("50000 events in one envelope; at most 1000 are taken"));

        IngestOptions raised;
        raised.maxEvents = 100000;
        server = startServer(raised);
        response = exchange(*server, post(envelope(bare)));
        QCOMPARE(response.status, 400);
        QCOMPARE(errorOf(response), QStringLiteral("events[0]: missing \"timestamp\""));
        QVERIFY(m_submitted.isEmpty());
    }

    // The first bad event is named by index and field, and nothing of the envelope is queued.
    void firstBadEventIsNamed_data()
    {
        QTest::addColumn<QByteArray>("bad");
        QTest::addColumn<QString>("error");
        QTest::newRow("no timestamp") << QByteArray(R"({"id":"a","action":"push","target":{}})")
                                      << QStringLiteral("events[17]: missing \"timestamp\"");
        QTest::newRow("id a number") << QByteArray(R"({"id":7,"timestamp":"2026-11-27T18:55:52Z","action":"push","target":{}})")
                                     << QStringLiteral("events[17]: \"id\" must be a string, not a number");
        QTest::newRow("timestamp not RFC 3339") << QByteArray(R"({"id":"a","timestamp":"yesterday","action":"push","target":{}})")
                                                << QStringLiteral("events[17]: \"timestamp\" \"yesterday\" is not an RFC 3339 time");
        QTest::newRow("timestamp a number") << QByteArray(R"({"id":"a","timestamp":1764269752,"action":"push","target":{}})")
                                            << QStringLiteral("events[17]: \"timestamp\" must be a string, not a number");
        QTest::newRow("no action") << QByteArray(R"({"id":"a","timestamp":"2026-11-27T18:55:52+02:00","target":{}})")
                                   << QStringLiteral("events[17]: missing \"action\"");
        QTest::newRow("target a string") << QByteArray(R"({"id":"a","timestamp":"2026-11-27T18:55:52Z","action":"push","target":"r"})")
                                         << QStringLiteral("events[17]: \"target\" must be an object, not a string");
    }
    void firstBadEventIsNamed()
    {
        QFETCH(QByteArray, bad);
        QFETCH(QString, error);
        QList<QByteArray> events(20, GoodEvent);
        events[17] = bad;
        events[19] = R"({"id":"also bad"})";
        auto server = startServer();
        const auto response = exchange(*server, post(envelope(events)));
        QCOMPARE(response.status, 400);
        QCOMPARE(errorOf(response), error);
        QVERIFY(m_submitted.isEmpty());
        QCOMPARE(server->stats().eventsAccepted, 0);
    }

    // Unknown fields are relayed byte for byte with validation on.
    void unknownFieldsStay()
    {
        const QByteArray event = R"({"id":"e1","timestamp":"2026-11-27T18:55:52.4659Z","action":"push","target":{"repository":"r","x-extra":[1.50,true]},"vendor":{"k":"v"}})";
        auto server = startServer();
        QCOMPARE(exchange(*server, post(envelope({event}))).status, 200);
        QCOMPARE(m_submitted.size(), 1);
        QCOMPARE(m_submitted.first().front()->compactJson(), event);
    }

    // validate: false lets events of other shapes through (unchanged); the cap still holds.
    void validateOff()
    {
        IngestOptions options;
        options.validate = false;
        options.maxEvents = 2;
        auto server = startServer(options);
        QCOMPARE(exchange(*server, post(envelope({R"({"id":"x"})", R"({"n":1})"}))).status, 200);
        QCOMPARE(m_submitted.size(), 1);
        QCOMPARE(m_submitted.first().front()->compactJson(), QByteArray(R"({"id":"x"})"));
        const auto response = exchange(*server, post(envelope({"{}", "{}", "{}"})));
        QCOMPARE(response.status, 413);
        QCOMPARE(m_submitted.size(), 1);
    }

    // Every envelope the real registry 2.8.2 sent passes validation, in both captures.
    void registryFixturesPassValidation_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &folder : {QStringLiteral("events"), QStringLiteral("events-default-config")}) {
            for (const QString &name : fixtures::list(folder, {QStringLiteral("*.json")}))
                QTest::newRow(qPrintable(folder + u'/' + name)) << folder + u'/' + name;
        }
    }
    void registryFixturesPassValidation()
    {
        QFETCH(QString, file);
        QVERIFY(IngestOptions().validate);
        auto server = startServer();
        const auto response = exchange(*server, fixtures::registryRequest(fixtures::read(file)));
        QCOMPARE(response.status, 200);
        QCOMPARE(m_submitted.size(), 1);
    }

    // The Host check on a loopback ingest: loopback names pass, others get 421 (nothing
    // queued) unless listed in allowedhosts.
    void hostCheck_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        const QByteArray body = envelope({GoodEvent});
        QTest::newRow("127.0.0.1:port") << post(body, "127.0.0.1:5050") << 200;
        QTest::newRow("localhost:port") << post(body, "localhost:5050") << 200;
        QTest::newRow("[::1]:port") << post(body, "[::1]:5050") << 200;
        QTest::newRow("rebound name") << post(body, "attacker.example:5050") << 421;
        QTest::newRow("listed name") << post(body, "hookscope.internal:5050") << 200;
        QTest::newRow("HTTP/1.0 without Host")
            << QByteArray("POST /events HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: "
                          + QByteArray::number(body.size()) + "\r\n\r\n" + body)
            << 200;
    }
    void hostCheck()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        IngestOptions options;
        options.allowedHosts = {QStringLiteral("hookscope.internal")};
        auto server = startServer(options);
        const auto response = exchange(*server, request);
        QCOMPARE(response.status, status);
        QCOMPARE(m_submitted.size(), status == 200 ? 1 : 0);
        if (status == 421) {
            QVERIFY(errorOf(response).contains(QLatin1String("attacker.example")));
            QCOMPARE(server->stats().rejected, 1);
        }
    }

    // A registry-shaped request followed by shutdown(SHUT_WR) is answered (its events are
    // queued either way, so an unanswered one would be re-sent and duplicated).
    void halfCloseIsAnswered_data()
    {
        QTest::addColumn<int>("answerDelayMs");
        QTest::newRow("in-memory") << -1;
        QTest::newRow("durable") << 50;
    }
    void halfCloseIsAnswered()
    {
        QFETCH(int, answerDelayMs);
        m_answerDelayMs = answerDelayMs;
        auto server = startServer();
        RawHttpClient client(server->port());
        QVERIFY(client.connectToServer());
        client.send(fixtures::registryRequest(fixtures::read(QStringLiteral("events/001-push-blob.json"))));
        QVERIFY(client.socket().bytesToWrite() == 0 || client.socket().waitForBytesWritten(1000));
        QCOMPARE(::shutdown(int(client.socket().socketDescriptor()), SHUT_WR), 0);
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QVERIFY(client.waitForClosed());
        QCOMPARE(m_submitted.size(), 1);
    }

    // Bare CRLFs no longer keep an ingest connection open: timeout applies from the first byte.
    void lineEndsTimeOut()
    {
        IngestOptions options;
        options.requestTimeoutMs = 300;
        auto server = startServer(options);
        RawHttpClient client(server->port());
        QVERIFY(client.connectToServer());
        QTimer ticker;
        QObject::connect(&ticker, &QTimer::timeout, [&client] { client.send("\r\n"); });
        ticker.start(50);
        const auto response = client.readResponse(2000);
        ticker.stop();
        QVERIFY(response);
        QCOMPARE(response->status, 408);
        QVERIFY(client.waitForClosed());
    }

    // 500+ idle sockets (past the default cap of 512) do not keep the registry from a 2xx within
    // 500 ms: the longest-idle ones are evicted.
    void idleSocketsDoNotLockOutTheRegistry()
    {
        auto server = startServer();
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < 540; ++i) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, server->port());
            if (i % 50 == 49)
                QTest::qWait(5);
        }
        QVERIFY(QTest::qWaitFor([&] {
            for (const auto &socket : idle) {
                if (socket->state() != QAbstractSocket::ConnectedState)
                    return false;
            }
            return true;
        }, 10000));
        QTest::qWait(100);   // let the server accept them all
        QElapsedTimer clock;
        clock.start();
        const auto response = exchange(*server, fixtures::registryRequest(fixtures::read(QStringLiteral("events/001-push-blob.json"))));
        QCOMPARE(response.status, 200);
        QVERIFY2(clock.elapsed() < 500, qPrintable(QString::number(clock.elapsed())));
    }
};

QTEST_GUILESS_MAIN(tst_IngestServerHostile)
#include "tst_ingestserverhostile.moc"
