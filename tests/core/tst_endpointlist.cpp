#include "core/engine/endpoint.h"
#include "core/engine/endpointlist.h"

#include <QNetworkAccessManager>
#include <QTest>

using namespace hookscope;

namespace {

EndpointConfig paused(const QString &name)
{
    EndpointConfig config;
    config.name = name;
    config.url = QStringLiteral("http://127.0.0.1:9/");
    config.paused = true;   // nothing is sent; only the list is looked at
    return config;
}

QStringList names(const EndpointList &list)
{
    QStringList out;
    for (const Endpoint *endpoint : list.endpoints())
        out << endpoint->name();
    return out;
}

} // namespace

class tst_EndpointList final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Insert at an index or append (negative, or past the end); look up by name.
    void insertAndFind()
    {
        QNetworkAccessManager network;
        Endpoint a(paused(QStringLiteral("a")), &network);
        Endpoint b(paused(QStringLiteral("b")), &network);
        Endpoint c(paused(QStringLiteral("c")), &network);
        EndpointList list;
        QVERIFY(list.isEmpty());
        list.insert(-1, &a);
        list.insert(99, &c);
        list.insert(1, &b);
        QCOMPARE(names(list), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(list.indexOf(QStringLiteral("c")), 2);
        QCOMPARE(list.find(QStringLiteral("b")), &b);
        QCOMPARE(list.indexOf(QStringLiteral("ghost")), -1);
        QCOMPARE(list.find(QStringLiteral("ghost")), nullptr);
    }

    // Moves reorder; a move out of range is ignored; removing takes it out of the list only.
    void moveAndRemove()
    {
        QNetworkAccessManager network;
        Endpoint a(paused(QStringLiteral("a")), &network);
        Endpoint b(paused(QStringLiteral("b")), &network);
        EndpointList list;
        list.insert(-1, &a);
        list.insert(-1, &b);
        list.move(1, 0);
        QCOMPARE(names(list), (QStringList{QStringLiteral("b"), QStringLiteral("a")}));
        list.move(0, 2);
        list.move(-1, 0);
        QCOMPARE(names(list), (QStringList{QStringLiteral("b"), QStringLiteral("a")}));
        list.remove(&b);
        QCOMPARE(names(list), QStringList{QStringLiteral("a")});
        QCOMPARE(b.name(), QStringLiteral("b"));   // still there: the list does not own it
        list.remove(&b);                            // not in the list: nothing happens
        QCOMPARE(list.endpoints().size(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_EndpointList)
#include "tst_endpointlist.moc"
