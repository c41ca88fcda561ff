// MainWindow's menus and toolbar, put together from ConfigActions, SourceActions and
// EndpointActions, and what the window does itself: applying an opened configuration. Kept apart
// from the window's layout and live-update code in mainwindow.cpp.
#include "app/widgets/mainwindow.h"

#include "core/config/endpointorder.h"

#include "app/widgets/configactions.h"
#include "app/widgets/durablesessionsdialog.h"
#include "app/widgets/endpointactions.h"
#include "core/engine/engine.h"
#include "core/engine/enginehost.h"
#include "app/widgets/sourceactions.h"
#include "testing/testendpointserver.h"
#include "app/widgets/testendpointspanel.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>
#include <QLineEdit>
#include <QMessageBox>
#include <QStatusBar>

namespace hookscope {

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_configActions->openAction());
    file->addAction(m_configActions->saveAction());
    file->addAction(m_configActions->saveAsAction());
    file->addSeparator();
    auto *sources = new SourceActions(m_host, m_watcher, this);
    file->addAction(sources->watchAction());
    file->addAction(sources->composeAction());
    file->addAction(sources->replayAction());
    file->addSeparator();
    m_configActions->setCurrentConfig(m_config);
    if (!m_config.sourcePath.isEmpty())
        m_configActions->setCurrentPath(m_config.sourcePath);
    connect(m_configActions, &ConfigActions::saveRequested, this, [this] {
        m_configActions->setCurrentConfig(currentConfig());
    });
    connect(m_configActions, &ConfigActions::configOpened, this, &MainWindow::applyConfig);
    connect(m_configActions, &ConfigActions::saved, this, [this](const QString &path) {
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    });
    QAction *durable = file->addAction(tr("&Durable queues for new sessions…"), this, [this] {
        if (DurableSessionsDialog::edit(m_sessionJournal, this))
            statusBar()->showMessage(tr("Durable queues for new sessions: saved, used from the next start"), 5000);
    });
    durable->setToolTip(tr("Keep queues in a journal in sessions whose configuration has no hookscope.journal"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *endpoint = menuBar()->addMenu(tr("&Endpoint"));
    endpoint->addActions({m_endpointActions->addAction(), m_endpointActions->editAction(),
                          m_endpointActions->removeAction()});
    endpoint->addSeparator();
    endpoint->addActions(m_endpointActions->queueActions());

    QToolBar *toolbar = addToolBar(tr("Endpoint"));
    toolbar->setObjectName(QStringLiteral("endpointToolbar"));
    toolbar->addActions({m_endpointActions->addAction(), m_endpointActions->editAction()});
    toolbar->addSeparator();
    toolbar->addActions(m_endpointActions->queueActions());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About hookscope"), this, [this] {
        QMessageBox::about(this, tr("About hookscope"),
                           tr("<b>hookscope %1</b><p>Runs, watches and debugs container-registry webhook "
                              "notifications with the registry 2.8.2 dispatcher's semantics.</p>")
                               .arg(QStringLiteral(HOOKSCOPE_VERSION)));
    });
}

AppConfig MainWindow::currentConfig() const
{
    // What runs now, in table order, with the disabled endpoints the file had (the engine never
    // creates those, as the registry does not) back in their places in the file.
    AppConfig config = m_config;
    QList<EndpointConfig> running;
    if (m_snapshot) {
        for (const EndpointSnapshot &e : m_snapshot->endpoints)
            running.append(e.config);
    }
    config.endpoints = endpointsInFileOrder(running, m_config.endpoints);
    TestEndpointUrl::restoreReferences(&config.endpoints, m_config.endpoints);
    return config;
}

void MainWindow::applyConfig(const AppConfig &config)
{
    // testendpoint://NAME points at a built-in test endpoint of this process. The running ones
    // (the demo's, or the start configuration's) resolve here; the file's own test endpoints,
    // generator and replay only start with a process started on that file, which is said below
    // rather than leaving an endpoint to fail against a URL nothing serves.
    QList<EndpointConfig> endpoints = config.endpoints;
    TestEndpointsPanel *panel = testEndpointsPanel();
    TestEndpointServer *running = panel ? panel->server() : nullptr;
    const QStringList unresolved = TestEndpointUrl::resolve(&endpoints, [running](const QString &name) {
        return running ? running->url(name) : QUrl();
    });
    m_host.post([endpoints](Engine &engine) { engine.applyEndpoints(endpoints); });
    if (config.hasScenario() || !unresolved.isEmpty()) {
        QString text = tr("The test endpoints, generator and replay in %1 start when hookscope is started "
                          "on it (hookscope --config %1); this window keeps the ones it started with.")
                           .arg(config.sourcePath);
        if (!unresolved.isEmpty())
            text += QStringLiteral("\n\n")
                + tr("No running test endpoint is called %1, so the endpoints sending there will fail until then.")
                      .arg(unresolved.join(QStringLiteral(", ")));
        auto *box = new QMessageBox(QMessageBox::Information, tr("hookscope: scenario"), text, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    const bool listenersChanged = config.ingest != m_config.ingest || config.admin != m_config.admin;
    AppConfig kept = config;
    // Listeners are bound at start; the engine keeps running on the old ones.
    kept.ingest = m_config.ingest;
    kept.admin = m_config.admin;
    m_config = kept;
    setWindowTitle(tr("hookscope — %1").arg(config.sourcePath));
    statusBar()->showMessage(listenersChanged
                                 ? tr("Endpoints applied; ingest/admin listener changes take effect after a restart")
                                 : tr("Endpoints applied from %1").arg(config.sourcePath),
                             8000);
}

} // namespace hookscope
