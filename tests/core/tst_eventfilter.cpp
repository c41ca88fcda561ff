#include "core/chain/eventfilter.h"
#include "testevents.h"

#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

class tst_EventFilter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Dropped when the media type OR the action is ignored; both legacy and new media-type lists count.
    void dropsByMediaTypeOrAction_data()
    {
        QTest::addColumn<QStringList>("legacy");
        QTest::addColumn<QStringList>("mediaTypes");
        QTest::addColumn<QStringList>("actions");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("mediaType");
        QTest::addColumn<bool>("dropped");
        const QString blob = QStringLiteral("application/octet-stream");
        const QString oci = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
        QTest::newRow("no filter") << QStringList() << QStringList() << QStringList() << "push" << blob << false;
        QTest::newRow("media type") << QStringList() << QStringList{blob} << QStringList() << "push" << blob << true;
        QTest::newRow("legacy media type") << QStringList{blob} << QStringList() << QStringList() << "pull" << blob << true;
        QTest::newRow("other media type") << QStringList() << QStringList{blob} << QStringList() << "push" << oci << false;
        QTest::newRow("action with media types") << QStringList() << QStringList{blob} << QStringList{QStringLiteral("pull")} << "pull" << oci << true;
        // registry 2.8.2 ignores this filter (bug #2916); hookscope honours it, as v3.1.0 does
        QTest::newRow("actions only") << QStringList() << QStringList() << QStringList{QStringLiteral("pull")} << "pull" << oci << true;
        QTest::newRow("actions only, other action") << QStringList() << QStringList() << QStringList{QStringLiteral("pull")} << "push" << oci << false;
        QTest::newRow("case sensitive") << QStringList() << QStringList() << QStringList{QStringLiteral("Pull")} << "pull" << oci << false;
        QTest::newRow("delete has no media type") << QStringList() << QStringList{blob} << QStringList() << "delete" << QString() << false;
    }
    void dropsByMediaTypeOrAction()
    {
        QFETCH(QStringList, legacy);
        QFETCH(QStringList, mediaTypes);
        QFETCH(QStringList, actions);
        QFETCH(QString, action);
        QFETCH(QString, mediaType);
        QFETCH(bool, dropped);
        EndpointConfig config;
        config.ignoredMediaTypes = legacy;
        config.ignoreMediaTypes = mediaTypes;
        config.ignoreActions = actions;
        const EventFilter filter(config);
        QCOMPARE(filter.drops(*makeEvent("e1", action, mediaType)), dropped);
    }

    // apply() keeps order and counts what it dropped.
    void applyKeepsOrderAndCounts()
    {
        EndpointConfig config;
        config.ignoreActions = {QStringLiteral("pull")};
        const EventFilter filter(config);
        const EventBlock block{makeEvent("a", QStringLiteral("push")), makeEvent("b", QStringLiteral("pull")),
                               makeEvent("c", QStringLiteral("mount")), makeEvent("d", QStringLiteral("pull"))};
        qint64 dropped = 0;
        const EventBlock kept = filter.apply(block, &dropped);
        QCOMPARE(idsOf(kept), (QList<QByteArray>{"a", "c"}));
        QCOMPARE(dropped, 2);
    }
};

QTEST_GUILESS_MAIN(tst_EventFilter)
#include "tst_eventfilter.moc"
