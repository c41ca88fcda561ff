// IngestServer with a submit that answers later (durable mode): the answer waits for the completion,
// a failed completion is a 503 with the journal's reason, and a completion that arrives after the
// server is gone is ignored. A submit that answers at once is tst_ingestserver's.
#include "fixtures.h"
#include "sources/ingestserver.h"
#include "rawhttpclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace hookscope;

namespace {

QByteArray post(const QByteArray &body)
{
    return "POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/vnd.docker.distribution.events.v1+json\r\n"
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

class tst_IngestServerDurable final : public QObject
{
    Q_OBJECT

    QList<IngestServer::SubmitDone> m_pending;
    int m_events = 0;

    std::unique_ptr<IngestServer> startServer()
    {
        auto server = std::make_unique<IngestServer>(
            IngestOptions(), IngestServer::SubmitFunction([this](const EventBlock &events, IngestServer::SubmitDone done) {
                m_events += int(events.size());
                m_pending.append(std::move(done));
            }));
        QString error;
        if (!server->start(&error))
            qWarning("start: %s", qPrintable(error));
        return server;
    }

private Q_SLOTS:
    void init()
    {
        m_pending.clear();
        m_events = 0;
    }

    void answersOnlyOnceDurable()
    {
        auto server = startServer();
        QSignalSpy accepted(server.get(), &IngestServer::eventsAccepted);
        RawHttpClient client(server->port());
        QVERIFY(client.connectToServer());
        client.send(post(fixtures::read(QStringLiteral("events/001-push-blob.json"))));
        QTRY_COMPARE(m_pending.size(), 1);
        QVERIFY(!client.readResponse(100).has_value());   // still waiting for the commit
        QCOMPARE(accepted.size(), 0);
        m_pending.takeFirst()(true, {});
        const auto response = client.readResponse();
        QVERIFY(response.has_value());
        QCOMPARE(response->status, 200);
        QCOMPARE(accepted.size(), 1);
        QCOMPARE(server->stats().eventsAccepted, 1);
    }

    void failedCommitIs503WithTheReason()
    {
        auto server = startServer();
        RawHttpClient client(server->port());
        QVERIFY(client.connectToServer());
        client.send(post(fixtures::read(QStringLiteral("events/001-push-blob.json"))));
        QTRY_COMPARE(m_pending.size(), 1);
        m_pending.takeFirst()(false, QStringLiteral("journal /x/j.db: commit failed (disk I/O error)"));
        const auto response = client.readResponse();
        QVERIFY(response.has_value());
        QCOMPARE(response->status, 503);
        QCOMPARE(QJsonDocument::fromJson(response->body).object().value(QStringLiteral("error")).toString(),
                 QStringLiteral("journal /x/j.db: commit failed (disk I/O error)"));
        QCOMPARE(server->stats().eventsAccepted, 0);
    }

    void lateCompletionAfterServerGoneIsIgnored()
    {
        auto server = startServer();
        RawHttpClient client(server->port());
        QVERIFY(client.connectToServer());
        client.send(post(fixtures::read(QStringLiteral("events/001-push-blob.json"))));
        QTRY_COMPARE(m_pending.size(), 1);
        server.reset();
        m_pending.takeFirst()(true, {});   // must not touch the destroyed server
    }
};

QTEST_GUILESS_MAIN(tst_IngestServerDurable)
#include "tst_ingestserverdurable.moc"
