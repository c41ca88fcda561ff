#include "adminserver.h"
#include "fixtures.h"

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
};

QTEST_GUILESS_MAIN(tst_AdminServer)
#include "tst_adminserver.moc"
