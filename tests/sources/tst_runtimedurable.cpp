// Runtime in durable mode when the disk fills and comes back, end to end through the listeners:
// ingest answers 503 with the journal's reason, /healthz says 503 on the ingest and the admin
// listener, /metrics has hookscope_journal_up 0; once there is room it accepts again without a
// restart, and after a restart every acknowledged event is queued again. The full disk is
// PRAGMA max_page_count (Journal::setMaxPageCount): writes then fail with SQLITE_FULL, as ENOSPC.
#include "core/engine/endpoint.h"
#include "core/engine/engine.h"
#include "fixtures.h"
#include "core/journal/journal.h"
#include "sources/runtime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace hookscope;
using namespace Qt::StringLiterals;

namespace {

struct Reply
{
    int status = 0;
    QByteArray body;
    QString error() const { return QJsonDocument::fromJson(body).object().value(u"error"_s).toString(); }
};

AppConfig durableConfig(const QString &journal)
{
    AppConfig config;
    config.ingest.listen = u"127.0.0.1:0"_s;
    config.admin.listen = u"127.0.0.1:0"_s;
    config.journalPath = journal;
    EndpointConfig e;
    e.name = u"down"_s;
    e.url = u"http://127.0.0.1:9/never"_s;   // discard port, nothing listens: events stay queued
    e.backoffNs = 60'000'000'000;
    e.timeoutNs = 200'000'000;
    config.endpoints.append(e);
    return config;
}

QByteArray upLine(const QString &journal, int up)
{
    return QByteArray("hookscope_journal_up{path=\"") + journal.toUtf8() + "\"} " + QByteArray::number(up);
}

} // namespace

class tst_RuntimeDurable : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_nam;
    int m_nextId = 0;

    Reply get(const QString &address, const QString &path)
    {
        std::unique_ptr<QNetworkReply> reply(m_nam.get(QNetworkRequest(QUrl(u"http://%1%2"_s.arg(address, path)))));
        return finish(reply.get());
    }

    Reply postEvents(const QString &address, int count)
    {
        const QJsonObject event = QJsonDocument::fromJson(fixtures::read(u"events/001-push-blob.json"_s))
                                      .object().value(u"events"_s).toArray().at(0).toObject();
        QJsonArray events;
        for (int i = 0; i < count; ++i) {
            QJsonObject copy = event;
            copy[u"id"_s] = u"durable-%1"_s.arg(m_nextId++);
            events.append(copy);
        }
        QNetworkRequest request(QUrl(u"http://%1/events"_s.arg(address)));
        request.setRawHeader("Content-Type", "application/vnd.docker.distribution.events.v1+json");
        std::unique_ptr<QNetworkReply> reply(
            m_nam.post(request, QJsonDocument(QJsonObject{{u"events"_s, events}}).toJson(QJsonDocument::Compact)));
        return finish(reply.get());
    }

    static Reply finish(QNetworkReply *reply)
    {
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
            return {};
        return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    }

    static qint64 pending(Runtime &runtime)
    {
        qint64 n = -1;
        runtime.host().call([&](Engine &engine) {
            if (Endpoint *e = engine.endpoint(u"down"_s))
                n = e->snapshot().metrics.pending;
        });
        return n;
    }

    static qint64 setMaxPageCount(Runtime &runtime, qint64 pages)
    {
        qint64 cap = -1;
        runtime.host().call([&](Engine &engine) {
            engine.journal()->setRetryDelays(20, 100);
            cap = engine.journal()->setMaxPageCount(pages);
        });
        return cap;
    }

private Q_SLOTS:
    void fullDiskIs503AndHealsWithoutARestart()
    {
        QTemporaryDir dir;
        const QString journal = dir.filePath(u"q.db"_s);
        qint64 acknowledged = 0;
        qint64 refusedInFlight = 0;
        {
            Runtime runtime;
            QString error;
            QVERIFY2(runtime.start(durableConfig(journal), &error), qPrintable(error));
            const QString ingest = runtime.ingestAddress();
            const QString admin = runtime.adminAddress();
            for (int i = 0; i < 3; ++i) {
                QCOMPARE(postEvents(ingest, 5).status, 200);
                acknowledged += 5;
            }
            QCOMPARE(get(ingest, u"/healthz"_s).status, 200);
            QVERIFY(get(admin, u"/metrics"_s).body.contains(upLine(journal, 1)));

            QVERIFY(setMaxPageCount(runtime, 1) > 0);   // the disk is full
            const Reply full = postEvents(ingest, 60);   // about 60 KB: needs pages the file cannot grow by
            QCOMPARE(full.status, 503);
            refusedInFlight = 60;
            QVERIFY2(full.error().startsWith(u"journal cannot write: "_s) && full.error().contains(u"full"_s)
                         && full.error().contains(journal),
                     qPrintable(full.error()));
            for (const QString &address : {ingest, admin}) {
                const Reply health = get(address, u"/healthz"_s);
                QCOMPARE(health.status, 503);
                QCOMPARE(health.error(), full.error());
            }
            QVERIFY(get(admin, u"/metrics"_s).body.contains(upLine(journal, 0)));
            const Reply refused = postEvents(ingest, 5);   // refused up front: not even queued
            QCOMPARE(refused.status, 503);
            QVERIFY2(refused.error().contains(u"full"_s), qPrintable(refused.error()));

            QVERIFY(setMaxPageCount(runtime, 1 << 30) > 1000);   // space is back
            QTRY_COMPARE_WITH_TIMEOUT(get(ingest, u"/healthz"_s).status, 200, 10000);
            QCOMPARE(get(admin, u"/healthz"_s).status, 200);
            QVERIFY(get(admin, u"/metrics"_s).body.contains(upLine(journal, 1)));
            QCOMPARE(postEvents(ingest, 7).status, 200);
            acknowledged += 7;
            QCOMPARE(pending(runtime), acknowledged + refusedInFlight);
            runtime.shutdown(0);
        }
        // After a restart: every acknowledged event, plus the batch that was being written when the
        // disk filled (answered 503, so its sender retries: at least once, as the registry). Not
        // the envelope refused up front.
        Runtime restarted;
        QString error;
        QVERIFY2(restarted.start(durableConfig(journal), &error), qPrintable(error));
        QCOMPARE(pending(restarted), acknowledged + refusedInFlight);
        restarted.shutdown(0);
    }
};

QTEST_GUILESS_MAIN(tst_RuntimeDurable)
#include "tst_runtimedurable.moc"
