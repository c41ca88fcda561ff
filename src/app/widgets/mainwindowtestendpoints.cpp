// MainWindow: the "Test endpoints" tab, kept apart from mainwindow.cpp so the window's layout and
// menus stay untouched by it.
#include "app/widgets/mainwindow.h"

#include "app/models/endpointtablemodel.h"
#include "app/widgets/testendpointspanel.h"

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

// Selecting an endpoint that posts to a built-in test endpoint selects that test endpoint in its
// tab, so its behaviour and what it received are one click away. Only on a selection change: the
// operator's own choice in the tab is left alone otherwise.
void MainWindow::followTestEndpoint()
{
    TestEndpointServer *server = m_testEndpointsPanel ? m_testEndpointsPanel->server() : nullptr;
    const EndpointSnapshot *endpoint = m_model->endpointAt(m_model->rowOf(selectedEndpoint()));
    if (!server || !endpoint)
        return;
    const QUrl target(endpoint->config.url);
    for (const QString &name : server->endpointNames()) {
        if (server->url(name) == target) {
            m_testEndpointsPanel->selectEndpoint(name);
            return;
        }
    }
}

} // namespace hookscope
