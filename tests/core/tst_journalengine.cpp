// Engine with a journal: acknowledgements wait for the commit, and a new engine on the same
// journal gets every queue back in order with its dead letters, totals and redeliveries.
// The in-memory mode is what tst_engine covers, unchanged.
#include "engine/deadletterfilter.h"
#include "engine/endpoint.h"
#include "engine/engine.h"
#include "fakehttpserver.h"
#include "journal/journal.h"
#include "testevents.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

EndpointConfig endpointAt(const QString &name, const QUrl &url)
{
    EndpointConfig config;
    config.name = name;
    config.url = url.toString();
    config.threshold = 3;
    config.backoffNs = 20'000'000;
    config.timeoutNs = 2'000'000'000;
    return config;
}

// The head that was in flight when an engine went away may reach the receiver from the old
// connection as well as from the new engine: at-least-once, so consecutive repeats collapse.
QList<QByteArray> collapsed(const QList<QByteArray> &ids)
{
    QList<QByteArray> out;
    for (const QByteArray &id : ids) {
        if (out.isEmpty() || out.constLast() != id)
            out.append(id);
    }
    return out;
}

std::unique_ptr<Engine> durableEngine(const QString &path, const QList<EndpointConfig> &endpoints)
{
    auto engine = std::make_unique<Engine>();
    auto *journal = new Journal;
    QString error;
    if (!journal->open(path, &error)) {
        qWarning("%s", qPrintable(error));
        delete journal;
        return nullptr;
    }
    engine->setJournal(journal);
    engine->applyEndpoints(endpoints);
    if (!engine->recoverFromJournal(&error)) {
        qWarning("%s", qPrintable(error));
        return nullptr;
    }
    return engine;
}

} // namespace

