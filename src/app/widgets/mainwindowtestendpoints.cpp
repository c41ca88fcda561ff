// MainWindow: the "Test endpoints" tab, kept apart from mainwindow.cpp so the window's layout and
// menus stay untouched by it.
#include "mainwindow.h"

#include "testendpointspanel.h"

#include <QTabWidget>

namespace hookscope {

void MainWindow::setTestEndpoints(TestEndpointServer *server)
{
    if (!server) {
        if (m_testEndpointsPanel) {
            m_tabs->removeTab(m_tabs->indexOf(m_testEndpointsPanel));
            delete m_testEndpointsPanel;
            m_testEndpointsPanel = nullptr;
        }
        return;
    }
    if (!m_testEndpointsPanel) {
        m_testEndpointsPanel = new TestEndpointsPanel(this);
        m_testEndpointsPanel->setObjectName(QStringLiteral("testEndpointsPanel"));
        m_tabs->addTab(m_testEndpointsPanel, tr("Test e&ndpoints"));
    }
    m_testEndpointsPanel->setServer(server);
}

} // namespace hookscope
