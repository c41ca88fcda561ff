// SystemClock: monotonic readings, and timers that fire once on their context's thread and never
// after the context is gone.
#include "core/base/systemclock.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace hookscope;

class tst_SystemClock final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readingsMoveForward()
    {
        Clock &clock = Clock::system();
        const qint64 a = clock.nowNs();
        QTest::qWait(5);
        QVERIFY(clock.nowNs() > a);
        QVERIFY(qAbs(clock.wallNowMs() - QDateTime::currentMSecsSinceEpoch()) < 1000);
        QVERIFY(qAbs(clock.wallAt(clock.nowMs() + 60'000).msecsTo(QDateTime::currentDateTimeUtc().addSecs(60))) < 1000);
    }

    void timerFiresOnceAfterItsDelay()
    {
        Clock &clock = Clock::system();
        QObject context;
        int fired = 0;
        qint64 at = 0;
        auto timer = clock.createTimer(&context, [&] {
            ++fired;
            at = clock.nowMs();
        });
        const qint64 started = clock.nowMs();
        timer->start(30);
        QVERIFY(timer->isActive());
        QTRY_COMPARE(fired, 1);
        QVERIFY(at - started >= 29);
        QVERIFY(!timer->isActive());
        QTest::qWait(60);
        QCOMPARE(fired, 1);
        timer->start(10);
        timer->stop();
        QTest::qWait(40);
        QCOMPARE(fired, 1);
    }

    // The timer follows its context to another thread and fires there.
    void firesOnTheContextsThread()
    {
        QThread thread;
        thread.start();
        auto *context = new QObject;
        context->moveToThread(&thread);
        std::atomic<QThread *> firedOn{nullptr};
        std::unique_ptr<ClockTimer> timer;
        QMetaObject::invokeMethod(context, [&] {
            timer = Clock::system().createTimer(context, [&] { firedOn = QThread::currentThread(); });
            timer->start(5);
        }, Qt::BlockingQueuedConnection);
        QTRY_VERIFY(firedOn.load() != nullptr);
        QCOMPARE(firedOn.load(), &thread);
        QMetaObject::invokeMethod(context, [&] { timer.reset(); }, Qt::BlockingQueuedConnection);
        context->deleteLater();
        thread.quit();
        thread.wait();
    }

    // A timer whose context died is inert.
    void contextGoneFirst()
    {
        auto context = std::make_unique<QObject>();
        int fired = 0;
        auto timer = Clock::system().createTimer(context.get(), [&] { ++fired; });
        timer->start(5);
        context.reset();
        QTest::qWait(30);
        QCOMPARE(fired, 0);
        QVERIFY(!timer->isActive());
        timer->start(1);   // no-op
    }
};

QTEST_GUILESS_MAIN(tst_SystemClock)
#include "tst_systemclock.moc"
