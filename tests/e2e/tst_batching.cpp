// An endpoint with `batch: N`, end to end: events posted to the real ingest listener of a headless
// hookscope reach the receiver in envelopes of at most N events, in the order they were posted
// across envelopes, and an envelope the receiver fails (500, once) is sent again whole, the same
// events in the same envelope, before anything after it. Everything on 127.0.0.1 with port 0.
#include "fakehttpserver.h"
#include "hookscopeprocess.h"
#include "networkcalls.h"
#include "spinuntil.h"
#include "testevents.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

constexpr int Batch = 3;

} // namespace

class tst_Batching final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void envelopesHoldAtMostBatchInOrderAndAFailedOneIsRetriedWhole()
    {
        FakeHttpServer receiver;
        receiver.enqueue(FakeStep::respond(500));   // the first envelope fails once
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("hookscope.yml"));
        {
            QFile file(config);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("notifications:\n  endpoints:\n    - name: batched\n      url: "
                       + receiver.url(QStringLiteral("/batched")).toString().toUtf8()
                       + "\n      batch: " + QByteArray::number(Batch)
                       + "\n      threshold: 3\n      backoff: 100ms\n"
                         "hookscope:\n  ingest: {listen: 127.0.0.1:0}\n  admin: {listen: 127.0.0.1:0}\n");
        }
        HookscopeProcess hookscope{QStringLiteral(HOOKSCOPE_BINARY)};
        QVERIFY2(hookscope.start(config), qPrintable(hookscope.output));

        // Three posts of seven events: each arrives as a block, so the queue has more than a
        // batch waiting and splits it; the 500 holds the head back while later posts queue up.
        QList<QByteArray> posted;
        QNetworkAccessManager network;
        for (int post = 0; post < 3; ++post) {
            QList<QByteArray> ids;
            for (int i = 0; i < 7; ++i)
                ids.append("ev-" + QByteArray::number(post) + "-" + QByteArray::number(i));
            QCOMPARE(postStatus(network, hookscope.ingest, envelopeJson(ids, QStringLiteral("batch/test")),
                                "application/vnd.docker.distribution.events.v1+json"),
                     200);
            posted += ids;
        }

        // Delivered: every envelope after the failed one.
        const auto delivered = [&] {
            QList<QByteArray> ids;
            for (qsizetype i = 1; i < receiver.received().size(); ++i)
                ids += receiver.received().at(i).eventIds();
            return ids;
        };
        QVERIFY2(spinUntil([&] { return delivered().size() >= posted.size(); }, 20000),
                 qPrintable(hookscope.output));
        QVERIFY(hookscope.stop());
        QCOMPARE(hookscope.process.exitCode(), 0);

        QCOMPARE(receiver.remainingSteps(), 0);   // the 500 was answered
        const QList<FakeHttpServer::Received> &requests = receiver.received();
        QVERIFY(requests.size() >= 2);
        int largest = 0;
        QStringList sizes;
        for (const FakeHttpServer::Received &request : requests) {
            QCOMPARE(request.path, QByteArray("/batched"));
            const QList<QByteArray> ids = request.eventIds();
            QVERIFY2(!ids.isEmpty() && ids.size() <= Batch, request.body.constData());
            largest = qMax(largest, int(ids.size()));
            sizes << QString::number(ids.size());
        }
        qInfo("envelope sizes: %s", qPrintable(sizes.join(QLatin1Char(' '))));
        QCOMPARE(largest, Batch);   // batching happened: full envelopes went out
        // The failed envelope came again whole, as the very next request: same events, same order.
        QCOMPARE(requests.at(1).eventIds(), requests.at(0).eventIds());
        QCOMPARE(requests.at(0).eventIds(), posted.mid(0, requests.at(0).eventIds().size()));
        // After it, every posted event exactly once, in posting order across envelopes.
        QCOMPARE(delivered(), posted);
    }
};

QTEST_GUILESS_MAIN(tst_Batching)
#include "tst_batching.moc"
