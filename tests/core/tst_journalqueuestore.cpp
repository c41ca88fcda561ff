// JournalQueueStore: one endpoint's QueueStore in the journal. What it is told lands under the
// endpoint's name (and follows a rename), removals carry their dead-letter reason, and its backing
// reads the queue back by the queue's own positions.
#include "core/journal/journal.h"
#include "core/journal/journalqueuestore.h"
#include "testevents.h"

#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

QHash<QString, QueueRecovery> reopen(const QString &path)
{
    Journal journal;
    QString error;
    QHash<QString, QueueRecovery> recovered;
    if (!journal.open(path, &error) || !journal.recover(&recovered, &error))
        qWarning() << "reopen failed:" << error;
    return recovered;
}

} // namespace

class tst_JournalQueueStore final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recordsUnderItsName()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        {
            Journal journal;
            QString error;
            QVERIFY2(journal.open(path, &error), qPrintable(error));
            JournalQueueStore store(&journal, QStringLiteral("a"));
            QVERIFY(store.isDurable());
            const EventBlock events = makeEvents(4);
            store.recordEnqueued(events);
            store.recordSent(1);
            store.recordRemoved({events.at(0)}, nullptr);   // delivered
            const QueueStore::Removal skipped{DeadLetterReason::Skipped, 3, QStringLiteral("boom")};
            store.recordRemoved({events.at(1)}, &skipped);
            store.setTotalsProvider([] { return QByteArray(R"({"events":4})"); });
            store.markTotalsDirty();
            QVERIFY(journal.commitNow());
        }
        const QHash<QString, QueueRecovery> recovered = reopen(path);
        QVERIFY(recovered.contains(QStringLiteral("a")));
        const QueueRecovery &a = recovered.value(QStringLiteral("a"));
        QCOMPARE(idsOf(a.queue), (QList<QByteArray>{"ev-2", "ev-3"}));
        QCOMPARE(a.deadLetters.size(), 1);
        QCOMPARE(a.deadLetters.at(0).event->id(), QByteArray("ev-1"));
        QCOMPARE(a.deadLetters.at(0).reason, DeadLetterReason::Skipped);
        QCOMPARE(a.deadLetters.at(0).attempts, 3);
        QCOMPARE(a.deadLetters.at(0).lastError, QStringLiteral("boom"));
        QCOMPARE(a.totals, QByteArray(R"({"events":4})"));
    }

    // A rename moves the rows, and the totals provider follows to the new name.
    void renameFollows()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        {
            Journal journal;
            QString error;
            QVERIFY2(journal.open(path, &error), qPrintable(error));
            JournalQueueStore store(&journal, QStringLiteral("old"));
            store.setTotalsProvider([] { return QByteArray(R"({"events":2})"); });
            store.recordEnqueued(makeEvents(2));
            store.rename(QStringLiteral("new"));
            store.markTotalsDirty();
            QVERIFY(journal.commitNow());
        }
        const QHash<QString, QueueRecovery> recovered = reopen(path);
        QVERIFY(!recovered.contains(QStringLiteral("old")));
        QCOMPARE(idsOf(recovered.value(QStringLiteral("new")).queue), (QList<QByteArray>{"ev-0", "ev-1"}));
        QCOMPARE(recovered.value(QStringLiteral("new")).totals, QByteArray(R"({"events":2})"));
    }

    // The backing reads by queue position: after alignPositions, position 0 is the queue's head
    // even when the journal numbered earlier events of this endpoint.
    void backingReadsByQueuePosition()
    {
        QTemporaryDir dir;
        Journal journal;
        QString error;
        QVERIFY2(journal.open(dir.filePath(QStringLiteral("j.db")), &error), qPrintable(error));
        journal.setQueueWindow(2);
        JournalQueueStore store(&journal, QStringLiteral("a"));
        const EventBlock early = makeEvents(3, "early");
        store.recordEnqueued(early);
        store.recordRemoved(early, nullptr);
        // A fresh queue (nothing appended yet) lines up with the journal's tail.
        store.alignPositions(0);
        store.recordEnqueued(makeEvents(5));
        const QueueBacking backing = store.backing();
        QCOMPARE(backing.window, 2);
        QVERIFY(backing.load && backing.loadNow && backing.detached);
        QCOMPARE(idsOf(backing.loadNow(1, 3)), (QList<QByteArray>{"ev-1", "ev-2", "ev-3"}));
        bool loaded = false;
        backing.load(3, 2, [&](quint64 first, const EventBlock &events) {
            QCOMPARE(first, quint64(3));
            QCOMPARE(idsOf(events), (QList<QByteArray>{"ev-3", "ev-4"}));
            loaded = true;
        });
        QTRY_VERIFY(loaded);
    }

    // Without a journal (it went away first) every call is a no-op, not a crash.
    void outlivedJournal()
    {
        auto journal = std::make_unique<Journal>();
        JournalQueueStore store(journal.get(), QStringLiteral("a"));
        journal.reset();
        store.recordEnqueued(makeEvents(1));
        store.recordSent(1);
        store.rename(QStringLiteral("b"));
        QCOMPARE(store.backing().window, 0);
    }
};

QTEST_GUILESS_MAIN(tst_JournalQueueStore)
#include "tst_journalqueuestore.moc"
