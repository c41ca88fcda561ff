// QTEST_MAIN: the bar is a widget tree and needs a QApplication (runs offscreen).
#include "app/widgets/deadletterfilterbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLineEdit>
#include <QTest>

using namespace hookscope;

class tst_DeadLetterFilterBar : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Each field feeds its criterion, and every change is announced at once.
    void fieldsBuildTheFilter()
    {
        DeadLetterFilterBar bar;
        int changes = 0;
        DeadLetterFilter last;
        connect(&bar, &DeadLetterFilterBar::filterChanged, this, [&](const DeadLetterFilter &filter) {
            ++changes;
            last = filter;
        });
        QVERIFY(bar.filter().isEmpty());
        bar.actionField()->setCurrentText(QStringLiteral("push"));
        bar.repositoryField()->setText(QStringLiteral("library/*"));
        bar.mediaTypeField()->setText(QStringLiteral("manifest.v2"));
        bar.statusField()->setText(QStringLiteral("5xx, error"));
        QCOMPARE(changes, 4);
        QCOMPARE(last.action(), QStringLiteral("push"));
        QCOMPARE(last.repository(), QStringLiteral("library/*"));
        QCOMPARE(last.mediaType(), QStringLiteral("manifest.v2"));
        QCOMPARE(last.lastStatus(), QStringLiteral("5xx, error"));
        QVERIFY(!last.from().isValid());
        QVERIFY(last == bar.filter());
    }

    // The time range is on only when its box is ticked; "to" covers the second it shows.
    void timeRangeFollowsTheCheckBoxes()
    {
        DeadLetterFilterBar bar;
        const QDateTime from(QDate(2026, 11, 27), QTime(10, 0));
        const QDateTime to(QDate(2026, 11, 27), QTime(11, 0));
        bar.fromField()->setDateTime(from);
        bar.toField()->setDateTime(to);
        QVERIFY(!bar.filter().from().isValid());
        QVERIFY(!bar.fromField()->isEnabled());
        bar.fromEnabled()->setChecked(true);
        bar.toEnabled()->setChecked(true);
        QVERIFY(bar.fromField()->isEnabled());
        QCOMPARE(bar.filter().from(), from);
        QCOMPARE(bar.filter().to(), to.addMSecs(999));
        bar.fromEnabled()->setChecked(false);
        QVERIFY(!bar.filter().from().isValid());
    }

    // Bad input: a status that does not parse is marked with the reason and changes nothing.
    void badStatusIsMarkedAndKeepsThePreviousCriterion()
    {
        DeadLetterFilterBar bar;
        bar.statusField()->setText(QStringLiteral("503"));
        QVERIFY(bar.statusError().isEmpty());
        bar.statusField()->setText(QStringLiteral("503, 5x"));
        QVERIFY(bar.statusError().contains(QStringLiteral("\"5x\"")));
        QCOMPARE(bar.statusField()->toolTip(), bar.statusError());
        QCOMPARE(bar.filter().lastStatus(), QStringLiteral("503"));
        bar.statusField()->setText(QStringLiteral("503, 5xx"));
        QVERIFY(bar.statusError().isEmpty());
        QCOMPARE(bar.filter().lastStatus(), QStringLiteral("503, 5xx"));
    }

    void clearFilterEmptiesEverythingInOneChange()
    {
        DeadLetterFilterBar bar;
        bar.actionField()->setCurrentText(QStringLiteral("pull"));
        bar.repositoryField()->setText(QStringLiteral("x"));
        bar.fromEnabled()->setChecked(true);
        int changes = 0;
        connect(&bar, &DeadLetterFilterBar::filterChanged, this, [&] { ++changes; });
        bar.clearFilter();
        QCOMPARE(changes, 1);
        QVERIFY(bar.filter().isEmpty());
        QVERIFY(!bar.filter().from().isValid());
    }
};

QTEST_MAIN(tst_DeadLetterFilterBar)
#include "tst_deadletterfilterbar.moc"
