// StuckNotifier: a stuck endpoint is said in the status bar, naming it and why; the tray message
// comes only where the desktop has a tray (not on the offscreen platform the suite runs on).
#include "app/widgets/stucknotifier.h"

#include <QMainWindow>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTest>

using namespace hookscope;

class tst_StuckNotifier final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void saysItInTheStatusBar()
    {
        QMainWindow window;
        StuckNotifier notifier(&window, window.statusBar());
        notifier.notify(QStringLiteral("audit"), QStringLiteral("4 pending for 2 min; last error: Connection refused"));
        QCOMPARE(window.statusBar()->currentMessage(),
                 QStringLiteral("audit is stuck: 4 pending for 2 min; last error: Connection refused"));
        notifier.notify(QStringLiteral("scanner"), QStringLiteral("503 Service Unavailable"));
        QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("scanner is stuck: 503 Service Unavailable"));
    }

    // No tray, no icon: nothing is created that could show an empty notification area entry.
    void noTrayNoIcon()
    {
        QMainWindow window;
        StuckNotifier notifier(&window, window.statusBar());
        notifier.notify(QStringLiteral("audit"), QStringLiteral("why"));
        QCOMPARE(notifier.findChildren<QSystemTrayIcon *>().size(),
                 QSystemTrayIcon::isSystemTrayAvailable() ? 1 : 0);
    }
};

QTEST_MAIN(tst_StuckNotifier)
#include "tst_stucknotifier.moc"
