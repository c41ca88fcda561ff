// Engine with a journal: acknowledgements wait for the commit, and a new engine on the same
// journal gets every queue back in order with its dead letters, totals and redeliveries.
// The in-memory mode is what tst_engine covers, unchanged.
#include "core/engine/deadletterfilter.h"
#include "core/engine/endpoint.h"
#include "core/engine/engine.h"
#include "fakehttpserver.h"
#include "core/journal/journal.h"
#include "testevents.h"

#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
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

std::unique_ptr<Engine> durableEngine(const QString &path, const QList<EndpointConfig> &endpoints,
                                      qsizetype window = Journal::DefaultQueueWindow)
{
    auto engine = std::make_unique<Engine>();
    auto *journal = new Journal;
    journal->setQueueWindow(window);
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

QList<QByteArray> range(const char *prefix, int from, int to)
{
    QList<QByteArray> ids;
    for (int i = from; i < to; ++i)
        ids.append(QByteArray(prefix) + '-' + QByteArray::number(i));
    return ids;
}

// Rows in a journal table, read with a plain connection once no hookscope holds the file.
qint64 rowCount(const QString &path, const QString &table)
{
    qint64 count = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("count"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) && query.next())
                count = query.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("count"));
    return count;
}

constexpr qsizetype TinyWindow = 5;

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
    void windowDeliversInOrderAcrossRefills();
    void moveDeadLettersIntoAWindowedQueue();
    void windowSkipPurgeRestartReplay();
    void windowShutdownAndRemove();
    void windowPagesForTheQueueView();
};


// Window edges (a window of 5): the queue holds 5 events in memory and the journal the rest; the
// rest comes back in order as the head drains, across several refills and blocks.
void tst_JournalEngine::windowDeliversInOrderAcrossRefills()
{
    QTemporaryDir dir;
    FakeHttpServer server;
    EndpointConfig config = endpointAt(QStringLiteral("a"), server.url(QStringLiteral("/a")));
    config.paused = true;
    auto engine = durableEngine(dir.filePath(QStringLiteral("j.db")), {config}, TinyWindow);
    QVERIFY(engine);
    bool durable = false;
    engine->submitDurable(makeEvents(3), [](bool, const QString &) {});
    engine->submitDurable(makeEvents(20, "more"), [&](bool ok, const QString &) { durable = ok; });
    QTRY_VERIFY(durable);
    const EventQueue &queue = engine->endpoint(QStringLiteral("a"))->queue();
    QCOMPARE(queue.size(), 23);
    QCOMPARE(queue.sizeInMemory(), TinyWindow);
    QCOMPARE(idsOf(queue.slice(0, 10)), (QList<QByteArray>{"ev-0", "ev-1", "ev-2", "more-0", "more-1"}));
    QCOMPARE(engine->endpoint(QStringLiteral("a"))->snapshot().metrics.pending, 23);
    engine->resume(QStringLiteral("a"));
    QTRY_COMPARE(server.eventIds("/a").size(), 23);
    QCOMPARE(server.eventIds("/a"), range("ev", 0, 3) + range("more", 0, 20));
    QTRY_COMPARE(queue.size(), 0);
    engine->journal()->commitNow();
    engine.reset();
    QCOMPARE(rowCount(dir.filePath(QStringLiteral("j.db")), QStringLiteral("events")), 0);
}

