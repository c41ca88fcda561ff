// QTEST_MAIN: the panel is a widget tree and needs a QApplication (runs offscreen).
#include "guitestdata.h"
#include "app/models/statusesmodel.h"
#include "app/widgets/statusespanel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace hookscope;

class tst_StatusesPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameSnapshotTwiceDoesNotReset();
    void switchingEndpointStartsOver();
    void clearShowsNothing();
};

static EndpointSnapshot counted(const QString &name, qint64 ok, qint64 unavailable, qint64 timeouts)
{
    EndpointSnapshot s = guitest::endpoint(name);
    s.metrics.successes = ok;
    s.metrics.failures = unavailable;
    s.metrics.errors = timeouts;
    if (ok)
        s.metrics.statuses.insert(QStringLiteral("200 OK"), ok);
    if (unavailable)
        s.metrics.statuses.insert(QStringLiteral("503 Service Unavailable"), unavailable);
    if (timeouts)
        s.errorClasses.insert(QStringLiteral("timeout"), timeouts);
    return s;
}

// A repeated snapshot emits nothing; a changed count updates in place, never resets.
void tst_StatusesPanel::sameSnapshotTwiceDoesNotReset()
{
    StatusesPanel panel;
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.setEndpoint(counted(QStringLiteral("a"), 3, 1, 1));
    QSignalSpy reset(panel.model(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(panel.model(), &QAbstractItemModel::dataChanged);
    panel.setEndpoint(counted(QStringLiteral("a"), 3, 1, 1));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 0);
    panel.setEndpoint(counted(QStringLiteral("a"), 4, 1, 1));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QVERIFY2(panel.summary().contains(QStringLiteral("4 delivered")), qPrintable(panel.summary()));
}

// Another endpoint's counts replace the table wholesale, even when they happen to be equal.
void tst_StatusesPanel::switchingEndpointStartsOver()
{
    StatusesPanel panel;
    panel.setEndpoint(counted(QStringLiteral("a"), 3, 1, 0));
    QSignalSpy reset(panel.model(), &QAbstractItemModel::modelReset);
    panel.setEndpoint(counted(QStringLiteral("b"), 3, 1, 0));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(panel.model()->rowCount(), 2);
    QVERIFY(panel.summary().contains(QStringLiteral("3 delivered")));
}

// clear() empties the table and says no endpoint is selected.
void tst_StatusesPanel::clearShowsNothing()
{
    StatusesPanel panel;
    panel.setEndpoint(counted(QStringLiteral("a"), 3, 1, 0));
    panel.clear();
    QCOMPARE(panel.model()->rowCount(), 0);
    QCOMPARE(panel.summary(), QStringLiteral("No endpoint selected"));
    panel.setEndpoint(counted(QStringLiteral("a"), 0, 0, 0));
    QCOMPARE(panel.summary(), QStringLiteral("No attempts yet"));
}

QTEST_MAIN(tst_StatusesPanel)
#include "tst_statusespanel.moc"