class tst_JournalEngine final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Without a journal submitDurable answers at once, as submit() would.
    void inMemoryAnswersAtOnce()
    {
        FakeHttpServer server;
        Engine engine;
        engine.applyEndpoints({endpointAt(QStringLiteral("a"), server.url(QStringLiteral("/a")))});
        bool answered = false;
        engine.submitDurable(makeEvents(2), [&](bool ok, const QString &) { answered = ok; });
        QVERIFY(answered);
        QTRY_COMPARE(server.requestCount(), 2);
    }

    // With one: the answer comes after the commit, and many submits share it.
    void durableAnswersAfterCommit()
    {
        QTemporaryDir dir;
        FakeHttpServer server;
        server.setDefaultStep(FakeStep::respond(500));
        auto engine = durableEngine(dir.filePath(QStringLiteral("j.db")),
                                    {endpointAt(QStringLiteral("a"), server.url(QStringLiteral("/a")))});
        QVERIFY(engine);
        int answered = 0;
        for (int i = 0; i < 50; ++i)
            engine->submitDurable(makeEvents(1, "ev" + QByteArray::number(i)), [&](bool ok, const QString &) { answered += ok; });
        QCOMPARE(answered, 0);
        QTRY_COMPARE(answered, 50);
        QVERIFY(engine->journal()->commitCount() <= 3);
    }

    // Renaming an endpoint in place carries its journalled queue and dead letters with it; removing
    // one drops them from the journal, as from memory.
    void renameCarriesTheQueueRemoveDropsIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        FakeHttpServer server;
        EndpointConfig old = endpointAt(QStringLiteral("old"), server.url(QStringLiteral("/x")));
        old.paused = true;
        EndpointConfig renamed = old;
        renamed.name = QStringLiteral("renamed");
        EndpointConfig gone = endpointAt(QStringLiteral("gone"), server.url(QStringLiteral("/g")));
        gone.paused = true;
        {
            auto engine = durableEngine(path, {old, gone});
            QVERIFY(engine);
            engine->submitDurable(makeEvents(3), [](bool, const QString &) {});
            QVERIFY(engine->skipHead(QStringLiteral("old")));
            QVERIFY(engine->updateEndpoint(QStringLiteral("old"), renamed));
            engine->submitDurable(makeEvents(1, "after"), [](bool, const QString &) {});
            QCOMPARE(engine->removeEndpoint(QStringLiteral("gone")), 4);
            QVERIFY(engine->journal()->commitNow());
        }
        auto engine = durableEngine(path, {renamed, gone});
        QVERIFY(engine);
        Endpoint *endpoint = engine->endpoint(QStringLiteral("renamed"));
        QCOMPARE(idsOf(endpoint->queue().slice(0, 10)), (QList<QByteArray>{"ev-1", "ev-2", "after-0"}));
        QCOMPARE(endpoint->deadLetters().size(), 1);
        QCOMPARE(engine->endpoint(QStringLiteral("gone"))->queue().size(), 0);
    }

    // A failing endpoint keeps its queue across a restart; the skipped head is a dead letter with
    // its attempts; the head that was in flight is delivered again and counted; totals carry on.
    void restartRestoresQueuesDeadLettersAndTotals()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        FakeHttpServer server;
        server.setDefaultStep(FakeStep::respond(500));
        const QList<EndpointConfig> config{endpointAt(QStringLiteral("failing"), server.url(QStringLiteral("/f"))),
                                           endpointAt(QStringLiteral("ok"), server.url(QStringLiteral("/ok")))};
        qint64 failuresBefore = 0;
        {
            auto engine = durableEngine(path, config);
            QVERIFY(engine);
            // "ok" answers 200 through a script of its own path: the fake serves steps in arrival
            // order, so pause "failing" while "ok" drains.
            engine->pause(QStringLiteral("failing"));
            server.setDefaultStep(FakeStep::respond(200));
            bool durable = false;
            engine->submitDurable(makeEvents(10), [&](bool ok, const QString &) { durable = ok; });
            QTRY_VERIFY(durable);
            QTRY_COMPARE(server.eventIds("/ok").size(), 10);
            QTRY_COMPARE(engine->endpoint(QStringLiteral("ok"))->queue().size(), 0);
            server.setDefaultStep(FakeStep::respond(500));
            engine->resume(QStringLiteral("failing"));
            QTRY_VERIFY(server.eventIds("/f").size() >= 4);
            QVERIFY(engine->skipHead(QStringLiteral("failing")));   // ev-0 -> dead letter
            QTRY_VERIFY(server.eventIds("/f").contains("ev-1"));
            failuresBefore = engine->endpoint(QStringLiteral("failing"))->metrics().registry().failures;
            QVERIFY(failuresBefore >= 4);
            engine->journal()->commitNow();
            // The engine goes away as a killed process would leave it: no drain.
        }
        server.clearReceived();
        server.setDefaultStep(FakeStep::respond(200));
        auto engine = durableEngine(path, config);
        QVERIFY(engine);
        Endpoint *failing = engine->endpoint(QStringLiteral("failing"));
        QCOMPARE(failing->deadLetters().size(), 1);
        const DeadLetters::Entry dead = failing->deadLetters().entries().at(0);
        QCOMPARE(dead.event->id(), QByteArray("ev-0"));
        QCOMPARE(dead.reason, DeadLetters::Reason::Skipped);
        QVERIFY(dead.attempts >= 1);
        QTRY_COMPARE(collapsed(server.eventIds("/f")), (QList<QByteArray>{"ev-1", "ev-2", "ev-3", "ev-4", "ev-5", "ev-6", "ev-7",
                                                              "ev-8", "ev-9"}));
        QCOMPARE(server.eventIds("/ok").size(), 0);   // delivered before: not again
        const EndpointSnapshot snapshot = failing->snapshot();
        QCOMPARE(snapshot.redeliveries, 1);          // ev-1 was being retried when it stopped
        QVERIFY(snapshot.metrics.failures >= failuresBefore);
        QCOMPARE(snapshot.metrics.events, 10);       // not 10 + 9
        QCOMPARE(engine->endpoint(QStringLiteral("ok"))->snapshot().metrics.successes, 10);
        QTRY_COMPARE(failing->snapshot().metrics.pending, 0);

        // Replay from the journal-restored dead letters goes through the journal too.
        QVERIFY(engine->replayDeadLetters(QStringLiteral("failing")));
        QTRY_VERIFY(server.eventIds("/f").contains("ev-0"));
        // Received is not yet delivered: wait for the answer to reach the endpoint, or ev-0 is
        // (rightly) still in flight after the restart.
        QTRY_COMPARE(engine->endpoint(QStringLiteral("failing"))->queue().size(), 0);
        engine->journal()->commitNow();
        engine.reset();
        engine = durableEngine(path, config);
        QVERIFY(engine);
        QCOMPARE(engine->endpoint(QStringLiteral("failing"))->deadLetters().size(), 0);
        QCOMPARE(engine->endpoint(QStringLiteral("failing"))->queue().size(), 0);
    }

    // Replay to another endpoint with a real journal: the queue rows and the dead-letter deletions
    // go in one transaction even when they outnumber a batch, and a restart shows the result.
    void moveDeadLettersIsOneCommitAndSurvivesRestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        FakeHttpServer server;
        EndpointConfig a = endpointAt(QStringLiteral("a"), server.url(QStringLiteral("/a")));
        EndpointConfig b = endpointAt(QStringLiteral("b"), server.url(QStringLiteral("/b")));
        a.paused = b.paused = true;
        {
            auto engine = durableEngine(path, {a, b});
            QVERIFY(engine);
            bool durable = false;
            engine->submitDurable(makeEvents(5), [&](bool ok, const QString &) { durable = ok; });
            QTRY_VERIFY(durable);
            QVERIFY(engine->purge(QStringLiteral("a")));
            QVERIFY(engine->journal()->commitNow());

            Journal *journal = engine->journal();
            journal->setMaxBatchOps(2);   // far fewer than the move records
            const int commits = journal->commitCount();
            QString error;
            QCOMPARE(engine->moveDeadLetters(DeadLetterFilter(), QStringLiteral("nope"), &error), -1);
            QVERIFY(error.contains(QStringLiteral("\"nope\"")));
            QCOMPARE(journal->bufferedOps(), 0);   // refused: nothing recorded

            DeadLetterFilter fromA;
            fromA.setEndpoint(QStringLiteral("a"));
            QCOMPARE(engine->moveDeadLetters(fromA, QStringLiteral("b"), &error), 5);
            // Ten rows at least, two per batch: without the group this would be two commits, the
            // first one leaving events neither dead nor queued on disk.
            QVERIFY(journal->commitNow());
            QCOMPARE(journal->commitCount(), commits + 1);
        }
        auto engine = durableEngine(path, {a, b});
        QVERIFY(engine);
        QCOMPARE(engine->endpoint(QStringLiteral("a"))->deadLetters().size(), 0);
        QCOMPARE(engine->endpoint(QStringLiteral("a"))->queue().size(), 0);
        QCOMPARE(idsOf(engine->endpoint(QStringLiteral("b"))->queue().slice(0, 20)),
                 (QList<QByteArray>{"ev-0", "ev-1", "ev-2", "ev-3", "ev-4", "ev-0", "ev-1", "ev-2", "ev-3", "ev-4"}));
        // Delivered from there, and gone from the journal once delivered.
        QVERIFY(engine->resume(QStringLiteral("b")));
        QTRY_COMPARE(server.eventIds("/b").size(), 10);
        QTRY_COMPARE(engine->endpoint(QStringLiteral("b"))->queue().size(), 0);
        QVERIFY(engine->journal()->commitNow());
        engine.reset();
        engine = durableEngine(path, {a, b});
        QVERIFY(engine);
        QCOMPARE(engine->endpoint(QStringLiteral("b"))->queue().size(), 0);
        QCOMPARE(engine->endpoint(QStringLiteral("a"))->deadLetters().size(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_JournalEngine)
#include "tst_journalengine.moc"