// Skip and purge at the window's edge, a restart with most of the queue beyond the window, and
// replay of everything back through a tiny window.
void tst_JournalEngine::windowSkipPurgeRestartReplay()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("j.db"));
    FakeHttpServer server;
    EndpointConfig config = endpointAt(QStringLiteral("a"), server.url(QStringLiteral("/a")));
    config.paused = true;
    {
        auto engine = durableEngine(path, {config}, TinyWindow);
        QVERIFY(engine);
        engine->submitDurable(makeEvents(17), [](bool, const QString &) {});
        // Seven skips in a row empty the window faster than an asynchronous refill: the skip reads
        // the next head itself.
        for (int i = 0; i < 7; ++i)
            QVERIFY(engine->skipHead(QStringLiteral("a")));
        const Endpoint *a = engine->endpoint(QStringLiteral("a"));
        QCOMPARE(a->deadLetters().size(), 7);
        QCOMPARE(a->queue().size(), 10);
        // The sixth skip read ev-5..ev-9 itself; a refill waits until half the window drained.
        QCOMPARE(a->queue().sizeInMemory(), 3);
        QCOMPARE(a->queue().head()->id(), QByteArray("ev-7"));
        QVERIFY(engine->skipHead(QStringLiteral("a")));   // ev-7: 2 left, the refill starts
        QTRY_COMPARE(a->queue().sizeInMemory(), TinyWindow);
        QCOMPARE(idsOf(a->queue().slice(0, 5)), range("ev", 8, 13));
        QCOMPARE(a->deadLetters().size(), 8);
        QVERIFY(engine->journal()->commitNow());
    }
    {
        auto engine = durableEngine(path, {config}, TinyWindow);
        QVERIFY(engine);
        const Endpoint *a = engine->endpoint(QStringLiteral("a"));
        QCOMPARE(a->queue().size(), 9);
        QCOMPARE(a->queue().sizeInMemory(), TinyWindow);   // recovery reads the head only
        QCOMPARE(a->queue().head()->id(), QByteArray("ev-8"));
        QCOMPARE(a->snapshot().metrics.pending, 9);
        QVERIFY(engine->purge(QStringLiteral("a")));     // reads the rest back to file it
        QCOMPARE(a->queue().size(), 0);
        QCOMPARE(a->deadLetters().size(), 17);
        QList<QByteArray> dead;
        for (const DeadLetters::Entry &entry : a->deadLetters().entries())
            dead.append(entry.event->id());
        QCOMPARE(dead, range("ev", 0, 17));
        QVERIFY(engine->journal()->commitNow());
    }
    config.paused = false;
    auto engine = durableEngine(path, {config}, TinyWindow);
    QVERIFY(engine);
    QCOMPARE(engine->endpoint(QStringLiteral("a"))->deadLetters().size(), 17);
    QVERIFY(engine->replayDeadLetters(QStringLiteral("a")));
    QTRY_COMPARE(server.eventIds("/a").size(), 17);
    QCOMPARE(server.eventIds("/a"), range("ev", 0, 17));
    QTRY_COMPARE(engine->endpoint(QStringLiteral("a"))->queue().size(), 0);
    engine->journal()->commitNow();
    engine.reset();
    QCOMPARE(rowCount(path, QStringLiteral("events")), 0);
    QCOMPARE(rowCount(path, QStringLiteral("dead_letters")), 0);
}

// Shutdown leaves what is not in memory in the journal without reading it; the next start
// delivers all of it in order, the head that was in flight again. Removing an endpoint drops its
// rows and the events only it referred to, loaded or not.
void tst_JournalEngine::windowShutdownAndRemove()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("j.db"));
    FakeHttpServer server;
    server.setDefaultStep(FakeStep::respond(500));
    const EndpointConfig failing = endpointAt(QStringLiteral("failing"), server.url(QStringLiteral("/f")));
    EndpointConfig gone = endpointAt(QStringLiteral("gone"), server.url(QStringLiteral("/g")));
    gone.paused = true;
    {
        auto engine = durableEngine(path, {failing, gone}, TinyWindow);
        QVERIFY(engine);
        engine->submitDurable(makeEvents(12), [](bool, const QString &) {});
        engine->submitDurable(makeEvents(8, "only-gone"), [](bool, const QString &) {});
        QTRY_VERIFY(server.eventIds("/f").size() >= 1);
        QMap<QString, qsizetype> left;
        bool closed = false;
        engine->shutdown(0, [&](const QMap<QString, qsizetype> &l) {
            left = l;
            closed = true;
        });
        QTRY_VERIFY(closed);
        QCOMPARE(left.value(QStringLiteral("failing")), 20);
        QCOMPARE(left.value(QStringLiteral("gone")), 20);
    }
    server.clearReceived();
    server.setDefaultStep(FakeStep::respond(200));
    {
        auto engine = durableEngine(path, {failing, gone}, TinyWindow);
        QVERIFY(engine);
        QCOMPARE(engine->endpoint(QStringLiteral("gone"))->queue().size(), 20);
        QCOMPARE(engine->removeEndpoint(QStringLiteral("gone")), 20);
        QTRY_COMPARE(collapsed(server.eventIds("/f")), range("ev", 0, 12) + range("only-gone", 0, 8));
        QTRY_COMPARE(engine->endpoint(QStringLiteral("failing"))->queue().size(), 0);
        QCOMPARE(engine->endpoint(QStringLiteral("failing"))->snapshot().redeliveries, 1);
        engine->journal()->commitNow();
    }
    QCOMPARE(rowCount(path, QStringLiteral("events")), 0);
    QCOMPARE(rowCount(path, QStringLiteral("queue")), 0);
}

