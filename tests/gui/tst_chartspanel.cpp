// QTEST_MAIN: the panel holds QChartViews and needs a QApplication (runs offscreen).
#include "app/widgets/chartspanel.h"
#include "guitestdata.h"

#include <QChart>
#include <QLineSeries>
#include <QTest>

using namespace hookscope;

class tst_ChartsPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pointCountsAfterRecordedSnapshots();
    void windowTrimsOldPoints();
    void switchingEndpointDrawsItsOwnHistory();
    void redrawsAreThrottled();
    void themeFollowsThePalette();
};

static constexpr qint64 T0 = 1'780'000'000'000;

// One snapshot per second for `seconds` seconds: endpoint "a" delivers 2/s, "b" fails 1/s.
static void feed(ChartsPanel &panel, int seconds, int from = 0)
{
    for (int i = from; i < from + seconds; ++i) {
        EndpointSnapshot a = guitest::endpoint(QStringLiteral("a"));
        a.metrics.successes = 2 * i;
        a.metrics.pending = i % 7;
        a.latencyP50Ms = 3;
        a.latencyP95Ms = 8;
        EndpointSnapshot b = guitest::endpoint(QStringLiteral("b"));
        b.metrics.failures = i;
        EngineSnapshot s;
        s.takenAt = QDateTime::fromMSecsSinceEpoch(T0 + qint64(i) * 1000, Qt::UTC);
        s.endpoints = {a, b};
        panel.recordSnapshot(s);
    }
}

using S = ChartsPanel::Series;

// N seconds of snapshots give N depth/latency points and N-1 rate points (the newest second is
// still filling and is not drawn as a rate).
void tst_ChartsPanel::pointCountsAfterRecordedSnapshots()
{
    ChartsPanel panel;
    panel.setEndpointName(QStringLiteral("a"));
    feed(panel, 30);
    panel.redrawNow();
    QCOMPARE(panel.pointCount(S::Pending), 30);
    QCOMPARE(panel.pointCount(S::LatencyP95), 30);
    QCOMPARE(panel.pointCount(S::Successes), 29);
    QCOMPARE(panel.pointCount(S::Errors), 29);
    QCOMPARE(panel.series(S::Successes)->at(5).y(), 2.0);
    QCOMPARE(panel.series(S::Failures)->at(5).y(), 0.0);
    QCOMPARE(panel.series(S::LatencyP50)->at(5).y(), 3.0);
}

// Only the selected window is drawn: 1, 5 and 15 minutes of one-second points.
void tst_ChartsPanel::windowTrimsOldPoints()
{
    ChartsPanel panel;
    panel.setEndpointName(QStringLiteral("a"));
    QCOMPARE(panel.windowMinutes(), 5);
    feed(panel, 20 * 60);
    panel.redrawNow();
    QCOMPARE(panel.pointCount(S::Pending), 300);
    QCOMPARE(panel.pointCount(S::Successes), 299);
    panel.setWindowMinutes(1);
    QCOMPARE(panel.pointCount(S::Pending), 60);
    panel.setWindowMinutes(15);
    QCOMPARE(panel.pointCount(S::Pending), 900);
    const qreal newest = panel.series(S::Pending)->at(899).x();
    QCOMPARE(qint64(newest), T0 + qint64(20 * 60 - 1) * 1000);
}

// History accumulates for every endpoint, so switching shows the other endpoint's past at once.
void tst_ChartsPanel::switchingEndpointDrawsItsOwnHistory()
{
    ChartsPanel panel;
    panel.setEndpointName(QStringLiteral("a"));
    feed(panel, 10);
    panel.redrawNow();
    QCOMPARE(panel.series(S::Failures)->at(3).y(), 0.0);
    panel.setEndpoint(guitest::endpoint(QStringLiteral("b")));
    QCOMPARE(panel.endpointName(), QStringLiteral("b"));
    QCOMPARE(panel.pointCount(S::Failures), 9);
    QCOMPARE(panel.series(S::Failures)->at(3).y(), 1.0);
    QCOMPARE(panel.series(S::Successes)->at(3).y(), 0.0);
    panel.clear();
    QCOMPARE(panel.pointCount(S::Pending), 0);
    panel.setEndpointName(QStringLiteral("a"));
    QCOMPARE(panel.pointCount(S::Pending), 10);   // clear() kept the history
}

// A burst of snapshots while visible costs at most one redraw per half second.
void tst_ChartsPanel::redrawsAreThrottled()
{
    ChartsPanel panel;
    panel.resize(600, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setEndpointName(QStringLiteral("a"));
    const int before = panel.redrawCount();
    feed(panel, 100);
    QCOMPARE(panel.redrawCount(), before);   // nothing drawn synchronously
    QTRY_COMPARE(panel.pointCount(S::Pending), 100);
    QCOMPARE(panel.redrawCount(), before + 1);
}

// Dark windows get the dark chart theme, light ones the light theme.
void tst_ChartsPanel::themeFollowsThePalette()
{
    ChartsPanel panel;
    QPalette dark = panel.palette();
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    panel.setPalette(dark);
    QCOMPARE(panel.series(S::Pending)->chart()->theme(), QChart::ChartThemeDark);
    QPalette light = panel.palette();
    light.setColor(QPalette::Window, QColor(0xf4, 0xf4, 0xf4));
    light.setColor(QPalette::WindowText, QColor(0x10, 0x10, 0x10));
    panel.setPalette(light);
    QCOMPARE(panel.series(S::Pending)->chart()->theme(), QChart::ChartThemeLight);
}

QTEST_MAIN(tst_ChartsPanel)
#include "tst_chartspanel.moc"
