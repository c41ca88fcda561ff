#include "core/base/manualclock.h"

#include <QObject>
#include <QTest>

using namespace hookscope;

class tst_ManualClock final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Time moves only when told; the wall clock moves with it.
    void movesOnlyWhenTold()
    {
        ManualClock clock(1'000'000);
        QCOMPARE(clock.nowMs(), 0);
        QCOMPARE(clock.wallNowMs(), 1'000'000);
        clock.advance(1500);
        QCOMPARE(clock.nowMs(), 1500);
        QCOMPARE(clock.nowNs(), qint64(1500) * 1'000'000);
        QCOMPARE(clock.wallNowMs(), 1'001'500);
        QCOMPARE(clock.ageOfWallMs(1'000'500), 1000);
        QCOMPARE(clock.ageOfWallMs(2'000'000), 0);   // the future is not negative age
        QCOMPARE(clock.wallAt(2500).toMSecsSinceEpoch(), 1'002'500);
    }

    // Timers fire in due order, each seeing the clock at its own due moment.
    void firesInOrderAtDueTime()
    {
        ManualClock clock;
        QObject context;
        QList<QPair<int, qint64>> fired;
        auto a = clock.createTimer(&context, [&] { fired.append({1, clock.nowMs()}); });
        auto b = clock.createTimer(&context, [&] { fired.append({2, clock.nowMs()}); });
        auto c = clock.createTimer(&context, [&] { fired.append({3, clock.nowMs()}); });
        b->start(300);
        a->start(100);
        c->start(300);   // same due time as b, armed later: fires after it
        QCOMPARE(clock.armedTimers(), 3);
        QCOMPARE(clock.nextDueMs(), 100);
        QCOMPARE(clock.advance(250), 1);
        QCOMPARE(clock.nowMs(), 250);
        QCOMPARE(clock.advance(1000), 2);
        QCOMPARE(fired, (QList<QPair<int, qint64>>{{1, 100}, {2, 300}, {3, 300}}));
        QCOMPARE(clock.nowMs(), 1250);
        QVERIFY(!a->isActive());
        QCOMPARE(clock.nextDueMs(), -1);
    }

    // A timer armed while another fires fires in the same advance when it falls due within it;
    // stop() and re-arming behave like QTimer's.
    void rearmAndStop()
    {
        ManualClock clock;
        QObject context;
        int ticks = 0;
        std::unique_ptr<ClockTimer> timer;
        timer = clock.createTimer(&context, [&] {
            if (++ticks < 5)
                timer->start(1000);
        });
        timer->start(1000);
        QCOMPARE(clock.advance(60'000), 5);   // a minute of virtual time: five one-second ticks
        QCOMPARE(ticks, 5);
        timer->start(10);
        timer->start(500);   // re-arming moves the due time
        QCOMPARE(clock.advance(100), 0);
        QVERIFY(timer->isActive());
        timer->stop();
        QCOMPARE(clock.advance(1000), 0);
        QCOMPARE(ticks, 5);
    }

    // Timers whose context is gone never fire; timers may outlive or predecease the clock.
    void lifetimes()
    {
        auto clock = std::make_unique<ManualClock>();
        int fired = 0;
        auto context = std::make_unique<QObject>();
        auto orphan = clock->createTimer(context.get(), [&] { ++fired; });
        orphan->start(10);
        context.reset();
        QCOMPARE(clock->advance(100), 0);
        QCOMPARE(fired, 0);
        {
            auto shortLived = clock->createTimer(nullptr, [&] { ++fired; });
            shortLived->start(5);
        }
        QCOMPARE(clock->armedTimers(), 0);
        QVERIFY(clock->fireNext() == false);
        clock.reset();
        orphan->start(1);   // the clock is gone: a no-op, not a crash
        QVERIFY(!orphan->isActive());
    }
};

QTEST_GUILESS_MAIN(tst_ManualClock)
#include "tst_manualclock.moc"
