#include "scriptedsink.h"
#include "core/chain/eventqueue.h"
#include "testevents.h"

#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

class tst_EventQueue final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // FIFO, one block in flight at a time, head stays counted until its write completes.
    void fifoOneInFlight()
    {
        ScriptedSink next;
        EventQueue queue(&next);
        qint64 pending = 0;
        QList<QByteArray> egressed;
        queue.setReporter([&](const SinkResult &r) {
            if (!r.isFinal())
                return;
            pending -= qint64(r.block.size());
            egressed += idsOf(r.block);
        });
        QVERIFY(queue.write(makeEvents(5)));
        pending += 5;
        QCOMPARE(pending, 5 - qint64(egressed.size()));
        QCOMPARE(queue.size(), 5);
        QCOMPARE(next.writes.size(), 1);   // the head went out at once; the rest wait
        QVERIFY(queue.inFlight());
        QTRY_COMPARE(egressed.size(), 5);
        QCOMPARE(egressed, (QList<QByteArray>{"ev-0", "ev-1", "ev-2", "ev-3", "ev-4"}));
        QCOMPARE(pending, 0);
        for (const EventBlock &b : std::as_const(next.writes))
            QCOMPARE(int(b.size()), 1);   // one event per envelope, as the registry sends
    }

    // Head-of-line blocking: nothing behind a head that is not delivered is sent.
    void headOfLineBlocking()
    {
        ScriptedSink next;
        next.hold = true;
        EventQueue queue(&next);
        queue.write(makeEvents(3));
        queue.write(makeEvents(2, "late"));
        QTest::qWait(20);
        QCOMPARE(next.writes.size(), 1);
        QCOMPARE(queue.size(), 5);
        QCOMPARE(queue.head()->id(), QByteArray("ev-0"));
    }

    // Batching (an extension): up to N events per write.
    void batching()
    {
        ScriptedSink next;
        EventQueue queue(&next);
        queue.setBatchSize(4);
        queue.write(makeEvents(10));   // one write: the first envelope already takes four
        QTRY_COMPARE(queue.size(), 0);
        QCOMPARE(next.writes.size(), 3);
        QCOMPARE(int(next.writes.at(0).size()), 4);
        QCOMPARE(int(next.writes.at(2).size()), 2);
    }

    // skipHead abandons the write in flight and hands on the next event.
    void skipHeadInFlight()
    {
        ScriptedSink next;
        next.hold = true;
        EventQueue queue(&next);
        QList<QByteArray> cancelled;
        QList<DeadLetterReason> reasons;
        queue.setReporter([&](const SinkResult &r) {
            if (r.kind == SinkResult::Cancelled) {
                cancelled += idsOf(r.block);
                reasons += r.reason;
            }
        });
        queue.write(makeEvents(3));
        const EventBlock skipped = queue.skipHead(DeadLetterReason::Skipped);
        QCOMPARE(idsOf(skipped), (QList<QByteArray>{"ev-0"}));
        QCOMPARE(cancelled, (QList<QByteArray>{"ev-0"}));
        // The command's reason went down with the cancel and came back up with the block.
        QCOMPARE(next.cancelReasons, (QList<DeadLetterReason>{DeadLetterReason::Skipped}));
        QCOMPARE(reasons, (QList<DeadLetterReason>{DeadLetterReason::Skipped}));
        QCOMPARE(next.cancels, 1);
        QCOMPARE(next.writes.size(), 2);
        QCOMPARE(idsOf(next.writes.last()), (QList<QByteArray>{"ev-1"}));
        QCOMPARE(queue.size(), 2);
    }

    // purge empties the queue, in-flight head included, and reports every event once.
    void purgeAll()
    {
        ScriptedSink next;
        next.hold = true;
        EventQueue queue(&next);
        qint64 egress = 0;
        int drained = 0;
        QList<DeadLetterReason> reasons;
        queue.setReporter([&](const SinkResult &r) {
            if (r.isFinal()) {
                egress += qint64(r.block.size());
                reasons += r.reason;
            }
            drained += r.kind == SinkResult::Drained ? 1 : 0;
        });
        queue.write(makeEvents(4));
        const EventBlock purged = queue.purge(DeadLetterReason::Purged);
        QCOMPARE(idsOf(purged), (QList<QByteArray>{"ev-0", "ev-1", "ev-2", "ev-3"}));
        QCOMPARE(egress, 4);
        QCOMPARE(reasons, (QList<DeadLetterReason>{DeadLetterReason::Purged, DeadLetterReason::Purged}));
        QCOMPARE(drained, 1);
        QCOMPARE(queue.size(), 0);
        QVERIFY(!queue.inFlight());
    }

    // A closed queue refuses writes and appends nothing.
    void closedRefuses()
    {
        ScriptedSink next;
        EventQueue queue(&next);
        queue.close();
        QVERIFY(!queue.write(makeEvents(1)));
        QCOMPARE(queue.size(), 0);
    }

    // A next stage that completes synchronously drains the whole queue without recursion.
    void synchronousNextStage()
    {
        ScriptedSink next;
        next.synchronous = true;
        EventQueue queue(&next);
        queue.write(makeEvents(50000));
        QCOMPARE(queue.size(), 0);
        QCOMPARE(next.writes.size(), 50000);
    }

    // Slices are positional and bounded; they are what the GUI pages through.
    void slices()
    {
        ScriptedSink next;
        next.hold = true;   // the head stays in flight: nothing leaves
        EventQueue queue(&next);
        queue.write(makeEvents(10));
        QCOMPARE(idsOf(queue.slice(8, 5)), (QList<QByteArray>{"ev-8", "ev-9"}));
        QVERIFY(queue.slice(10, 1).empty());
        QVERIFY(queue.slice(-1, 1).empty());
        QVERIFY(queue.oldestAcceptedAtMs() > 0);
    }
};

QTEST_GUILESS_MAIN(tst_EventQueue)
#include "tst_eventqueue.moc"
