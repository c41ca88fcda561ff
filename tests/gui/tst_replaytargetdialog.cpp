// QTEST_MAIN: a dialog needs a QApplication (runs offscreen).
#include "app/widgets/replaytargetdialog.h"

#include <QComboBox>
#include <QTest>

using namespace hookscope;

class tst_ReplayTargetDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Its own endpoint is the default, and the sentence says how many go back where.
    void defaultsToItsOwnEndpoint()
    {
        ReplayTargetDialog dialog(QStringLiteral("audit"), {QStringLiteral("ci"), QStringLiteral("audit")}, 3,
                                  QStringLiteral("3 selected"));
        QCOMPARE(dialog.target(), QStringLiteral("audit"));
        QCOMPARE(dialog.targetField()->count(), 2);
        QVERIFY2(dialog.summary().contains(QStringLiteral("3 dead letter(s)")), qPrintable(dialog.summary()));
        QVERIFY2(dialog.summary().contains(QStringLiteral("back to the tail of audit's queue")), qPrintable(dialog.summary()));
    }

    // Another target: the sentence names both ends and warns that the target's filters do not apply.
    void anotherTargetIsNamed()
    {
        ReplayTargetDialog dialog(QStringLiteral("audit"), {QStringLiteral("ci"), QStringLiteral("audit")}, 12,
                                  QStringLiteral("matching action push"));
        dialog.setTarget(QStringLiteral("ci"));
        QCOMPARE(dialog.target(), QStringLiteral("ci"));
        const QString text = dialog.summary();
        QVERIFY2(text.contains(QStringLiteral("12 dead letter(s) (matching action push) of audit move to the tail "
                                              "of ci's queue")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("filters are not applied")));
    }

    // The source is offered even when the list given lacks it.
    void sourceIsAlwaysOffered()
    {
        ReplayTargetDialog dialog(QStringLiteral("audit"), {QStringLiteral("ci")}, 1, QStringLiteral("all"));
        QCOMPARE(dialog.targetField()->itemText(0), QStringLiteral("audit"));
        QCOMPARE(dialog.target(), QStringLiteral("audit"));
    }
};

QTEST_MAIN(tst_ReplayTargetDialog)
#include "tst_replaytargetdialog.moc"
