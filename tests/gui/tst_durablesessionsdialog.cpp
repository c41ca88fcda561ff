// QTEST_MAIN: a dialog needs a QApplication (runs offscreen).
#include "app/widgets/durablesessionsdialog.h"

#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QTest>

using namespace hookscope;

class tst_DurableSessionsDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // It opens on the stored preference and says what this session does.
    void showsThePreferenceAndThisSession()
    {
        const SessionJournal current{QStringLiteral("/cfg/q.db"), SessionJournal::Source::Config};
        DurableSessionsDialog dialog(current, QStringLiteral("/pref/q.db"));
        QVERIFY(dialog.enabledBox()->isChecked());
        QCOMPARE(dialog.pathField()->text(), QStringLiteral("/pref/q.db"));
        QCOMPARE(dialog.preferredPath(), QStringLiteral("/pref/q.db"));
        auto *now = dialog.findChild<QLabel *>(QStringLiteral("currentSession"));
        QVERIFY(now && now->text().contains(QStringLiteral("/cfg/q.db")));
    }

    // Unticked: off, whatever the path says; the path field follows the box.
    void untickedMeansOff()
    {
        DurableSessionsDialog dialog(SessionJournal(), QStringLiteral("/pref/q.db"));
        dialog.enabledBox()->setChecked(false);
        QVERIFY(!dialog.pathField()->isEnabled());
        QCOMPARE(dialog.preferredPath(), QString());
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    // Relative paths are stored absolute: the next session may start elsewhere.
    void relativePathIsMadeAbsolute()
    {
        DurableSessionsDialog dialog{SessionJournal(), QString()};
        QVERIFY(!dialog.enabledBox()->isChecked());
        dialog.enabledBox()->setChecked(true);
        dialog.pathField()->setText(QStringLiteral("queues.db"));
        QCOMPARE(dialog.preferredPath(), QDir::current().absoluteFilePath(QStringLiteral("queues.db")));
    }

    // Bad input: ticked without a file is refused with a reason and the dialog stays open.
    void tickedWithoutAFileIsRefused()
    {
        DurableSessionsDialog dialog{SessionJournal(), QString()};
        dialog.enabledBox()->setChecked(true);
        dialog.accept();
        QVERIFY(!dialog.problem().isEmpty());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        dialog.pathField()->setText(QStringLiteral("/tmp/q.db"));
        dialog.accept();
        QVERIFY(dialog.problem().isEmpty());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
};

QTEST_MAIN(tst_DurableSessionsDialog)
#include "tst_durablesessionsdialog.moc"
