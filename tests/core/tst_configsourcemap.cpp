#include "core/config/configsourcemap.h"

#include <QTest>

using namespace hookscope;

// Where each configuration key was written, with fallbacks for keys that have no own position.
class tst_ConfigSourceMap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactPathWins();
    void fallsBackToTheNearestParent();
    void fallsBackToTheFileWithoutPosition();
    void removeUnderForgetsASubtree();
    void endpointPathFormat();
};

namespace {
ConfigSourceMap sampleMap()
{
    ConfigSourceMap map;
    map.file = QStringLiteral("c.yml");
    map.spots.insert(QStringLiteral("notifications"), {QStringLiteral("c.yml"), 1, 1});
    map.spots.insert(QStringLiteral("notifications.endpoints[0]"), {QStringLiteral("c.yml"), 3, 7});
    map.spots.insert(QStringLiteral("notifications.endpoints[0].url"),
                     {QStringLiteral("c.yml"), 4, 12});
    map.spots.insert(QStringLiteral("notifications.endpoints[1]"), {QStringLiteral("$ENV"), 1, 3});
    map.unknownKeys.append({QStringLiteral("notifications.endpoints[0].x"),
                            QString(),
                            {QStringLiteral("c.yml"), 5, 7}});
    map.bareDurations.append({QStringLiteral("notifications.endpoints[1].timeout"),
                              500,
                              {QStringLiteral("$ENV"), 2, 12},
                              QStringLiteral("500")});
    return map;
}
} // namespace

// A path that was recorded returns its own spot.
void tst_ConfigSourceMap::exactPathWins()
{
    const SourceSpot spot = sampleMap().spotFor(QStringLiteral("notifications.endpoints[0].url"));
    QCOMPARE(spot.line, 4);
    QCOMPARE(spot.column, 12);
}

// A key that was not written (a default) points at its closest written parent: the endpoint,
// then the section; list indexes count as a level.
void tst_ConfigSourceMap::fallsBackToTheNearestParent()
{
    const ConfigSourceMap map = sampleMap();
    QCOMPARE(map.spotFor(QStringLiteral("notifications.endpoints[0].timeout")).line, 3);
    QCOMPARE(map.spotFor(QStringLiteral("notifications.endpoints[1].ignore.actions[2]")).file,
             QStringLiteral("$ENV"));
    QCOMPARE(map.spotFor(QStringLiteral("notifications.events.includereferences")).line, 1);
}

// Nothing recorded at all: the main file, line 0 (no position).
void tst_ConfigSourceMap::fallsBackToTheFileWithoutPosition()
{
    const SourceSpot spot = sampleMap().spotFor(QStringLiteral("hookscope.ingest.listen"));
    QCOMPARE(spot.file, QStringLiteral("c.yml"));
    QCOMPARE(spot.line, 0);
    QCOMPARE(ConfigSourceMap().spotFor(QStringLiteral("x")).line, 0);
}

// removeUnder() drops spots, unknown keys and bare durations under a prefix, nothing else.
void tst_ConfigSourceMap::removeUnderForgetsASubtree()
{
    ConfigSourceMap map = sampleMap();
    map.removeUnder(QStringLiteral("notifications.endpoints["));
    QCOMPARE(map.spots.size(), 1);
    QVERIFY(map.spots.contains(QStringLiteral("notifications")));
    QVERIFY(map.unknownKeys.isEmpty());
    QVERIFY(map.bareDurations.isEmpty());
}

// Endpoint paths are written the way diagnostics show them.
void tst_ConfigSourceMap::endpointPathFormat()
{
    QCOMPARE(endpointPath(0), QStringLiteral("notifications.endpoints[0]"));
    QCOMPARE(endpointPath(12), QStringLiteral("notifications.endpoints[12]"));
}

QTEST_GUILESS_MAIN(tst_ConfigSourceMap)
#include "tst_configsourcemap.moc"
