// JournalRefCounts: an event row goes with its last reference, keys are told apart by the journal
// that gave them, the counts stay as short as the span of live keys, and a restart picks up the
// file's counts.
#include "core/journal/journalrefcounts.h"

#include <QTest>

using namespace hookscope;

class tst_JournalRefCounts final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void onlyTheLastReleaseDropsTheRow()
    {
        JournalRefCounts refs;
        const qint64 key = refs.newKey();
        QCOMPARE(refs.liveKey(refs.tagged(key)), 0);   // no reference yet: no row
        refs.add(key);
        refs.add(key);
        QCOMPARE(refs.count(key), 2);
        QCOMPARE(refs.liveKey(refs.tagged(key)), key);
        QVERIFY(!refs.release(key));
        QCOMPARE(refs.liveKey(refs.tagged(key)), key);
        QVERIFY(refs.release(key));
        QCOMPARE(refs.count(key), 0);
        QCOMPARE(refs.liveKey(refs.tagged(key)), 0);   // journalled afresh if queued again
        QVERIFY(!refs.release(key));                   // nothing left to release
        QVERIFY(!refs.release(key + 1000));            // never counted
    }

    void keysOfAnotherJournalAreNotLive()
    {
        JournalRefCounts one;
        JournalRefCounts two;
        QVERIFY(one.tag() != 0);
        QVERIFY(two.tag() != 0);
        QVERIFY(one.tag() != two.tag());
        const qint64 key = one.newKey();
        QCOMPARE(two.newKey(), key);   // both start at 1
        one.add(key);
        two.add(key);
        QCOMPARE(one.liveKey(two.tagged(key)), 0);
        QCOMPARE(two.liveKey(one.tagged(key)), 0);
        QCOMPARE(one.liveKey(key), 0);   // untagged: a record never journalled
    }

    void countsSpanOnlyLiveKeys()
    {
        JournalRefCounts refs;
        QVector<qint64> keys;
        for (int i = 0; i < 100; ++i) {
            keys.append(refs.newKey());
            refs.add(keys.last());
        }
        QCOMPARE(refs.span(), 100);
        for (int i = 0; i < 50; ++i)
            QVERIFY(refs.release(keys.at(i)));
        QCOMPARE(refs.span(), 50);
        QVERIFY(refs.release(keys.at(70)));   // a hole in the middle stays until the front reaches it
        QCOMPARE(refs.span(), 50);
        for (int i = 50; i < 100; ++i) {
            if (i != 70)
                QVERIFY(refs.release(keys.at(i)));
        }
        QCOMPARE(refs.span(), 0);
        QVERIFY(refs.newKey() > keys.last());   // keys only grow
    }

    void restoreTakesTheFilesCounts()
    {
        JournalRefCounts refs;
        refs.add(refs.newKey());
        refs.restore(10, {{3, 2}, {7, 1}});
        QCOMPARE(refs.newKey(), 11);
        QCOMPARE(refs.count(1), 0);
        QCOMPARE(refs.count(3), 2);
        QCOMPARE(refs.liveKey(refs.tagged(7)), 7);
        QCOMPARE(refs.liveKey(refs.tagged(5)), 0);
        QVERIFY(!refs.release(3));
        QVERIFY(refs.release(3));
        QVERIFY(refs.release(7));
        QCOMPARE(refs.span(), 0);

        JournalRefCounts empty;
        empty.restore(0, {});
        QCOMPARE(empty.newKey(), 1);
        QCOMPARE(empty.span(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_JournalRefCounts)
#include "tst_journalrefcounts.moc"
