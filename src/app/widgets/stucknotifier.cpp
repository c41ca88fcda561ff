#include "app/widgets/stucknotifier.h"

#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QWidget>

namespace hookscope {

StuckNotifier::StuckNotifier(QWidget *window, QStatusBar *statusBar)
    : QObject(window)
    , m_window(window)
    , m_statusBar(statusBar)
{
}

void StuckNotifier::notify(const QString &endpoint, const QString &reason)
{
    m_statusBar->showMessage(tr("%1 is stuck: %2").arg(endpoint, reason), 10000);
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(m_window->windowIcon(), this);
        m_tray->setToolTip(tr("hookscope"));
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            m_window->showNormal();
            m_window->raise();
            m_window->activateWindow();
            Q_EMIT showRequested(m_lastEndpoint);
        });
        m_tray->show();
    }
    m_lastEndpoint = endpoint;   // the notification on screen is the latest one
    m_tray->showMessage(tr("Endpoint %1 is stuck").arg(endpoint), reason, QSystemTrayIcon::Warning, 15000);
}

} // namespace hookscope