// The queue view's page read: events past the window come from the journal on its own thread, by
// the queue's absolute positions, also after the head moved.
void tst_JournalEngine::windowPagesForTheQueueView()
{
    QTemporaryDir dir;
    FakeHttpServer server;
    EndpointConfig config = endpointAt(QStringLiteral("a"), server.url(QStringLiteral("/a")));
    config.paused = true;
    auto engine = durableEngine(dir.filePath(QStringLiteral("j.db")), {config}, TinyWindow);
    QVERIFY(engine);
    bool durable = false;
    engine->submitDurable(makeEvents(40), [&](bool ok, const QString &) { durable = ok; });
    QTRY_VERIFY(durable);
    QVERIFY(engine->skipHead(QStringLiteral("a")));
    QVERIFY(engine->journal()->commitNow());
    const std::shared_ptr<const PendingEvents> pending = engine->endpoint(QStringLiteral("a"))->queue().pending();
    QVERIFY(pending->sliceAbsolute(20, 1).empty());   // not in memory: past the loaded window
    QMutex mutex;
    quint64 first = 0;
    EventBlock events;
    bool done = false;
    QVERIFY(pending->loadAbsolute(20, 10, [&](quint64 at, const EventBlock &page) {
        const QMutexLocker lock(&mutex);
        first = at;
        events = page;
        done = true;
    }));
    QTRY_VERIFY([&] { const QMutexLocker lock(&mutex); return done; }());
    QCOMPARE(first, quint64(20));
    QCOMPARE(idsOf(events), range("ev", 20, 30));
    // Asking from before the head: the page starts at the head.
    done = false;
    QVERIFY(pending->loadAbsolute(0, 3, [&](quint64 at, const EventBlock &page) {
        const QMutexLocker lock(&mutex);
        first = at;
        events = page;
        done = true;
    }));
    QTRY_VERIFY([&] { const QMutexLocker lock(&mutex); return done; }());
    QCOMPARE(first, quint64(1));
    QCOMPARE(idsOf(events), range("ev", 1, 4));
}

// Dead letters replayed into another endpoint's queue through a window of 5: the target holds 5 in
// memory and the rest in the journal, a restart brings back all 12 in order, and they are
// delivered in that order.
void tst_JournalEngine::moveDeadLettersIntoAWindowedQueue()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("j.db"));
    FakeHttpServer server;
    EndpointConfig a = endpointAt(QStringLiteral("a"), server.url(QStringLiteral("/a")));
    EndpointConfig b = endpointAt(QStringLiteral("b"), server.url(QStringLiteral("/b")));
    a.paused = b.paused = true;
    {
        auto engine = durableEngine(path, {a, b}, TinyWindow);
        QVERIFY(engine);
        bool durable = false;
        engine->submitDurable(makeEvents(12), [&](bool ok, const QString &) { durable = ok; });
        QTRY_VERIFY(durable);
        QVERIFY(engine->purge(QStringLiteral("a")));
        QCOMPARE(engine->endpoint(QStringLiteral("a"))->deadLetters().size(), 12);
        // b already holds its own 12; the replayed ones join behind them.
        DeadLetterFilter fromA;
        fromA.setEndpoint(QStringLiteral("a"));
        QString error;
        QCOMPARE(engine->moveDeadLetters(fromA, QStringLiteral("b"), &error), 12);
        const EventQueue &queue = engine->endpoint(QStringLiteral("b"))->queue();
        QCOMPARE(queue.size(), 24);
        QCOMPARE(queue.sizeInMemory(), TinyWindow);
        QVERIFY(engine->journal()->commitNow());
    }
    auto engine = durableEngine(path, {a, b}, TinyWindow);
    QVERIFY(engine);
    QCOMPARE(engine->endpoint(QStringLiteral("a"))->deadLetters().size(), 0);
    QCOMPARE(engine->endpoint(QStringLiteral("b"))->queue().size(), 24);
    QVERIFY(engine->resume(QStringLiteral("b")));
    QTRY_COMPARE(server.eventIds("/b").size(), 24);
    QCOMPARE(server.eventIds("/b"), range("ev", 0, 12) + range("ev", 0, 12));
}

QTEST_GUILESS_MAIN(tst_JournalEngine)
#include "tst_journalengine.moc"
