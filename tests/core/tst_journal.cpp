// Journal: group commit (many callers, one transaction), recovery in order, dead letters that
// survive a restart, and event rows that go with their last reference.
#include "core/engine/deadletters.h"
#include "core/journal/journal.h"
#include "testevents.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace hookscope;
using namespace hookscope::test;

namespace {

const QString A = QStringLiteral("a");
const QString B = QStringLiteral("b");

qint64 countRows(const QString &path, const QString &table)
{
    qint64 n = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("count"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT count(*) FROM ") + table) && query.next())
                n = query.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("count"));
    return n;
}

} // namespace

class tst_Journal final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // 200 callers waiting in the same turn of the event loop share one transaction, and none of
    // them hears "durable" before it happened.
    void groupCommitSharesOneTransaction()
    {
        QTemporaryDir dir;
        Journal journal;
        QString error;
        QVERIFY2(journal.open(dir.filePath(QStringLiteral("j.db")), &error), qPrintable(error));
        journal.setCommitDelayMs(5);
        int durable = 0;
        int failed = 0;
        const EventBlock events = makeEvents(200);
        for (const EventPtr &event : events) {
            journal.recordEnqueued(A, {event});
            journal.whenDurable([&](bool ok, const QString &) { ok ? ++durable : ++failed; });
        }
        QCOMPARE(durable, 0);
        QCOMPARE(journal.commitCount(), 0);
        QTRY_COMPARE(durable, 200);
        QCOMPARE(failed, 0);
        QCOMPARE(journal.commitCount(), 1);
        // Nothing buffered: the answer is immediate and costs no commit.
        bool immediate = false;
        journal.whenDurable([&](bool ok, const QString &) { immediate = ok; });
        QVERIFY(immediate);
        QCOMPARE(journal.commitCount(), 1);
    }

    // A full buffer does not wait for the timer, and what gathers during a commit follows it at once.
    void fullBatchCommitsAtOnce()
    {
        QTemporaryDir dir;
        Journal journal;
        QString error;
        QVERIFY(journal.open(dir.filePath(QStringLiteral("j.db")), &error));
        journal.setCommitDelayMs(60000);
        journal.setMaxBatchOps(50);
        journal.recordEnqueued(A, makeEvents(60));   // 60 events + 60 queue rows
        bool durable = false;
        journal.whenDurable([&](bool ok, const QString &) { durable = ok; });
        QTRY_VERIFY(durable);
        QCOMPARE(journal.commitCount(), 2);   // the first 50 ops, then the 70 that gathered meanwhile
        QCOMPARE(journal.bufferedOps(), 0);
    }

    // Queues come back per endpoint in their order, sharing one record per event; what left the
    // head is gone; the head that was handed on is reported in flight.
    void recoveryRestoresOrder()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        const EventBlock events = makeEvents(6);
        {
            Journal journal;
            QString error;
            QVERIFY(journal.open(path, &error));
            journal.recordEnqueued(A, events);
            journal.recordEnqueued(B, {events[5], events[4]});
            journal.recordEnqueued(B, {events[0]});
            journal.recordRemoved(A, {events[0], events[1]});   // delivered
            journal.recordSent(A, 1);                           // events[2] on its way
            QVERIFY(journal.commitNow());
        }
        auto journal = std::make_unique<Journal>();
        QString error;
        QVERIFY(journal->open(path, &error));
        QHash<QString, Journal::EndpointRecovery> recovered;
        QVERIFY2(journal->recover(&recovered, &error), qPrintable(error));
        QCOMPARE(idsOf(recovered.value(A).queue), (QList<QByteArray>{"ev-2", "ev-3", "ev-4", "ev-5"}));
        QCOMPARE(recovered.value(A).inFlight, 1);
        QCOMPARE(idsOf(recovered.value(B).queue), (QList<QByteArray>{"ev-5", "ev-4", "ev-0"}));
        QCOMPARE(recovered.value(B).inFlight, 0);
        QCOMPARE(recovered.value(A).queue.at(3).get(), recovered.value(B).queue.at(0).get());
        QCOMPARE(recovered.value(A).queue.at(0)->acceptedAtMs(), events[2]->acceptedAtMs());
        QCOMPARE(recovered.value(A).queue.at(0)->compactJson(), events[2]->compactJson());
        // The fields filters and views use come back without a parse, equal to the original's.
        QCOMPARE(recovered.value(A).queue.at(0)->action(), events[2]->action());
        QCOMPARE(recovered.value(A).queue.at(0)->mediaType(), events[2]->mediaType());
        QCOMPARE(recovered.value(A).queue.at(0)->repository(), events[2]->repository());
        QCOMPARE(recovered.value(A).queue.at(0)->tag(), events[2]->tag());

        // Recording goes on after recovery at the right positions.
        journal->recordRemoved(A, {recovered.value(A).queue.at(0)});
        journal->recordEnqueued(A, makeEvents(1, "new"));
        journal.reset();   // commits what is buffered
        journal = std::make_unique<Journal>();
        QVERIFY(journal->open(path, &error));
        QHash<QString, Journal::EndpointRecovery> again;
        QVERIFY(journal->recover(&again, &error));
        QCOMPARE(idsOf(again.value(A).queue), (QList<QByteArray>{"ev-3", "ev-4", "ev-5", "new-0"}));
        QCOMPARE(again.value(A).inFlight, 0);
    }

    // Dead letters keep reason, attempts and last error; replayed ones leave; an event row goes
    // with its last reference.
    void deadLettersSurvive()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        const EventBlock events = makeEvents(3);
        {
            Journal journal;
            QString error;
            QVERIFY(journal.open(path, &error));
            journal.recordEnqueued(A, events);
            const Journal::DeadLetterInfo gaveUp{DeadLetterReason::GaveUp, 5, QStringLiteral("HTTP 500")};
            journal.recordRemoved(A, {events[0]}, &gaveUp);
            const Journal::DeadLetterInfo skipped{DeadLetterReason::Skipped, 0, QString()};
            journal.recordRemoved(A, {events[1]}, &skipped);
            journal.recordRemoved(A, {events[2]});   // delivered: its row can go
        }
        QCOMPARE(countRows(path, QStringLiteral("events")), 2);
        QCOMPARE(countRows(path, QStringLiteral("queue")), 0);
        {
            Journal journal;
            QString error;
            QVERIFY(journal.open(path, &error));
            QHash<QString, Journal::EndpointRecovery> recovered;
            QVERIFY(journal.recover(&recovered, &error));
            const QVector<DeadLetter> dead = recovered.value(A).deadLetters;
            QCOMPARE(dead.size(), 2);
            QCOMPARE(dead.at(0).event->id(), QByteArray("ev-0"));
            QCOMPARE(dead.at(0).reason, DeadLetterReason::GaveUp);
            QCOMPARE(dead.at(0).attempts, 5);
            QCOMPARE(dead.at(0).lastError, QStringLiteral("HTTP 500"));
            QVERIFY(dead.at(0).at.isValid());
            QCOMPARE(dead.at(1).reason, DeadLetterReason::Skipped);
            // Replay of the first: back in the queue first, then out of the dead letters.
            journal.recordEnqueued(A, {dead.at(0).event});
            journal.recordDeadLettersTaken(A, {dead.at(0).event});
        }
        QCOMPARE(countRows(path, QStringLiteral("dead_letters")), 1);
        QCOMPARE(countRows(path, QStringLiteral("queue")), 1);
        QCOMPARE(countRows(path, QStringLiteral("events")), 2);
    }

    // A write the file system refuses (here RLIMIT_FSIZE: EFBIG, as a full disk gives ENOSPC) fails
    // the waiting callers with an error naming the file and refuses everything while it lasts; the
    // batch stays buffered and is written once the file system takes writes again, without a
    // restart, and what was committed before is intact.
    void writeFailureIsRetriedUntilItSucceeds()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        auto journal = std::make_unique<Journal>();
        journal->setRetryDelays(20, 100);
        QString error;
        QVERIFY(journal->open(path, &error));
        journal->recordEnqueued(A, makeEvents(10, "kept"));
        QVERIFY(journal->commitNow());

        std::signal(SIGXFSZ, SIG_IGN);
        rlimit old {};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
        rlimit tight = old;
        const qint64 largest = qMax(QFileInfo(path).size(), QFileInfo(path + QStringLiteral("-wal")).size());
        tight.rlim_cur = rlim_t(largest + 4096);
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &tight), 0);
        bool answered = false;
        bool durable = true;
        QString why;
        journal->recordEnqueued(A, makeEvents(1500, "late"));   // about 1.5 MB
        journal->whenDurable([&](bool ok, const QString &e) {
            answered = true;
            durable = ok;
            why = e;
        });
        const bool gotAnswer = QTest::qWaitFor([&] { return answered; }, 5000);
        const bool failed = journal->hasFailed();
        bool later = true;
        journal->whenDurable([&](bool ok, const QString &) { later = ok; });   // refused while it lasts
        setrlimit(RLIMIT_FSIZE, &old);
        QVERIFY(gotAnswer);
        QVERIFY(!durable);
        QVERIFY2(why.contains(path) && why.startsWith(QStringLiteral("journal cannot write: ")), qPrintable(why));
        QVERIFY(failed);
        QVERIFY(!later);
        QVERIFY(!journal->health().writable);

        // Room again: the retry writes the buffered batch, and the journal accepts again.
        QTRY_VERIFY_WITH_TIMEOUT(!journal->hasFailed(), 5000);
        QVERIFY(journal->health().writable);
        bool again = false;
        journal->recordEnqueued(A, makeEvents(1, "after"));
        journal->whenDurable([&](bool ok, const QString &) { again = ok; });
        QTRY_VERIFY(again);

        journal.reset();
        journal = std::make_unique<Journal>();
        QVERIFY2(journal->open(path, &error), qPrintable(error));
        QHash<QString, Journal::EndpointRecovery> recovered;
        QVERIFY(journal->recover(&recovered, &error));
        QCOMPARE(recovered.value(A).queue.size() + recovered.value(A).beyond, 1511);
        QCOMPARE(recovered.value(A).queue.front()->id(), QByteArray("kept-0"));
    }

    // A full disk without root tricks: PRAGMA max_page_count caps the file, so growing writes fail
    // with SQLITE_FULL; raising it is the space coming back. Down: callers refused with the reason,
    // health says so, writableChanged tells; back: accepting again with no restart, and after one
    // every event that was acknowledged (and the refused batch, written on the retry) is there.
    void fullDiskRefusesThenHeals()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        auto journal = std::make_unique<Journal>();
        journal->setRetryDelays(20, 80);
        QString error;
        QVERIFY(journal->open(path, &error));
        QSignalSpy changes(journal.get(), &Journal::writableChanged);
        journal->recordEnqueued(A, makeEvents(20, "before"));
        QVERIFY(journal->commitNow());
        QVERIFY(journal->setMaxPageCount(1) > 0);   // clamped to the current size: no growth

        QString why;
        bool durable = true;
        bool answered = false;
        journal->recordEnqueued(A, makeEvents(500, "full"));
        journal->whenDurable([&](bool ok, const QString &e) {
            answered = true;
            durable = ok;
            why = e;
        });
        QTRY_VERIFY(answered);
        QVERIFY(!durable);
        QVERIFY2(why.contains(QStringLiteral("full")) && why.contains(path), qPrintable(why));
        QCOMPARE(journal->health().writable, false);
        QCOMPARE(journal->health().reason, why);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.at(0).at(0).toBool(), false);
        // Still full after a few retries: still refusing, the batch still buffered.
        QTest::qWait(200);
        QVERIFY(journal->hasFailed());
        QVERIFY(journal->bufferedOps() >= 500);
        bool refused = true;
        journal->whenDurable([&](bool ok, const QString &) { refused = !ok; });
        QVERIFY(refused);

        QVERIFY(journal->setMaxPageCount(1 << 30) > 1000);   // space back
        QTRY_VERIFY_WITH_TIMEOUT(journal->health().writable, 5000);
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes.at(1).at(0).toBool(), true);
        bool acknowledged = false;
        journal->recordEnqueued(A, makeEvents(30, "after"));
        journal->whenDurable([&](bool ok, const QString &) { acknowledged = ok; });
        QTRY_VERIFY(acknowledged);

        journal.reset();
        journal = std::make_unique<Journal>();
        QVERIFY2(journal->open(path, &error), qPrintable(error));
        QHash<QString, Journal::EndpointRecovery> recovered;
        QVERIFY(journal->recover(&recovered, &error));
        const Journal::EndpointRecovery a = recovered.value(A);
        QCOMPARE(a.queue.size(), 550);
        QCOMPARE(a.queue.at(0)->id(), QByteArray("before-0"));
        QCOMPARE(a.queue.at(20)->id(), QByteArray("full-0"));
        QCOMPARE(a.queue.at(549)->id(), QByteArray("after-29"));
    }

    // Totals are asked for at commit time from endpoints that changed, and come back as written.
    void totalsAreWrittenWithTheCommit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        {
            Journal journal;
            QString error;
            QVERIFY(journal.open(path, &error));
            int asked = 0;
            journal.setTotalsProvider(A, [&] { ++asked; return QByteArray("{\"events\":7}"); });
            journal.markTotalsDirty(A);
            journal.markTotalsDirty(A);
            QVERIFY(journal.commitNow());
            QCOMPARE(asked, 1);
            QVERIFY(journal.commitNow());
            QCOMPARE(asked, 1);
            journal.setTotalsProvider(A, {});
        }
        Journal journal;
        QString error;
        QVERIFY(journal.open(path, &error));
        QHash<QString, Journal::EndpointRecovery> recovered;
        QVERIFY(journal.recover(&recovered, &error));
        QCOMPARE(recovered.value(A).totals, QByteArray("{\"events\":7}"));
    }
};

QTEST_GUILESS_MAIN(tst_Journal)
#include "tst_journal.moc"
