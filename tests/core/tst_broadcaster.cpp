#include "core/engine/broadcaster.h"
#include "core/engine/endpoint.h"
#include "core/engine/endpointlist.h"
#include "testevents.h"

#include <QNetworkAccessManager>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

EndpointConfig paused(const QString &name)
{
    EndpointConfig config;
    config.name = name;
    config.url = QStringLiteral("http://127.0.0.1:9/");
    config.paused = true;   // nothing is sent; we only look at the queues
    return config;
}

} // namespace

class tst_Broadcaster final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Every endpoint gets the block; order of endpoints is insertion/config order and can change.
    void fansOutToAll()
    {
        QNetworkAccessManager network;
        Endpoint a(paused(QStringLiteral("a")), &network);
        Endpoint b(paused(QStringLiteral("b")), &network);
        Endpoint c(paused(QStringLiteral("c")), &network);
        EndpointList endpoints;
        Broadcaster broadcaster(endpoints);
        endpoints.insert(-1, &a);
        endpoints.insert(-1, &c);
        endpoints.insert(1, &b);
        QCOMPARE(endpoints.indexOf(QStringLiteral("b")), 1);
        QVERIFY(broadcaster.write(makeEvents(3)));
        QCOMPARE(a.queue().size(), 3);
        QCOMPARE(b.queue().size(), 3);
        QCOMPARE(c.queue().size(), 3);
        // one copy of each event, shared by the three queues
        QCOMPARE(a.queue().head().get(), c.queue().head().get());
        endpoints.move(2, 0);
        QCOMPARE(endpoints.endpoints().first()->name(), QStringLiteral("c"));
        endpoints.remove(&b);
        QVERIFY(broadcaster.write(makeEvents(1, "x")));
        QCOMPARE(b.queue().size(), 3);
        QCOMPARE(a.queue().size(), 4);
    }

    // After close, writes fail and nothing is enqueued.
    void closedRefuses()
    {
        QNetworkAccessManager network;
        Endpoint a(paused(QStringLiteral("a")), &network);
        EndpointList endpoints;
        endpoints.insert(-1, &a);
        Broadcaster broadcaster(endpoints);
        broadcaster.close();
        QVERIFY(broadcaster.isClosed());
        QVERIFY(!broadcaster.write(makeEvents(1)));
        QCOMPARE(a.queue().size(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_Broadcaster)
#include "tst_broadcaster.moc"
