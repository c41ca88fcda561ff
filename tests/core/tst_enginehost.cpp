#include "core/engine/endpoint.h"
#include "core/engine/engine.h"
#include "core/engine/enginehost.h"
#include "fakehttpserver.h"
#include "testevents.h"

#include <QSignalSpy>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

class tst_EngineHost final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The engine runs on its own thread; callers read snapshots and post commands without blocking.
    void runsOnItsOwnThread()
    {
        FakeHttpServer server;   // on this (the test's) thread, answered by its event loop
        EngineHost host;
        host.start(20);
        QThread *engineThread = nullptr;
        host.call([&](Engine &engine) {
            engineThread = QThread::currentThread();
            EndpointConfig config;
            config.name = QStringLiteral("ep");
            config.url = server.url().toString();
            engine.addEndpoint(config);
        });
        QVERIFY(engineThread != QThread::currentThread());
        QSignalSpy updates(&host, &EngineHost::snapshotUpdated);
        host.post([](Engine &engine) { engine.submit(makeEvents(10)); });
        QTRY_COMPARE(server.requestCount(), 10);
        QTRY_VERIFY(!host.snapshot()->endpoints.isEmpty()
                    && host.snapshot()->endpoints.first().metrics.successes == 10);
        QVERIFY(updates.count() >= 1);
        // Snapshots are coalesced: far fewer than one per change.
        QVERIFY2(updates.count() < 30, qPrintable(QString::number(updates.count())));
    }

    // Commands cross threads as queued calls.
    void commandsAreQueued()
    {
        FakeHttpServer server;
        EngineHost host;
        host.start(10);
        host.call([&](Engine &engine) {
            EndpointConfig config;
            config.name = QStringLiteral("ep");
            config.url = server.url().toString();
            engine.addEndpoint(config);
            engine.pause(QStringLiteral("ep"));
        });
        host.post([](Engine &engine) { engine.submit(makeEvents(2)); });
        QTRY_COMPARE(host.snapshot()->endpoints.value(0).metrics.pending, 2);
        QCOMPARE(host.snapshot()->endpoints.value(0).state, EndpointState::Paused);
        host.post([](Engine &engine) { engine.resume(QStringLiteral("ep")); });
        QTRY_COMPARE(host.snapshot()->endpoints.value(0).metrics.successes, 2);
    }

    // Shutdown returns within its deadline even with a receiver that never answers.
    void shutdownWithinDeadline()
    {
        FakeHttpServer server;
        server.setDefaultStep(FakeStep::hang());
        EngineHost host;
        host.start();
        host.call([&](Engine &engine) {
            EndpointConfig config;
            config.name = QStringLiteral("dead");
            config.url = server.url().toString();
            config.timeoutNs = 10'000'000'000;
            engine.addEndpoint(config);
            engine.submit(makeEvents(4));
        });
        QElapsedTimer clock;
        clock.start();
        // The fake server lives on this thread; shutdown blocks it, which is exactly a hung receiver.
        const QMap<QString, qsizetype> left = host.shutdown(300);
        QVERIFY(clock.elapsed() < 2000);
        QCOMPARE(left.value(QStringLiteral("dead")), 4);
        QVERIFY(!host.isRunning());
    }

    // drained comes once, on the engine thread, with what each endpoint left, while the thread
    // still runs (what the engine parents can still be read then) and before shutdown() returns.
    void drainedComesBeforeTheThreadStops()
    {
        EngineHost host;
        host.start();
        host.call([&](Engine &engine) {
            EndpointConfig config;
            config.name = QStringLiteral("held");
            config.url = QStringLiteral("http://127.0.0.1:9/");
            config.paused = true;
            engine.addEndpoint(config);
            engine.submit(makeEvents(3));
        });
        int emitted = 0;
        QThread *thread = nullptr;
        bool running = false;
        QMap<QString, qsizetype> reported;
        connect(&host, &EngineHost::drained, this, [&](const QMap<QString, qsizetype> &left) {
            ++emitted;
            thread = QThread::currentThread();
            running = host.isRunning();
            reported = left;
        }, Qt::DirectConnection);
        const QMap<QString, qsizetype> left = host.shutdown(1000);
        QCOMPARE(emitted, 1);
        QVERIFY(thread && thread != QThread::currentThread());
        QVERIFY(running);
        QCOMPARE(reported, left);
        QCOMPARE(left.value(QStringLiteral("held")), 3);
    }
};

QTEST_GUILESS_MAIN(tst_EngineHost)
#include "tst_enginehost.moc"
