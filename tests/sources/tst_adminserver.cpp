#include "sources/adminserver.h"
#include "fixtures.h"
#include "rawhttpclient.h"
#include "testing/testendpointserver.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include <memory>

using namespace hookscope;

class tst_AdminServer final : public QObject
{
    Q_OBJECT

    std::unique_ptr<AdminServer> m_server;
    QNetworkAccessManager m_nam;
    int m_snapshots = 0;

    std::unique_ptr<QNetworkReply> request(const QByteArray &verb, const QString &path)
    {
        const QUrl url(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->port()).arg(path));
        std::unique_ptr<QNetworkReply> reply(m_nam.sendCustomRequest(QNetworkRequest(url), verb));
        if (!QTest::qWaitFor([&reply] { return reply->isFinished(); }, 5000))
            qWarning("no answer for %s", qPrintable(path));
        return reply;
    }

    static int statusOf(const std::unique_ptr<QNetworkReply> &reply)
    {
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

private Q_SLOTS:
    void init()
    {
        m_snapshots = 0;
        m_server = std::make_unique<AdminServer>(AdminOptions(), [this] {
            ++m_snapshots;
            EngineSnapshot snapshot = fixtures::snapshotFromExpvar(fixtures::expvarEndpoints(
                fixtures::readJson(QStringLiteral("expvar-5-recovered.json"))));
            snapshot.adminAddress = m_server->listenAddress();
            return snapshot;
        });
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
    }

    void cleanup() { m_server.reset(); }

    // What a tool reading a registry's debug page reads: registry.notifications.endpoints.
    void debugVars()
    {
        const auto reply = request("GET", QStringLiteral("/debug/vars"));
        QCOMPARE(statusOf(reply), 200);
        QVERIFY(reply->header(QNetworkRequest::ContentTypeHeader).toString().startsWith(QStringLiteral("application/json")));
        QCOMPARE(reply->rawHeader("Cache-Control"), QByteArray("no-store"));
        const QJsonObject page = QJsonDocument::fromJson(reply->readAll()).object();
        const QJsonArray endpoints = page.value(QStringLiteral("registry")).toObject()
                                         .value(QStringLiteral("notifications")).toObject()
                                         .value(QStringLiteral("endpoints")).toArray();
        QCOMPARE(endpoints.size(), 4);
        QCOMPARE(endpoints.at(3).toObject().value(QStringLiteral("Metrics")).toObject()
                     .value(QStringLiteral("Pending")).toInt(), 33);
        QCOMPARE(endpoints.at(0).toObject().value(QStringLiteral("Headers")).toObject()
                     .value(QStringLiteral("Authorization")).toArray().first().toString(),
                 QStringLiteral("Bearer ******"));
        QCOMPARE(page.value(QStringLiteral("hookscope")).toObject().value(QStringLiteral("admin")).toString(),
                 m_server->listenAddress());
        QCOMPARE(m_snapshots, 1);
    }

    // With test endpoints attached, /debug/vars has hookscope.testEndpoints: one object per test
    // endpoint with its mode, request count and receiver checks, live at each request.
    void debugVarsShowsTestEndpoints()
    {
        const auto testEndpointsOf = [this] {
            const auto reply = request("GET", QStringLiteral("/debug/vars"));
            return QJsonDocument::fromJson(reply->readAll()).object()
                .value(QStringLiteral("hookscope")).toObject().value(QStringLiteral("testEndpoints"));
        };
        QVERIFY(testEndpointsOf().isUndefined());   // none: the page is unchanged
        TestEndpointServer endpoints;
        QVERIFY(endpoints.listen());
        TestEndpointBehaviour reset;
        reset.mode = TestEndpointBehaviour::ResetConnection;
        QVERIFY(endpoints.addEndpoint(QStringLiteral("ok")));
        QVERIFY(endpoints.addEndpoint(QStringLiteral("rst"), reset));
        endpoints.noteSent(QStringLiteral("s"), 3);
        m_server->setTestEndpoints(&endpoints);
        {
            QNetworkRequest post(endpoints.url(QStringLiteral("ok")));
            post.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
            std::unique_ptr<QNetworkReply> reply(m_nam.post(
                post, QByteArray(R"({"events":[{"id":"a","hookscope":{"seq":1,"stream":"s"}}]})")));
            QVERIFY(QTest::qWaitFor([&reply] { return reply->isFinished(); }, 5000));
        }
        const QJsonArray list = testEndpointsOf().toArray();
        QCOMPARE(list.size(), 2);
        const QJsonObject ok = list.at(0).toObject();
        QCOMPARE(ok.value(QStringLiteral("name")).toString(), QStringLiteral("ok"));
        QCOMPARE(ok.value(QStringLiteral("behaviour")).toObject().value(QStringLiteral("mode")).toString(),
                 QStringLiteral("healthy"));
        QCOMPARE(ok.value(QStringLiteral("requests")).toInt(), 1);
        const QJsonObject checks = ok.value(QStringLiteral("checks")).toObject();
        QCOMPARE(checks.value(QStringLiteral("envelopes")).toInt(), 1);
        QCOMPARE(checks.value(QStringLiteral("uniqueIds")).toInt(), 1);
        QCOMPARE(checks.value(QStringLiteral("duplicates")).toInt(), 0);
        QCOMPARE(checks.value(QStringLiteral("outOfOrder")).toInt(), 0);
        QCOMPARE(checks.value(QStringLiteral("sent")).toInt(), 3);
        QCOMPARE(checks.value(QStringLiteral("lost")).toInt(), 2);
        QCOMPARE(list.at(1).toObject().value(QStringLiteral("behaviour")).toObject()
                     .value(QStringLiteral("mode")).toString(), QStringLiteral("reset"));
        QCOMPARE(list.at(1).toObject().value(QStringLiteral("checks")).toObject()
                     .value(QStringLiteral("lost")).toInt(), 3);
        m_server->setTestEndpoints(nullptr);
    }

    // Prometheus text with its content type and the engine's numbers.
    void metrics()
    {
        const auto reply = request("GET", QStringLiteral("/metrics"));
        QCOMPARE(statusOf(reply), 200);
        QCOMPARE(reply->rawHeader("Content-Type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        QVERIFY(reply->readAll().contains("registry_notifications_pending_total{endpoint=\"down\"} 33\n"));
    }

    // Health checks answer without asking the engine for a snapshot.
    void healthzNeedsNoSnapshot()
    {
        const auto reply = request("GET", QStringLiteral("/healthz"));
        QCOMPARE(statusOf(reply), 200);
        QCOMPARE(m_snapshots, 0);
    }

    // Unknown paths get 404, writes get 405 with Allow; neither takes a snapshot.
    void unknownPathAndMethod()
    {
        auto reply = request("GET", QStringLiteral("/debug/pprof"));
        QCOMPARE(statusOf(reply), 404);
        QVERIFY(QJsonDocument::fromJson(reply->readAll()).object().contains(QStringLiteral("error")));
        reply = request("DELETE", QStringLiteral("/metrics"));
        QCOMPARE(statusOf(reply), 405);
        QCOMPARE(reply->rawHeader("Allow"), QByteArray("GET, HEAD"));
        QCOMPARE(m_snapshots, 0);
    }

    // DNS rebinding: a page in the operator's browser, under a name that resolves to 127.0.0.1,
    // must not read /debug/vars. A Host that is not loopback gets 421 (no snapshot taken)
    // unless listed in allowedhosts; loopback names pass.
    void hostCheck_data()
    {
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<int>("status");
        QTest::newRow("127.0.0.1:port") << QByteArray("127.0.0.1:5051") << 200;
        QTest::newRow("localhost") << QByteArray("localhost") << 200;
        QTest::newRow("[::1]:port") << QByteArray("[::1]:5051") << 200;
        QTest::newRow("rebound name") << QByteArray("attacker.example:5051") << 421;
        QTest::newRow("listed with its port") << QByteArray("admin.internal:5051") << 200;
        QTest::newRow("listed, other port") << QByteArray("admin.internal:9999") << 421;
    }
    // The admin listener keeps the connection rules too: bare line ends do not hold it open.
    void lineEndsTimeOut()
    {
        AdminOptions options;
        options.requestTimeoutMs = 300;
        m_server = std::make_unique<AdminServer>(options, [] { return EngineSnapshot(); });
        QVERIFY(m_server->start());
        RawHttpClient client(m_server->port());
        QVERIFY(client.connectToServer());
        for (int i = 0; i < 20 && client.socket().state() == QAbstractSocket::ConnectedState; ++i) {
            client.send("\r\n");
            QTest::qWait(50);
        }
        const auto response = client.readResponse(2000);
        QVERIFY(response);
        QCOMPARE(response->status, 408);
    }

    void hostCheck()
    {
        QFETCH(QByteArray, host);
        QFETCH(int, status);
        AdminOptions options;
        options.allowedHosts = {QStringLiteral("admin.internal:5051")};
        m_server = std::make_unique<AdminServer>(options, [this] {
            ++m_snapshots;
            return EngineSnapshot();
        });
        QVERIFY(m_server->start());
        RawHttpClient client(m_server->port());
        QVERIFY(client.connectToServer());
        client.send("GET /debug/vars HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, status);
        QCOMPARE(m_snapshots, status == 200 ? 1 : 0);
    }
};

QTEST_GUILESS_MAIN(tst_AdminServer)
#include "tst_adminserver.moc"
