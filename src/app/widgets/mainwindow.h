#pragma once

#include "core/config/appconfig.h"
#include "core/engine/endpointsnapshot.h"
#include "app/sessionjournal.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <memory>

class QLabel;
class QLineEdit;
class QTableView;

namespace hookscope {

class EngineHost;
class ConfigActions;
class DetailTabs;
class EndpointActions;
class EndpointTableModel;
class EndpointTableView;
class RegistryWatcher;
class StallProbe;
class StuckNotifier;
class WindowLayoutSettings;
class TestEndpointServer;
class TestEndpointsPanel;

// The operator's window: every endpoint live in a table, the selected endpoint's queue, attempts,
// statuses, charts and dead letters below it (DetailTabs), and the endpoint commands in menus, a
// toolbar and a context menu. It reads value snapshots and composes the views with the commands,
// which live in ConfigActions (File: open, save), SourceActions (File: watch, compose, replay) and
// EndpointActions (the Endpoint menu); those send their work as queued calls, so the window never
// waits on the engine.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(EngineHost &host, const AppConfig &config, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setIngestAddress(const QString &address);
    void setAdminAddress(const QString &address);
    // Where this session keeps its queues; shown in the status bar.
    void setSessionJournal(const SessionJournal &journal);
    SessionJournal sessionJournal() const { return m_sessionJournal; }
    EndpointTableModel *endpointModel() const { return m_model; }
    QTableView *endpointView() const;
    QString selectedEndpoint() const;
    // The Endpoint menu: add, edit, remove and the queue commands on the selected endpoint.
    EndpointActions *endpointActions() const { return m_endpointActions; }
    StallProbe *stallProbe() const { return m_stallProbe; }
    RegistryWatcher *registryWatcher() const { return m_watcher; }
    void selectEndpoint(const QString &name);
    // Applies a loaded configuration's endpoints to the running engine (File → Open, the editor).
    void applyConfig(const AppConfig &config);
    void showTab(const QString &title);   // "Queue", "Attempts", "Statuses", "Charts", "Dead letters", "Test endpoints"
    // Adds the "Test endpoints" tab for these built-in test endpoints (Runtime::testEndpoints());
    // nullptr removes it.
    void setTestEndpoints(TestEndpointServer *server);
    TestEndpointsPanel *testEndpointsPanel() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();   // mainwindowmenus.cpp
    void buildLayout();
    void applySnapshot();
    void scheduleRefresh();
    void updateDetail();
    void followTestEndpoint();   // the Test endpoints tab shows the one the selected endpoint posts to
    void showContextMenu(const QPoint &pos);
    void updateTotals();
    AppConfig currentConfig() const;

    EngineHost &m_host;
    AppConfig m_config;
    EndpointTableModel *m_model;
    EndpointTableView *m_view;
    QLineEdit *m_filter;
    ConfigActions *m_configActions;
    EndpointActions *m_endpointActions;
    DetailTabs *m_tabs;
    StallProbe *m_stallProbe;
    RegistryWatcher *m_watcher;
    StuckNotifier *m_stuck = nullptr;
    QLabel *m_ingestLabel;
    QLabel *m_totalsLabel;
    QLabel *m_journalLabel = nullptr;
    SessionJournal m_sessionJournal;
    std::unique_ptr<WindowLayoutSettings> m_layoutSettings;
    QTimer m_clock;
    bool m_snapshotPending = false;
    std::shared_ptr<const EngineSnapshot> m_snapshot;
};

} // namespace hookscope
