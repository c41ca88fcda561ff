#include "fakehttpserver.h"
#include "fixtures.h"
#include "sources/registrywatcher.h"

#include <QSignalSpy>
#include <QTest>

using namespace hookscope;

namespace {

struct Counters
{
    const char *name;
    int pending, events, successes, failures, errors;
};

// A full /debug/vars page as a 2.8.2 registry serves it: memstats and the notification endpoints.
FakeStep page(const QList<Counters> &endpoints, qint64 totalAlloc)
{
    QByteArray list;
    for (const Counters &c : endpoints) {
        if (!list.isEmpty())
            list += ',';
        list += QStringLiteral("{\"name\":\"%1\",\"url\":\"http://127.0.0.1:9/%1\",\"Metrics\":{\"Pending\":%2,"
                               "\"Events\":%3,\"Successes\":%4,\"Failures\":%5,\"Errors\":%6,\"Statuses\":{}}}")
                    .arg(QLatin1String(c.name))
                    .arg(c.pending)
                    .arg(c.events)
                    .arg(c.successes)
                    .arg(c.failures)
                    .arg(c.errors)
                    .toUtf8();
    }
    FakeStep step = FakeStep::respond(200);
    step.body = "{\"cmdline\":[\"registry\",\"serve\"],\"memstats\":{\"TotalAlloc\":" + QByteArray::number(totalAlloc)
        + "},\"registry\":{\"notifications\":{\"endpoints\":[" + list + "]}}}";
    return step;
}

} // namespace

