#include "queuemodel.h"
#include "scriptedsink.h"
#include "sinks/eventqueue.h"
#include "testevents.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

class tst_QueueModel final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
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
