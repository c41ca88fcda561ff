// JournalOutage: listeners hear of an outage when it begins or its reason changes, not on every
// failed retry; retries back off from the first delay, doubling up to the cap; health() is the
// same answer from any thread; the end of the outage stops the retries.
#include "core/journal/journaloutage.h"

#include <QElapsedTimer>
#include <QTest>

#include <thread>

using namespace hookscope;

class tst_JournalOutage final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void onlyNewsIsReported()
    {
        QObject owner;
        JournalOutage outage(&owner, [] {});
        QVERIFY(!outage.isFailing());
        QVERIFY(outage.health().writable);
        QVERIFY(outage.failed(QStringLiteral("disk full")));
        QVERIFY(!outage.failed(QStringLiteral("disk full")));   // the same again: a retry failing
        QVERIFY(outage.failed(QStringLiteral("I/O error")));    // another reason: news
        QVERIFY(outage.isFailing());
        QCOMPARE(outage.failure(), QStringLiteral("I/O error"));
        QCOMPARE(outage.health().writable, false);
        QCOMPARE(outage.health().reason, QStringLiteral("I/O error"));
        outage.ended(QStringLiteral("/tmp/j.db"));
        QVERIFY(!outage.isFailing());
        QVERIFY(outage.health().writable);
        QVERIFY(outage.health().reason.isEmpty());
        QVERIFY(outage.failed(QStringLiteral("disk full")));   // a new outage is news again
    }

    void retriesBackOffUpToTheCap()
    {
        QObject owner;
        QVector<qint64> at;
        QElapsedTimer clock;
        JournalOutage *self = nullptr;
        JournalOutage outage(&owner, [&] {
            at.append(clock.elapsed());
            if (at.size() < 5)
                self->failed(QStringLiteral("disk full"));   // the retry failed too
        });
        self = &outage;
        outage.setRetryDelays(20, 60);
        clock.start();
        outage.failed(QStringLiteral("disk full"));
        QTRY_COMPARE_WITH_TIMEOUT(at.size(), 5, 5000);
        // 20, 40, 60, 60, 60 ms apart; a coarse timer may fire up to 5% early.
        const qint64 expected[] = {20, 40, 60, 60, 60};
        qint64 previous = 0;
        for (int i = 0; i < 5; ++i) {
            QVERIFY2(at.at(i) - previous >= expected[i] * 9 / 10,
                     qPrintable(QStringLiteral("retry %1 after %2 ms").arg(i).arg(at.at(i) - previous)));
            previous = at.at(i);
        }
        QTest::qWait(150);
        QCOMPARE(at.size(), 5);   // the fifth retry did not fail: nothing armed
    }

    void endingStopsTheRetries()
    {
        QObject owner;
        int retries = 0;
        JournalOutage outage(&owner, [&] { ++retries; });
        outage.setRetryDelays(30, 30);
        outage.failed(QStringLiteral("disk full"));
        outage.ended(QStringLiteral("/tmp/j.db"));
        QTest::qWait(120);
        QCOMPARE(retries, 0);
    }

    void healthFromAnotherThread()
    {
        QObject owner;
        JournalOutage outage(&owner, [] {});
        outage.failed(QStringLiteral("disk full"));
        JournalOutage::Health seen;
        std::thread reader([&] { seen = outage.health(); });
        reader.join();
        QCOMPARE(seen.writable, false);
        QCOMPARE(seen.reason, QStringLiteral("disk full"));
    }
};

QTEST_GUILESS_MAIN(tst_JournalOutage)
#include "tst_journaloutage.moc"
