// JournalCommitter: changes wait for the delay or a full batch and then share one transaction; a
// group lands whole; reads come after the changes pushed before them; the before-commit hook adds
// its operations to the commit; a failed commit is refused to its waiters, kept, and retried until
// it is written.
#include "core/journal/journalcommitter.h"
#include "testevents.h"

#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

const QString A = QStringLiteral("a");

// Journals `events` into A's queue from position `first` on, keys from `firstKey` on.
void pushEnqueued(JournalCommitter &committer, const EventBlock &events, qint64 first, qint64 firstKey)
{
    for (const EventPtr &event : events) {
        JournalOp insert;
        insert.kind = JournalOp::InsertEvent;
        insert.key = firstKey;
        insert.event = event;
        committer.push(std::move(insert));
        committer.push({JournalOp::Enqueue, A, firstKey++, first++, 0, 0, {}, {}, {}});
    }
}

struct Fixture
{
    QTemporaryDir dir;
    QObject owner;
    JournalWriter writer;
    JournalCommitter committer{&owner, &writer};

    // As Journal does: no commit may be on its way when the committer goes.
    ~Fixture()
    {
        committer.commitNow();
        writer.stop();
    }

    bool open(QString *error)
    {
        writer.start();
        const QString path = dir.filePath(QStringLiteral("j.db"));
        return writer.run([&](JournalFile &file) { return file.open(path, error); });
    }
    qsizetype queued()
    {
        qsizetype n = -1;
        writer.run([&](JournalFile &file) {
            n = file.readQueue(A, 0, 100000, 0).events.size();
            return true;
        });
        return n;
    }
};

} // namespace

class tst_JournalCommitter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void changesShareOneCommit()
    {
        Fixture f;
        QString error;
        QVERIFY2(f.open(&error), qPrintable(error));
        f.committer.setCommitDelayMs(5);
        int durable = 0;
        for (int i = 0; i < 50; ++i) {
            pushEnqueued(f.committer, makeEvents(1, QByteArray::number(i)), i, i + 1);
            f.committer.whenDurable([&](bool ok, const QString &) { durable += ok ? 1 : 0; });
        }
        QCOMPARE(durable, 0);
        QCOMPARE(f.committer.bufferedOps(), 100);
        QTRY_COMPARE(durable, 50);
        QCOMPARE(f.committer.commitCount(), 1);
        QCOMPARE(f.queued(), 50);
        bool immediate = false;
        f.committer.whenDurable([&](bool ok, const QString &) { immediate = ok; });
        QVERIFY(immediate);
    }

    void aFullBatchGoesAtOnceButAGroupStaysWhole()
    {
        Fixture f;
        QString error;
        QVERIFY2(f.open(&error), qPrintable(error));
        f.committer.setCommitDelayMs(10000);
        f.committer.setMaxBatchOps(10);
        pushEnqueued(f.committer, makeEvents(5), 0, 1);   // 10 ops: full
        QCOMPARE(f.committer.bufferedOps(), 0);
        QVERIFY(f.committer.commitNow());
        QCOMPARE(f.committer.commitCount(), 1);

        f.committer.beginGroup();
        f.committer.beginGroup();   // groups nest
        pushEnqueued(f.committer, makeEvents(20, "g"), 5, 6);
        f.committer.endGroup();
        QCOMPARE(f.committer.bufferedOps(), 40);
        f.committer.endGroup();     // the outer end: full, so it commits now, in one go
        QCOMPARE(f.committer.bufferedOps(), 0);
        QVERIFY(f.committer.commitNow());
        QCOMPARE(f.committer.commitCount(), 2);
        QCOMPARE(f.queued(), 25);
    }

    void readsSeeWhatWasPushedBeforeThem()
    {
        Fixture f;
        QString error;
        QVERIFY2(f.open(&error), qPrintable(error));
        pushEnqueued(f.committer, makeEvents(30), 0, 1);
        qsizetype seen = -1;
        f.committer.read([&](JournalFile &file) { seen = file.readQueue(A, 0, 1000, 0).events.size(); });
        QCOMPARE(f.committer.commitCount(), 0);
        QVERIFY(f.committer.commitNow());
        f.writer.drain();
        QCOMPARE(seen, 30);
        // Nothing buffered: the read goes to the writer at once.
        f.committer.read([&](JournalFile &file) { seen = file.readQueue(A, 10, 1000, 0).events.size(); });
        f.writer.drain();
        QCOMPARE(seen, 20);
    }

    void theHookAddsToARequestedCommit()
    {
        Fixture f;
        QString error;
        QVERIFY2(f.open(&error), qPrintable(error));
        int asked = 0;
        bool dirty = false;
        f.committer.setBeforeCommit([&](QVector<JournalOp> *ops) {
            ++asked;
            if (std::exchange(dirty, false))
                ops->append({JournalOp::SetTotals, A, 0, 0, 0, 0, {}, QByteArray("{}"), {}});
        });
        dirty = true;
        f.committer.requestCommit();   // nothing pushed, yet a commit is due
        QTRY_COMPARE(f.committer.commitCount(), 1);
        QCOMPARE(asked, 1);
        QVERIFY(f.committer.commitNow());   // asked again, nothing changed: no commit
        QCOMPARE(f.committer.commitCount(), 1);
        QCOMPARE(asked, 2);
    }

    void aFailedCommitIsRefusedKeptAndRetried()
    {
        Fixture f;
        QString error;
        QVERIFY2(f.open(&error), qPrintable(error));
        f.committer.outage().setRetryDelays(20, 80);
        QVector<bool> changes;
        f.committer.setWritableChanged([&](bool writable, const QString &) { changes.append(writable); });
        pushEnqueued(f.committer, makeEvents(10, "before"), 0, 1);
        QVERIFY(f.committer.commitNow());
        qint64 pages = -1;
        f.writer.run([&](JournalFile &file) { return (pages = file.setMaxPageCount(1)) > 0; });
        QVERIFY(pages > 0);

        pushEnqueued(f.committer, makeEvents(500, "full"), 10, 11);
        bool answered = false;
        bool durable = true;
        f.committer.whenDurable([&](bool ok, const QString &) {
            answered = true;
            durable = ok;
        });
        QTRY_VERIFY(answered);
        QVERIFY(!durable);
        QVERIFY(f.committer.hasFailed());
        QCOMPARE(changes, QVector<bool>{false});
        QVERIFY(!f.committer.commitNow());   // one more attempt, which fails too
        QVERIFY(f.committer.bufferedOps() >= 1000);   // the batch is back, nothing on its way

        f.writer.run([&](JournalFile &file) { return file.setMaxPageCount(1 << 30) > 0; });
        QTRY_VERIFY_WITH_TIMEOUT(!f.committer.hasFailed(), 5000);
        QCOMPARE(changes, (QVector<bool>{false, true}));
        QCOMPARE(f.committer.bufferedOps(), 0);
        QCOMPARE(f.queued(), 510);
    }
};

QTEST_GUILESS_MAIN(tst_JournalCommitter)
#include "tst_journalcommitter.moc"
