#include "app/widgets/detailtabs.h"

#include "app/widgets/attemptspanel.h"
#include "app/widgets/chartspanel.h"
#include "app/widgets/deadletterspanel.h"
#include "app/widgets/endpointactions.h"
#include "app/widgets/queuepanel.h"
#include "app/widgets/statusespanel.h"
#include "app/widgets/testendpointspanel.h"
#include "testing/testendpointserver.h"

#include <QAction>

namespace hookscope {

DetailTabs::DetailTabs(EndpointActions *actions, QWidget *parent)
    : QTabWidget(parent)
    , m_queue(new QueuePanel(this))
    , m_attempts(new AttemptsPanel(this))
    , m_statuses(new StatusesPanel(this))
    , m_charts(new ChartsPanel(this))
    , m_deadLetters(new DeadLettersPanel(this))
{
    setObjectName(QStringLiteral("detailTabs"));
    addTab(m_queue, tr("&Queue"));
    addTab(m_attempts, tr("&Attempts"));
    addTab(m_statuses, tr("S&tatuses"));
    addTab(m_charts, tr("&Charts"));
    addTab(m_deadLetters, tr("&Dead letters"));
    // The queue panel's buttons are the Endpoint menu's commands, enabled and confirmed as there.
    connect(m_queue, &QueuePanel::retryNowRequested, actions->retryNowAction(), &QAction::trigger);
    connect(m_queue, &QueuePanel::skipHeadRequested, actions->skipHeadAction(), &QAction::trigger);
    connect(m_queue, &QueuePanel::pauseRequested, actions->pauseAction(), &QAction::trigger);
    connect(m_queue, &QueuePanel::resumeRequested, actions->resumeAction(), &QAction::trigger);
    connect(m_queue, &QueuePanel::purgeRequested, actions->purgeAction(), &QAction::trigger);
    connect(m_deadLetters, &DeadLettersPanel::replayRequested, actions, &EndpointActions::replayDeadLetters);
}

void DetailTabs::setEndpoint(const EndpointSnapshot *endpoint)
{
    if (!endpoint) {
        m_queue->clear();
        m_attempts->clear();
        m_statuses->clear();
        m_charts->clear();
        m_deadLetters->clear();
        return;
    }
    m_queue->setEndpoint(*endpoint);
    m_attempts->setEndpoint(*endpoint);
    m_statuses->setEndpoint(*endpoint);
    m_charts->setEndpoint(*endpoint);
    m_deadLetters->setEndpoint(*endpoint);
}

void DetailTabs::showTab(const QString &title)
{
    for (int i = 0; i < count(); ++i) {
        if (tabText(i).remove(QLatin1Char('&')).compare(title, Qt::CaseInsensitive) == 0)
            setCurrentIndex(i);
    }
}

void DetailTabs::setTestEndpoints(TestEndpointServer *server)
{
    if (!server) {
        if (m_testEndpoints) {
            removeTab(indexOf(m_testEndpoints));
            delete m_testEndpoints;
            m_testEndpoints = nullptr;
        }
        return;
    }
    if (!m_testEndpoints) {
        m_testEndpoints = new TestEndpointsPanel(this);
        m_testEndpoints->setObjectName(QStringLiteral("testEndpointsPanel"));
        addTab(m_testEndpoints, tr("Test e&ndpoints"));
    }
    m_testEndpoints->setServer(server);
}

// Only on a selection change (the window calls it then): the operator's own choice in the tab is
// left alone otherwise.
void DetailTabs::followTestEndpoint(const QUrl &url)
{
    TestEndpointServer *server = m_testEndpoints ? m_testEndpoints->server() : nullptr;
    if (!server || !url.isValid())
        return;
    for (const QString &name : server->endpointNames()) {
        if (server->url(name) == url) {
            m_testEndpoints->selectEndpoint(name);
            return;
        }
    }
}

} // namespace hookscope
