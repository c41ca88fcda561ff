#pragma once

#include "core/engine/endpointsnapshot.h"

#include <QTabWidget>

namespace hookscope {

class AttemptsPanel;
class ChartsPanel;
class DeadLettersPanel;
class EndpointActions;
class QueuePanel;
class StatusesPanel;
class TestEndpointServer;
class TestEndpointsPanel;

// The detail of the selected endpoint, one tab per view of it: queue, attempts, statuses, charts,
// dead letters and, when this process runs built-in test endpoints, those. It hands every snapshot
// of the selected endpoint to all panels (each is cheap when nothing changed) and sends the panels'
// commands to the EndpointActions, so the window only says which endpoint is selected.
class DetailTabs final : public QTabWidget
{
    Q_OBJECT
public:
    DetailTabs(EndpointActions *actions, QWidget *parent = nullptr);

    // The selected endpoint's latest snapshot; nullptr empties every panel.
    void setEndpoint(const EndpointSnapshot *endpoint);
    // Makes the tab whose title (without its mnemonic, any case) is `title` current.
    void showTab(const QString &title);
    // Adds the "Test endpoints" tab for these built-in test endpoints; nullptr removes it.
    void setTestEndpoints(TestEndpointServer *server);
    // Selects, in the Test endpoints tab, the test endpoint `url` posts to, if any.
    void followTestEndpoint(const QUrl &url);

    QueuePanel *queuePanel() const { return m_queue; }
    ChartsPanel *chartsPanel() const { return m_charts; }
    DeadLettersPanel *deadLettersPanel() const { return m_deadLetters; }
    TestEndpointsPanel *testEndpointsPanel() const { return m_testEndpoints; }

private:
    QueuePanel *m_queue;
    AttemptsPanel *m_attempts;
    StatusesPanel *m_statuses;
    ChartsPanel *m_charts;
    DeadLettersPanel *m_deadLetters;
    TestEndpointsPanel *m_testEndpoints = nullptr;
};

} // namespace hookscope
