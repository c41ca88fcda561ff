#pragma once

#include <QObject>
#include <QString>

class QStatusBar;
class QSystemTrayIcon;
class QWidget;

namespace hookscope {

// Says that an endpoint became stuck: in the window's status bar always, and as a desktop
// notification from a tray icon where the desktop has a tray (created on the first one, so a
// session that never gets stuck adds no icon). Clicking the notification brings the window up and
// asks for that endpoint to be shown.
class StuckNotifier final : public QObject
{
    Q_OBJECT
public:
    StuckNotifier(QWidget *window, QStatusBar *statusBar);

    void notify(const QString &endpoint, const QString &reason);

Q_SIGNALS:
    void showRequested(const QString &endpoint);

private:
    QWidget *m_window;
    QStatusBar *m_statusBar;
    QSystemTrayIcon *m_tray = nullptr;
    QString m_lastEndpoint;
};

} // namespace hookscope
