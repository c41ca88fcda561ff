// QTEST_MAIN to match the rest of tests/gui (this class itself needs only QtCore).
#include "app/models/charthistory.h"
#include "guitestdata.h"

#include <QTest>

using namespace hookscope;

class tst_ChartHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstSnapshotOnlySetsTheBaseline();
    void deltasAreSummedPerSecond();
    void silentSecondsGetZeroRatesAndCarriedDepth();
    void counterResetCountsNothing();
    void boundedToCapacity();
    void forgetsEndpointsSilentForTheWholeCapacity();
};

static constexpr qint64 T0 = 1'780'000'000'000;   // a whole second

static EngineSnapshot engine(qint64 atMs, const QString &name, qint64 pending, qint64 ok, qint64 failed = 0,
                             qint64 errors = 0)
{
    EndpointSnapshot e = guitest::endpoint(name);
    e.metrics.pending = pending;
    e.metrics.successes = ok;
    e.metrics.failures = failed;
    e.metrics.errors = errors;
    e.latencyP50Ms = 4;
    e.latencyP95Ms = 9;
    EngineSnapshot s;
    s.takenAt = QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC);
    s.endpoints = {e};
    return s;
}

// Counters are cumulative since start: the first reading is not a rate spike.
void tst_ChartHistory::firstSnapshotOnlySetsTheBaseline()
{
    ChartHistory history;
    history.record(engine(T0, QStringLiteral("a"), 3, 1000, 50));
    const auto *b = history.buckets(QStringLiteral("a"));
    QVERIFY(b);
    QCOMPARE(int(b->size()), 1);
    QCOMPARE(b->back().successes, 0);
    QCOMPARE(b->back().failures, 0);
    QCOMPARE(b->back().pending, 3);
    QCOMPARE(history.latestMs(), T0);
    QVERIFY(!history.buckets(QStringLiteral("b")));
}

// Several snapshots in one second add up; the depth is the last one seen.
void tst_ChartHistory::deltasAreSummedPerSecond()
{
    ChartHistory history;
    history.record(engine(T0, QStringLiteral("a"), 0, 10));
    history.record(engine(T0 + 1100, QStringLiteral("a"), 5, 12, 1));
    history.record(engine(T0 + 1500, QStringLiteral("a"), 7, 15, 1, 2));
    const auto *b = history.buckets(QStringLiteral("a"));
    QCOMPARE(int(b->size()), 2);
    QCOMPARE(b->back().second, T0 / 1000 + 1);
    QCOMPARE(b->back().successes, 5);
    QCOMPARE(b->back().failures, 1);
    QCOMPARE(b->back().errors, 2);
    QCOMPARE(b->back().pending, 7);
    QCOMPARE(b->back().latencyP95Ms, 9.0);
}

// Seconds with no snapshot exist as buckets with zero rates and the previous depth.
void tst_ChartHistory::silentSecondsGetZeroRatesAndCarriedDepth()
{
    ChartHistory history;
    history.record(engine(T0, QStringLiteral("a"), 4, 10));
    history.record(engine(T0 + 3000, QStringLiteral("a"), 1, 16));
    const auto *b = history.buckets(QStringLiteral("a"));
    QCOMPARE(int(b->size()), 4);
    QCOMPARE((*b)[1].successes, 0);
    QCOMPARE((*b)[1].pending, 4);
    QCOMPARE((*b)[2].pending, 4);
    QCOMPARE((*b)[3].successes, 6);
}

// A counter going down (endpoint re-created) is a new baseline, not a negative rate.
void tst_ChartHistory::counterResetCountsNothing()
{
    ChartHistory history;
    history.record(engine(T0, QStringLiteral("a"), 0, 100));
    history.record(engine(T0 + 1000, QStringLiteral("a"), 0, 2));
    history.record(engine(T0 + 2000, QStringLiteral("a"), 0, 5));
    const auto *b = history.buckets(QStringLiteral("a"));
    QCOMPARE((*b)[1].successes, 0);
    QCOMPARE((*b)[2].successes, 3);
}

// Never more buckets than the capacity, even across a long silence.
void tst_ChartHistory::boundedToCapacity()
{
    ChartHistory history(60);
    for (int i = 0; i < 200; ++i)
        history.record(engine(T0 + i * 1000, QStringLiteral("a"), i, i));
    QCOMPARE(int(history.buckets(QStringLiteral("a"))->size()), 60);
    QCOMPARE(history.buckets(QStringLiteral("a"))->front().second, T0 / 1000 + 140);
    history.record(engine(T0 + 10'000'000, QStringLiteral("a"), 1, 1));
    QCOMPARE(int(history.buckets(QStringLiteral("a"))->size()), 60);
}

// An endpoint absent from snapshots for longer than the capacity is dropped entirely.
void tst_ChartHistory::forgetsEndpointsSilentForTheWholeCapacity()
{
    ChartHistory history(60);
    history.record(engine(T0, QStringLiteral("gone"), 1, 1));
    history.record(engine(T0 + 30'000, QStringLiteral("a"), 1, 1));
    QCOMPARE(history.endpointCount(), 2);
    history.record(engine(T0 + 61'000, QStringLiteral("a"), 1, 1));
    QCOMPARE(history.endpointCount(), 1);
    QVERIFY(!history.buckets(QStringLiteral("gone")));
    history.clear();
    QCOMPARE(history.endpointCount(), 0);
}

QTEST_MAIN(tst_ChartHistory)
#include "tst_charthistory.moc"
