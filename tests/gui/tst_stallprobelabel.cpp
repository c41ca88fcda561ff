// QTEST_MAIN: QLabel needs a QApplication (runs offscreen).
#include "app/widgets/stallprobe.h"
#include "app/widgets/stallprobelabel.h"

#include <QTest>
#include <QThread>
#include <QTimer>

using namespace hookscope;

class tst_StallProbeLabel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void formatsForTheStatusBar();
    void refreshesFromTheProbe();
};

// p99 with one decimal, worst in whole milliseconds.
void tst_StallProbeLabel::formatsForTheStatusBar()
{
    QCOMPARE(StallProbeLabel::format(1.23, 8.4), QStringLiteral("GUI stall: p99 1.2 ms, worst 8 ms"));
}

// The label shows the probe's figures after its next updated().
void tst_StallProbeLabel::refreshesFromTheProbe()
{
    StallProbe probe;
    StallProbeLabel label(&probe);
    QCOMPARE(label.text(), StallProbeLabel::format(0, 0));
    QTimer::singleShot(0, &probe, [] { QThread::msleep(60); });
    QTRY_VERIFY_WITH_TIMEOUT(label.text() != StallProbeLabel::format(0, 0) && probe.worstMs() >= 40, 3000);
    QTRY_COMPARE_WITH_TIMEOUT(label.text(), StallProbeLabel::format(probe.p99Ms(), probe.worstMs()), 3000);
}

QTEST_MAIN(tst_StallProbeLabel)
#include "tst_stallprobelabel.moc"
