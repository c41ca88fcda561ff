// DeadLetterMove: take what a filter matches from the sources, then queue it at the target or put
// it all back; nothing is lost either way and a record dead at two sources is queued once.
#include "core/engine/deadlettermove.h"

#include "core/engine/deadletterfilter.h"
#include "core/engine/endpoint.h"
#include "testevents.h"

#include <QNetworkAccessManager>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

EndpointConfig pausedAt(const QString &name)
{
    EndpointConfig config;
    config.name = name;
    config.url = QStringLiteral("http://127.0.0.1:9/") + name;   // paused: never sent to
    config.paused = true;
    return config;
}

QList<QByteArray> deadIds(const Endpoint &endpoint)
{
    QList<QByteArray> ids;
    for (const DeadLetters::Entry &entry : endpoint.deadLetters().entries())
        ids << entry.event->id();
    return ids;
}

} // namespace

class tst_DeadLetterMove final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void movesMatchingInOrderAndQueuesSharedRecordsOnce()
    {
        QNetworkAccessManager network;
        Endpoint a(pausedAt(QStringLiteral("a")), &network);
        Endpoint b(pausedAt(QStringLiteral("b")), &network);
        Endpoint target(pausedAt(QStringLiteral("target")), &network);
        EventBlock shared = {makeEvent("ev-0"), makeEvent("ev-1", QStringLiteral("pull")), makeEvent("ev-2")};
        QVERIFY(a.write(shared));
        QVERIFY(b.write(shared));                    // the same records, as the broadcaster fans out
        QVERIFY(b.write({makeEvent("b-only")}));
        QCOMPARE(a.purge(), 3);
        QCOMPARE(b.purge(), 4);

        DeadLetterFilter pushes;
        pushes.setAction(QStringLiteral("push"));
        DeadLetterMove move({&a, &b, &target}, pushes);
        QCOMPARE(idsOf(move.events()), (QList<QByteArray>{"ev-0", "ev-2", "b-only"}));
        QCOMPARE(deadIds(a), QList<QByteArray>{"ev-1"});   // taken out already
        QVERIFY(move.into(&target));
        QCOMPARE(idsOf(target.queue().slice(0, 10)), (QList<QByteArray>{"ev-0", "ev-2", "b-only"}));
        QCOMPARE(deadIds(a), QList<QByteArray>{"ev-1"});
        QCOMPARE(deadIds(b), QList<QByteArray>{"ev-1"});
    }

    // A closed target refuses: every dead letter goes back to its source, in its place.
    void aClosedTargetPutsEverythingBack()
    {
        QNetworkAccessManager network;
        Endpoint a(pausedAt(QStringLiteral("a")), &network);
        Endpoint target(pausedAt(QStringLiteral("target")), &network);
        QVERIFY(a.write(makeEvents(4)));
        QCOMPARE(a.purge(), 4);
        bool closed = false;
        target.close(0, [&closed](qsizetype) { closed = true; });
        QTRY_VERIFY(closed);
        QVERIFY(target.isClosed());

        DeadLetterMove move({&a}, DeadLetterFilter());
        QCOMPARE(int(move.events().size()), 4);
        QVERIFY(!move.into(&target));
        QCOMPARE(deadIds(a), (QList<QByteArray>{"ev-0", "ev-1", "ev-2", "ev-3"}));
        QCOMPARE(target.queue().size(), 0);
    }

    // Nothing matches: nothing taken, nothing queued, and that is a success.
    void nothingMatchingIsNoMove()
    {
        QNetworkAccessManager network;
        Endpoint a(pausedAt(QStringLiteral("a")), &network);
        Endpoint target(pausedAt(QStringLiteral("target")), &network);
        QVERIFY(a.write(makeEvents(2)));
        QCOMPARE(a.purge(), 2);
        DeadLetterFilter ofOthers;
        ofOthers.setEndpoint(QStringLiteral("someone-else"));
        DeadLetterMove move({&a}, ofOthers);
        QVERIFY(move.events().empty());
        QVERIFY(move.into(&target));
        QCOMPARE(deadIds(a).size(), 2);
        QCOMPARE(target.queue().size(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_DeadLetterMove)
#include "tst_deadlettermove.moc"
