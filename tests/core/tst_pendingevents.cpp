// PendingEvents: the queue's events under one lock, mutated only through its own methods; the
// window arithmetic that durable queues rely on.
#include "core/store/pendingevents.h"
#include "testevents.h"

#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

class tst_PendingEvents final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendAndTakeKeepPositions()
    {
        PendingEvents pending;
        QCOMPARE(pending.append(makeEvents(5), 0), 5);
        QCOMPARE(idsOf(pending.takeFront(2)), (QList<QByteArray>{"ev-0", "ev-1"}));
        const PendingEvents::Counters c = pending.counters();
        QCOMPARE(c.size, 3);
        QCOMPARE(c.removedFromHead, quint64(2));
        QCOMPARE(c.appended, quint64(5));
        QCOMPARE(c.loadedEnd, quint64(5));
        const EventBlock absolute = pending.sliceAbsolute(1, 3);   // position 1 left already
        QCOMPARE(absolute.size(), size_t(3));
        QVERIFY(!absolute.at(0));
        QCOMPARE(absolute.at(1)->id(), QByteArray("ev-2"));
        QCOMPARE(idsOf(pending.front(10)), (QList<QByteArray>{"ev-2", "ev-3", "ev-4"}));
        QVERIFY(pending.takeFront(-1).empty());
    }

    // With a window, what does not fit is counted, not kept; nothing is kept behind it.
    void windowCountsBeyond()
    {
        PendingEvents pending;
        QCOMPARE(pending.append(makeEvents(3), 4), 3);
        QCOMPARE(pending.append(makeEvents(3, "b"), 4), 1);
        QCOMPARE(pending.size(), 6);
        QCOMPARE(pending.append(makeEvents(1, "c"), 100), 0);   // behind unloaded events: counted only
        QCOMPARE(pending.size(), 7);
        QCOMPARE(pending.counters().loadedEnd, quint64(4));
        // Drained below half the window: the next read is from position 4 on.
        pending.takeFront(3);
        const PendingEvents::RefillRange range = pending.refillRange(4, false);
        QCOMPARE(range.start, quint64(4));
        QCOMPARE(range.count, 3);
        QCOMPARE(pending.refillRange(4, true).count, 0);   // not empty: no blocking read
        // A read that overlaps what is loaded joins only what follows it.
        QCOMPARE(pending.appendLoaded(3, EventBlock{makeEvent("b-0"), makeEvent("b-1"), makeEvent("b-2")}), 2);
        QCOMPARE(idsOf(pending.front(10)), (QList<QByteArray>{"b-0", "b-1", "b-2"}));
        QCOMPARE(pending.size(), 4);
        QCOMPARE(pending.appendLoaded(99, makeEvents(1)), -1);   // not next to the window
        QCOMPARE(pending.dropBeyond(), 1);
        QCOMPARE(pending.size(), 3);
    }

    void restoreAndLoader()
    {
        PendingEvents pending;
        QVERIFY(!pending.loadAbsolute(0, 1, [](quint64, const EventBlock &) {}));
        pending.restore(makeEvents(2), 10);
        QCOMPARE(pending.size(), 12);
        QCOMPARE(pending.counters().appended, quint64(12));
        bool asked = false;
        pending.setLoader([&](quint64 start, qsizetype count, PendingEvents::PageCallback done) {
            asked = start == 2 && count == 5;
            done(start, {});
        });
        QVERIFY(pending.loadAbsolute(2, 5, [](quint64, const EventBlock &) {}));
        QVERIFY(asked);
    }
};

QTEST_GUILESS_MAIN(tst_PendingEvents)
#include "tst_pendingevents.moc"