class tst_RegistryWatcher final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A registry's debug page becomes remote endpoint rows; counter deltas between polls give the
    // delivery rate and whether a queue is retrying.
    void followsCounters()
    {
        FakeHttpServer registry;
        FakeStep before = FakeStep::respond(200);
        before.body = fixtures::read(QStringLiteral("expvar-2-unhealthy-15s.json"));
        FakeStep after = FakeStep::respond(200);
        after.body = fixtures::read(QStringLiteral("expvar-4-unhealthy-30s.json"));
        registry.enqueue(before);
        registry.setDefaultStep(after);
        RegistryWatcher watcher;
        QSignalSpy restarts(&watcher, &RegistryWatcher::registryRestarted);
        watcher.setInterval(100);
        QVERIFY(watcher.addRegistry(QStringLiteral("127.0.0.1:%1").arg(registry.port())));
        QTRY_VERIFY(registry.requestCount() >= 2 && watcher.endpoints().size() == 4
                    && watcher.endpoints().at(1).state == EndpointState::BackingOff);
        const QVector<EndpointSnapshot> rows = watcher.endpoints();
        QCOMPARE(rows.at(0).config.name, QStringLiteral("primary"));
        QVERIFY(rows.at(0).isRemote());
        QCOMPARE(rows.at(0).state, EndpointState::Idle);
        QCOMPARE(rows.at(1).metrics.pending, 33);
        QVERIFY(rows.at(1).lastError.contains(QStringLiteral("failed attempt")));
        QCOMPARE(registry.received().first().path, QByteArray("/debug/vars"));
        QCOMPARE(restarts.count(), 0);   // counters that only grow are one process
    }

    // Issue #14 item 10: counters that go down mean the registry restarted and lost what it had
    // queued. One notice, with what was pending before; the rows carry the restart for a while;
    // counters then start from the new values (no negative rate), and growth after it is no
    // second restart.
    void restartIsNoticed()
    {
        FakeHttpServer registry;
        registry.enqueue(page({{"a", 10, 50, 40, 6, 0}, {"b", 2, 20, 18, 0, 3}}, 9000));
        registry.enqueue(page({{"a", 0, 1, 1, 0, 0}, {"b", 0, 0, 0, 0, 0}}, 100));
        registry.setDefaultStep(page({{"a", 0, 4, 4, 0, 0}, {"b", 0, 1, 1, 0, 0}}, 200));
        RegistryWatcher watcher;
        QSignalSpy restarts(&watcher, &RegistryWatcher::registryRestarted);
        watcher.setInterval(100);
        const QString label = QStringLiteral("127.0.0.1:%1").arg(registry.port());
        QVERIFY(watcher.addRegistry(label));
        QTRY_VERIFY(registry.requestCount() >= 4 && watcher.endpoints().size() == 2
                    && watcher.endpoints().at(0).metrics.events == 4);
        QCOMPARE(restarts.count(), 1);
        QCOMPARE(restarts.first().at(0).toString(), label);
        QCOMPARE(restarts.first().at(1).toString(),
                 QStringLiteral("registry %1 restarted: counters reset; 12 event(s) were pending before "
                                "(endpoint a: 10, b: 2), lost with the restart")
                     .arg(label));
        for (const EndpointSnapshot &row : watcher.endpoints()) {
            QVERIFY(row.remoteRestartedAt.isValid());
            QCOMPARE(row.remoteRestartNote, restarts.first().at(1).toString());
            QVERIFY(row.deliveredPerSecond >= 0);
            QVERIFY(row.consecutiveFailures >= 0);
        }
    }

    // The process's own counter (expvar memstats.TotalAlloc) going down is a restart even when
    // the notification counters happen to read the same.
    void restartSeenInMemstats()
    {
        FakeHttpServer registry;
        registry.enqueue(page({{"a", 3, 5, 2, 0, 0}}, 9000));
        registry.setDefaultStep(page({{"a", 0, 5, 2, 0, 0}}, 100));
        RegistryWatcher watcher;
        QSignalSpy restarts(&watcher, &RegistryWatcher::registryRestarted);
        watcher.setInterval(100);
        QVERIFY(watcher.addRegistry(QStringLiteral("127.0.0.1:%1").arg(registry.port())));
        QTRY_COMPARE(restarts.count(), 1);
        const QString message = restarts.first().at(1).toString();
        QVERIFY2(message.contains(QStringLiteral("3 event(s) were pending before (endpoint a: 3)")),
                 qPrintable(message));
        QTest::qWait(400);   // more readings of the new process: no second notice
        QCOMPARE(restarts.count(), 1);
    }

    // A registry that does not answer is one "unreachable" row with the error, and watching
    // resumes when it answers.
    void unreachableThenBack()
    {
        FakeHttpServer registry;
        const quint16 port = registry.port();
        registry.server().close();   // down: connections to its port are refused
        RegistryWatcher watcher;
        watcher.setInterval(100);
        QVERIFY(watcher.addRegistry(QStringLiteral("127.0.0.1:%1").arg(port)));
        QTRY_VERIFY(!watcher.endpoints().isEmpty() && watcher.endpoints().first().state == EndpointState::Unreachable
                    && watcher.endpoints().first().lastError.contains(QStringLiteral("refused"), Qt::CaseInsensitive));
        FakeStep page = FakeStep::respond(200);
        page.body = fixtures::read(QStringLiteral("expvar-1-after-push.json"));
        registry.setDefaultStep(page);
        QVERIFY(registry.server().listen(QHostAddress::LocalHost, port));
        QTRY_COMPARE_WITH_TIMEOUT(watcher.endpoints().size(), 4, 5000);
    }

    // A debug address given with credentials never shows them: not in the unreachable row's URL,
    // not in its error.
    void credentialsInTheAddressAreMasked()
    {
        FakeHttpServer registry;
        const quint16 port = registry.port();
        registry.server().close();
        RegistryWatcher watcher;
        watcher.setInterval(100);
        QString error;
        QVERIFY2(watcher.addRegistry(QStringLiteral("http://admin:pa55@127.0.0.1:%1").arg(port), &error), qPrintable(error));
        QTRY_VERIFY(!watcher.endpoints().isEmpty() && watcher.endpoints().first().state == EndpointState::Unreachable);
        const EndpointSnapshot row = watcher.endpoints().first();
        QVERIFY2(!row.config.url.contains(QLatin1String("pa55")), qPrintable(row.config.url));
        QVERIFY2(row.config.url.contains(QLatin1String("admin:***@")), qPrintable(row.config.url));
        QVERIFY2(!row.lastError.contains(QLatin1String("pa55")), qPrintable(row.lastError));
    }

    // Not a registry: an error row that says what was received; bad addresses are refused.
    void notARegistry()
    {
        FakeHttpServer other;
        FakeStep page = FakeStep::respond(200);
        page.body = "<html>hello</html>";
        other.setDefaultStep(page);
        RegistryWatcher watcher;
        watcher.setInterval(100);
        QVERIFY(watcher.addRegistry(QStringLiteral("http://127.0.0.1:%1").arg(other.port())));
        QTRY_VERIFY(!watcher.endpoints().isEmpty() && watcher.endpoints().first().lastError.contains(QStringLiteral("hello")));
        QString error;
        QVERIFY(!watcher.addRegistry(QStringLiteral("not an address"), &error));
        QVERIFY(error.contains(QStringLiteral("not a registry debug address")));
    }
};

QTEST_GUILESS_MAIN(tst_RegistryWatcher)
#include "tst_registrywatcher.moc"
