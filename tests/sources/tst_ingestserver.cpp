#include "fixtures.h"
#include "sources/ingestserver.h"
#include "rawhttpclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace hookscope;

namespace {

const QByteArray V1 = "application/vnd.docker.distribution.events.v1+json";


QString errorOf(const RawHttpClient::Response &response)
{
    return QJsonDocument::fromJson(response.body).object().value(QStringLiteral("error")).toString();
}

QByteArray post(const QByteArray &headers, const QByteArray &body)
{
    return "POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
        + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

class tst_IngestServer final : public QObject
{
    Q_OBJECT

    QList<EventBlock> m_submitted;
    bool m_accepting = true;

    std::unique_ptr<IngestServer> startServer(const QByteArray &token = QByteArray(), qint64 bodyLimit = 4 * 1024 * 1024)
    {
        IngestOptions options;
        options.token = token;
        options.bodyLimit = bodyLimit;
        options.requestTimeoutMs = 200;
        auto server = std::make_unique<IngestServer>(options, [this](const EventBlock &events, IngestServer::SubmitDone done) {
            if (!m_accepting) {
                done(false, QStringLiteral("engine is shutting down"));
                return;
            }
            m_submitted.append(events);
            done(true, {});
        });
        QString error;
        if (!server->start(&error))
            qWarning("start: %s", qPrintable(error));
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
        m_accepting = true;
    }

    // The registry's request exactly as captured (headers.txt + a captured body) is accepted,
    // including Accept-Encoding: gzip and Go's User-Agent, and the events reach submit().
    void acceptsRegistryRequestUnchanged_data()
    {
        QTest::addColumn<QString>("eventFile");
        for (const QString &file : fixtures::list(QStringLiteral("events"), {QStringLiteral("*.json")}))
            QTest::newRow(qPrintable(file)) << file;
    }
    void acceptsRegistryRequestUnchanged()
    {
        QFETCH(QString, eventFile);
        const QByteArray body = fixtures::read(QStringLiteral("events/") + eventFile);
        auto server = startServer("fixture-token");
        const auto response = exchange(*server, fixtures::registryRequest(body));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
        const int count = int(QJsonDocument::fromJson(body).object().value(QStringLiteral("events")).toArray().size());
        QCOMPARE(QJsonDocument::fromJson(response.body).object().value(QStringLiteral("accepted")).toInt(), count);
        QCOMPARE(m_submitted.size(), 1);
        QCOMPARE(int(m_submitted.first().size()), count);
        QCOMPARE(server->stats().accepted, 1);
        QCOMPARE(server->stats().eventsAccepted, count);
    }

    // The exact request registry 2.8.2 sent (headers.txt, token configured) is accepted.
    void registryHeadersPassChecks()
    {
        auto server = startServer("fixture-token");
        const QByteArray body = fixtures::read(QStringLiteral("events/001-push-blob.json"));
        QVERIFY(!body.isEmpty());
        const auto response = exchange(*server, fixtures::registryRequest(body));
        QCOMPARE(response.status, 200);
    }

    // Each refusal has its status and a JSON {"error"} body, and nothing is submitted.
    void rejects_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("extraHeader");
        const QByteArray auth = "Authorization: Bearer s3cret\r\n";
        const QByteArray v1 = "Content-Type: " + V1 + "\r\n";
        QTest::newRow("GET /events") << QByteArray("GET /events HTTP/1.1\r\n" + auth + "\r\n") << 405 << QByteArray("Allow");
        QTest::newRow("PUT /events") << post("", "{}").replace("POST", "PUT") << 405 << QByteArray("Allow");
        QTest::newRow("other path") << QByteArray("POST /notify HTTP/1.1\r\n" + auth + v1 + "Content-Length: 2\r\n\r\n{}") << 404 << QByteArray();
        QTest::newRow("near path") << QByteArray("POST /x/events HTTP/1.1\r\n" + auth + v1 + "Content-Length: 2\r\n\r\n{}") << 404 << QByteArray();
        QTest::newRow("no token") << post(v1, "{}") << 401 << QByteArray("WWW-Authenticate");
        QTest::newRow("wrong token") << post("Authorization: Bearer s3cres\r\n" + v1, "{}") << 401 << QByteArray();
        QTest::newRow("token prefix") << post("Authorization: Bearer s3c\r\n" + v1, "{}") << 401 << QByteArray();
        QTest::newRow("basic scheme") << post("Authorization: Basic s3cret\r\n" + v1, "{}") << 401 << QByteArray();
        QTest::newRow("no content type") << post(auth, "{}") << 415 << QByteArray();
        QTest::newRow("text/plain") << post(auth + "Content-Type: text/plain\r\n", "{}") << 415 << QByteArray();
        QTest::newRow("gzip body") << post(auth + v1 + "Content-Encoding: gzip\r\n", "{}") << 415 << QByteArray();
        QTest::newRow("too large") << post(auth + v1, QByteArray(2000, ' ')) << 413 << QByteArray();
        QTest::newRow("not JSON") << post(auth + v1, "events") << 400 << QByteArray();
        QTest::newRow("not an object") << post(auth + v1, "[1]") << 400 << QByteArray();
        QTest::newRow("events not a list") << post(auth + v1, "{\"events\": 1}") << 400 << QByteArray();
        QTest::newRow("event not an object") << post(auth + v1, "{\"events\": [1]}") << 400 << QByteArray();
        QTest::newRow("bad UTF-8") << post(auth + v1, "{\"events\": [{\"id\": \"\xff\"}]}") << 400 << QByteArray();
    }
    void rejects()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QByteArray, extraHeader);
        auto server = startServer("s3cret", 1000);
        QSignalSpy rejected(server.get(), &IngestServer::requestRejected);
        const auto response = exchange(*server, request);
        QCOMPARE(response.status, status);
        QVERIFY2(!errorOf(response).isEmpty(), response.body.constData());
        if (!extraHeader.isEmpty())
            QVERIFY(!response.header(extraHeader).isEmpty());
        if (status == 405)
            QCOMPARE(response.header("Allow"), QByteArray("POST"));
        QVERIFY(m_submitted.isEmpty());
        QCOMPARE(server->stats().rejected, 1);
        if (status != 413)
            QCOMPARE(rejected.size(), 1);
    }

    // A body that grows past the limit without announcing its size is cut off at the limit.
    void tooLargeChunked()
    {
        auto server = startServer(QByteArray(), 1000);
        RawHttpClient client(server->port());
        QVERIFY(client.connectToServer());
        client.send("POST /events HTTP/1.1\r\nContent-Type: " + V1 + "\r\nTransfer-Encoding: chunked\r\n\r\n");
        client.send("7d0\r\n" + QByteArray(2000, ' ') + "\r\n0\r\n\r\n");
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 413);
        QVERIFY(!errorOf(*response).isEmpty());
    }

    // The scheme word is case-insensitive, the token is not.
    void tokenAccepted()
    {
        auto server = startServer("s3cret");
        auto response = exchange(*server, post("Authorization: bearer s3cret\r\nContent-Type: " + V1 + "\r\n", "{\"events\": []}"));
        QCOMPARE(response.status, 200);
        response = exchange(*server, post("Authorization: Bearer S3CRET\r\nContent-Type: " + V1 + "\r\n", "{\"events\": []}"));
        QCOMPARE(response.status, 401);
    }

    // v2 and application/json (with parameters) are accepted media types.
    void otherContentTypes_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::newRow("v2") << QByteArray("application/vnd.docker.distribution.events.v2+json");
        QTest::newRow("json; charset") << QByteArray("application/json; charset=utf-8");
        QTest::newRow("upper case") << QByteArray("Application/JSON");
    }
    void otherContentTypes()
    {
        QFETCH(QByteArray, contentType);
        auto server = startServer();
        const auto response = exchange(*server, post("Content-Type: " + contentType + "\r\n", "{\"events\": []}"));
        QVERIFY2(response.status != 415, contentType.constData());
    }

    // When the engine does not take the events, the registry must retry: 503, nothing counted.
    void notAcceptingGives503()
    {
        auto server = startServer();
        m_accepting = false;
        const QByteArray body = fixtures::read(QStringLiteral("events/001-push-blob.json"));
        const auto response = exchange(*server, post("Content-Type: " + V1 + "\r\n", body));
        QCOMPARE(response.status, 503);
        QCOMPARE(errorOf(response), QStringLiteral("engine is shutting down"));
        QCOMPARE(server->stats().accepted, 0);
    }

    // 100-continue: the client learns about a bad token before sending the body.
    void expectContinueWithBadToken()
    {
        auto server = startServer("s3cret");
        RawHttpClient client(server->port());
        QVERIFY(client.connectToServer());
        client.send("POST /events HTTP/1.1\r\nContent-Type: " + V1 + "\r\nExpect: 100-continue\r\nContent-Length: 500\r\n\r\n");
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 401);
    }

    // GET /healthz answers 200 without a token and is not counted as ingest traffic.
    void healthz()
    {
        auto server = startServer("s3cret");
        QNetworkAccessManager nam;
        std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(
            QUrl(QStringLiteral("http://127.0.0.1:%1/healthz").arg(server->port())))));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(server->stats().requests, 0);   // health checks are not ingest traffic
    }

    // A registry client that stalls is answered 408 and counted; others are not held up.
    void stalledClientTimesOut()
    {
        auto server = startServer();
        QSignalSpy rejected(server.get(), &IngestServer::requestRejected);
        RawHttpClient stalled(server->port());
        QVERIFY(stalled.connectToServer());
        stalled.send("POST /events HTTP/1.1\r\nContent-Type: " + V1 + "\r\nContent-Length: 100\r\n\r\n{\"ev");
        const auto quick = exchange(*server, post("Content-Type: text/plain\r\n", "{}"));
        QCOMPARE(quick.status, 415);
        const auto response = stalled.readResponse(2000);
        QVERIFY(response);
        QCOMPARE(response->status, 408);
        QCOMPARE(server->stats().timedOut, 1);
        QCOMPARE(rejected.size(), 2);   // the 415 and the 408
        QVERIFY(rejected.at(0).at(0).toInt() == 408 || rejected.at(1).at(0).toInt() == 408);
    }

    // The listen address is reported as host:port, and is empty once stopped.
    void listenAddressAndStop()
    {
        auto server = startServer();
        QCOMPARE(server->listenAddress(), QStringLiteral("127.0.0.1:%1").arg(server->port()));
        QCOMPARE(server->stats().listenAddress, server->listenAddress());
        server->stop();
        QVERIFY(!server->isListening());
        QVERIFY(server->listenAddress().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_IngestServer)
#include "tst_ingestserver.moc"
