#include "app/models/queuemodel.h"
#include "scriptedsink.h"
#include "core/chain/eventqueue.h"
#include "testevents.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

#include <thread>

using namespace hookscope;
using namespace hookscope::test;

namespace {

// Stands in for the journal: holds every event written and serves reads by absolute position, the
// detached ones on a pool thread, as the journal's writer thread does.
struct FakeBacking
{
    EventBlock all;
    int detachedReads = 0;
    EventBlock read(quint64 start, qsizetype count) const
    {
        EventBlock out;
        for (quint64 p = start; p < quint64(all.size()) && qsizetype(out.size()) < count; ++p)
            out.push_back(all[size_t(p)]);
        return out;
    }
    QueueBacking backing(qsizetype window)
    {
        QueueBacking b;
        b.window = window;
        b.load = [this](quint64 start, qsizetype count, std::function<void(quint64, const EventBlock &)> done) {
            done(start, read(start, count));
        };
        b.loadNow = [this](quint64 start, qsizetype count) { return read(start, count); };
        b.detached = [this](quint64 start, qsizetype count, PendingEvents::PageCallback done) {
            ++detachedReads;
            const EventBlock events = read(start, count);
            QThreadPool::globalInstance()->start([done, start, events] { done(start, events); });
        };
        return b;
    }
};

} // namespace

class tst_QueueModel final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Durable mode: rows past the in-memory window show "loading", are read off the GUI thread a
    // page at a time, and appear with dataChanged; rows in the window come straight from memory.
    void rowsPastTheWindowLoadAsynchronously()
    {
        test::ScriptedSink next;
        next.hold = true;
        EventQueue queue(&next);
        FakeBacking journal;
        journal.all = makeEvents(1000);
        queue.setBacking(journal.backing(5));
        queue.write(journal.all);
        QCOMPARE(queue.size(), 1000);
        QCOMPARE(queue.sizeInMemory(), 5);
        QueueModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(queue.pending());
        QCOMPARE(model.rowCount(), 1000);
        QCOMPARE(model.index(4, QueueModel::Id).data().toString(), QStringLiteral("ev-4"));
        QCOMPARE(journal.detachedReads, 0);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QCOMPARE(model.index(700, QueueModel::Id).data().toString(), QStringLiteral("loading…"));
        QVERIFY(!model.eventAt(701));
        QCOMPARE(journal.detachedReads, 1);   // one page asked for, once
        QTRY_COMPARE(model.index(700, QueueModel::Id).data().toString(), QStringLiteral("ev-700"));
        QVERIFY(changed.count() >= 1);
        QCOMPARE(model.index(701, QueueModel::Action).data().toString(), QStringLiteral("push"));
        QCOMPARE(journal.detachedReads, 1);   // the page is cached
        // A row in the window's last partial page comes from memory at once.
        QCOMPARE(model.index(2, QueueModel::Id).data().toString(), QStringLiteral("ev-2"));

        // Head removals keep positions stable: cached journal pages stay right.
        queue.skipHead();
        model.refresh();
        QCOMPARE(model.index(0, QueueModel::Id).data().toString(), QStringLiteral("ev-1"));
        QCOMPARE(model.index(699, QueueModel::Id).data().toString(), QStringLiteral("ev-700"));
    }

    // A page that lands after the model is gone is dropped, not delivered to a dead object.
    void latePageAfterModelIsGone()
    {
        test::ScriptedSink next;
        next.hold = true;
        EventQueue queue(&next);
        FakeBacking journal;
        journal.all = makeEvents(600);
        queue.setBacking(journal.backing(5));
        queue.write(journal.all);
        {
            QueueModel model;
            model.setStore(queue.pending());
            QVERIFY(!model.eventAt(500));
        }
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();   // the queued hand-over runs and finds no model
        QCOMPARE(journal.detachedReads, 1);
    }

    // A million pending events: rows are exposed in steps and read in pages, never copied whole.
    void millionRowsLazily()
    {
        test::ScriptedSink next;
        next.hold = true;
        EventQueue queue(&next);
        const EventPtr one = makeEvent("same");
        queue.write(EventBlock(1'000'000, one));
        QueueModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QElapsedTimer clock;
        clock.start();
        model.setStore(queue.pending());
        QCOMPARE(model.totalPending(), 1'000'000);
        QCOMPARE(model.rowCount(), QueueModel::FetchStep);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 2 * QueueModel::FetchStep);
        QCOMPARE(model.index(9999, QueueModel::Id).data().toString(), QStringLiteral("same"));
        QCOMPARE(model.index(0, QueueModel::Position).data().toString(), QStringLiteral("head"));
        qInfo("1M-row queue model set up and paged in %lld ms", clock.elapsed());
    }

    // Head removals and tail appends become row removals and insertions, not resets.
    void followsTheQueue()
    {
        test::ScriptedSink next;
        next.hold = true;
        EventQueue queue(&next);
        queue.write(makeEvents(5));
        QueueModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(queue.pending());
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        queue.skipHead();                // ev-0 leaves, ev-1 becomes the head
        queue.write(makeEvents(2, "new"));
        model.refresh();
        QCOMPARE(resets.count(), 0);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.first().at(2).toInt(), 0);   // one row removed at the top
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.index(0, QueueModel::Id).data().toString(), QStringLiteral("ev-1"));
        QCOMPARE(model.index(5, QueueModel::Id).data().toString(), QStringLiteral("new-1"));
    }
};

QTEST_GUILESS_MAIN(tst_QueueModel)
#include "tst_queuemodel.moc"
