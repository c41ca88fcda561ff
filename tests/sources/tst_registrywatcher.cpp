#include "fakehttpserver.h"
#include "fixtures.h"
#include "sources/registrywatcher.h"

#include <QSignalSpy>
#include <QTest>

using namespace hookscope;

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
