// MainWindow's menus and actions, endpoint editing and the operator commands that move events:
// add, edit, remove, skip head, purge, applying an opened configuration, watching a registry. Kept apart from the
// window's layout and live-update code in mainwindow.cpp.
#include "app/widgets/mainwindow.h"

#include "app/widgets/configactions.h"
#include "app/widgets/durablesessionsdialog.h"
#include "core/engine/deadletterfilter.h"
#include "app/widgets/endpointeditordialog.h"
#include "app/models/endpointtablemodel.h"
#include "core/engine/engine.h"
#include "core/engine/enginehost.h"
#include "sources/registrywatcher.h"
#include "app/widgets/sourceactions.h"
#include "testing/testendpointserver.h"
#include "app/widgets/testendpointspanel.h"

#include <QAction>
#include <QInputDialog>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>
#include <QLineEdit>
#include <QMessageBox>
#include <QStatusBar>

namespace hookscope {

void MainWindow::buildActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_configActions->openAction());
    file->addAction(m_configActions->saveAction());
    file->addAction(m_configActions->saveAsAction());
    file->addSeparator();
    QAction *watch = file->addAction(tr("&Watch a registry…"), this, &MainWindow::watchRegistry);
    watch->setToolTip(tr("Show another registry's notification queues from its debug address (/debug/vars)"));
    auto *sources = new SourceActions(m_host, this);
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
    connect(m_configActions, &ConfigActions::warningsReported, this, [this](const QString &path, const QStringList &warnings) {
        // The lint explains each finding in the registry's terms; show them all, without blocking.
        auto *box = new QMessageBox(QMessageBox::Information, tr("Configuration notes"),
                                    tr("%1 loaded with %2 note(s) from the lint.").arg(path).arg(warnings.size()),
                                    QMessageBox::Close, this);
        box->setDetailedText(warnings.join(QLatin1Char('\n')));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setModal(false);
        box->show();
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
    QAction *add = endpoint->addAction(tr("&Add…"), this, &MainWindow::addEndpoint);
    add->setShortcut(QKeySequence(QStringLiteral("Ctrl+N")));
    add->setToolTip(tr("Add an endpoint; it starts at once and gets events from now on (Ctrl+N)"));
    m_edit = endpoint->addAction(tr("&Edit…"), this, &MainWindow::editEndpoint);
    m_edit->setShortcuts({QKeySequence(QStringLiteral("Ctrl+E")), QKeySequence(Qt::Key_F2)});
    m_edit->setToolTip(tr("Change URL, headers, timeouts, retry policy or filters; the queue is kept (Ctrl+E)"));
    m_remove = endpoint->addAction(tr("Re&move…"), this, &MainWindow::removeEndpoint);
    m_remove->setShortcut(QKeySequence(QStringLiteral("Ctrl+Del")));
    endpoint->addSeparator();
    m_pause = endpoint->addAction(tr("&Pause"));
    m_pause->setShortcut(QKeySequence(QStringLiteral("Ctrl+P")));
    m_pause->setToolTip(tr("Stop delivering; events keep queueing (Ctrl+P)"));
    m_resume = endpoint->addAction(tr("Res&ume"));
    m_resume->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+P")));
    m_resume->setToolTip(tr("Deliver again from the head of the queue (Ctrl+Shift+P)"));
    m_retryNow = endpoint->addAction(tr("&Retry now"));
    m_retryNow->setShortcut(QKeySequence(QStringLiteral("Ctrl+R")));
    m_retryNow->setToolTip(tr("Skip the backoff wait and attempt the head event now (Ctrl+R)"));
    m_skipHead = endpoint->addAction(tr("S&kip head"));
    m_skipHead->setShortcut(QKeySequence(QStringLiteral("Ctrl+K")));
    m_skipHead->setToolTip(tr("Move the blocking head event to dead letters (Ctrl+K)"));
    m_purge = endpoint->addAction(tr("Pur&ge queue…"));
    m_purge->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+Del")));
    m_purge->setToolTip(tr("Move every pending event to dead letters (Ctrl+Shift+Del)"));
    m_replay = endpoint->addAction(tr("Replay &dead letters"));
    m_replay->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+R")));
    m_replay->setToolTip(tr("Put every dead letter back at the tail of the queue (Ctrl+Shift+R)"));

    connect(m_pause, &QAction::triggered, this, [this] { command(tr("pause"), [](Engine &e, const QString &n) { e.pause(n); }); });
    connect(m_resume, &QAction::triggered, this, [this] { command(tr("resume"), [](Engine &e, const QString &n) { e.resume(n); }); });
    connect(m_retryNow, &QAction::triggered, this, [this] { command(tr("retry now"), [](Engine &e, const QString &n) { e.retryNow(n); }); });
    connect(m_skipHead, &QAction::triggered, this, &MainWindow::skipHead);
    connect(m_purge, &QAction::triggered, this, &MainWindow::purge);
    connect(m_replay, &QAction::triggered, this, [this] {
        command(tr("replay"), [](Engine &e, const QString &n) { e.replayDeadLetters(n); });
    });

    QToolBar *toolbar = addToolBar(tr("Endpoint"));
    toolbar->setObjectName(QStringLiteral("endpointToolbar"));
    toolbar->addAction(add);
    toolbar->addAction(m_edit);
    toolbar->addSeparator();
    toolbar->addActions({m_pause, m_resume, m_retryNow, m_skipHead, m_purge, m_replay});

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About hookscope"), this, [this] {
        QMessageBox::about(this, tr("About hookscope"),
                           tr("<b>hookscope %1</b><p>Runs, watches and debugs container-registry webhook "
                              "notifications with the registry 2.8.2 dispatcher's semantics.</p>")
                               .arg(QStringLiteral(HOOKSCOPE_VERSION)));
    });
}

void MainWindow::replayDeadLetters(const DeadLetterFilter &filter, const QString &target)
{
    const QString source = filter.endpoint();
    m_host.moveDeadLetters(filter, target, this, [this, source, target](qsizetype moved, const QString &error) {
        if (moved < 0) {
            statusBar()->showMessage(error, 10000);
            // Not modal: the answer arrives later, while the operator may be doing something else.
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Replay dead letters"),
                                        tr("%1\n\nNothing was moved.").arg(error), QMessageBox::Close, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->setModal(false);
            box->show();
            return;
        }
        statusBar()->showMessage(source == target
                                     ? tr("%1: %2 dead letter(s) back in the queue").arg(source).arg(moved)
                                     : tr("%1: %2 dead letter(s) moved to %3's queue").arg(source).arg(moved).arg(target),
                                 5000);
    });
}

void MainWindow::watchRegistry()
{
    bool ok = false;
    const QString address = QInputDialog::getText(
        this, tr("Watch a registry"),
        tr("The registry's debug address (its http.debug.addr), e.g. 127.0.0.1:5001.\n"
           "hookscope polls /debug/vars (or /metrics for registry v3) every second."),
        QLineEdit::Normal, QString(), &ok);
    if (!ok || address.trimmed().isEmpty())
        return;
    QString error;
    if (!m_watcher->addRegistry(address, &error))
        QMessageBox::warning(this, tr("Watch a registry"), error);
}

void MainWindow::skipHead()
{
    const EndpointSnapshot *e = m_model->endpointAt(m_model->rowOf(selectedEndpoint()));
    if (!e || e->metrics.pending == 0)
        return;
    const QString text = tr("Move the head event %1 of \"%2\" (attempt %3) to dead letters?\n"
                            "1 event leaves the queue; you can replay it from Dead letters.")
                             .arg(QString::fromUtf8(e->headEventId), e->config.name)
                             .arg(e->headAttempts);
    if (m_confirm(tr("Skip head event"), text))
        command(tr("skip head"), [](Engine &engine, const QString &n) { engine.skipHead(n); });
}

void MainWindow::purge()
{
    const EndpointSnapshot *e = m_model->endpointAt(m_model->rowOf(selectedEndpoint()));
    if (!e || e->metrics.pending == 0)
        return;
    const QString text = tr("Move all %1 pending event(s) of \"%2\" to dead letters?\n"
                            "You can replay them from Dead letters.")
                             .arg(e->metrics.pending)
                             .arg(e->config.name);
    if (m_confirm(tr("Purge queue"), text))
        command(tr("purge"), [](Engine &engine, const QString &n) { engine.purge(n); });
}

static QStringList existingNames(const EndpointTableModel &model)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names.append(model.endpointAt(row)->config.name);
    return names;
}

void MainWindow::addEndpoint()
{
    EndpointEditorDialog dialog(this);
    dialog.setMode(EndpointEditorDialog::Add);
    dialog.setExistingNames(existingNames(*m_model));
    if (dialog.exec() != QDialog::Accepted)
        return;
    const EndpointConfig config = dialog.config();
    if (config.disabled) {
        statusBar()->showMessage(tr("%1 is disabled: not started").arg(config.name), 5000);
        m_config.endpoints.append(config);
        return;
    }
    m_host.post([config](Engine &engine) { engine.addEndpoint(config); });
    statusBar()->showMessage(tr("%1 added").arg(config.name), 3000);
}

void MainWindow::editEndpoint()
{
    const EndpointSnapshot *e = m_model->endpointAt(m_model->rowOf(selectedEndpoint()));
    if (!e)
        return;
    EndpointEditorDialog dialog(this);
    dialog.setMode(EndpointEditorDialog::Edit);
    dialog.setExistingNames(existingNames(*m_model));
    dialog.setConfig(e->config);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString name = e->config.name;
    const EndpointConfig edited = dialog.config();
    m_host.post([name, edited](Engine &engine) { engine.updateEndpoint(name, edited); });
    statusBar()->showMessage(tr("%1 updated; the next attempt uses the new settings").arg(edited.name), 5000);
}

void MainWindow::removeEndpoint()
{
    const EndpointSnapshot *e = m_model->endpointAt(m_model->rowOf(selectedEndpoint()));
    if (!e)
        return;
    QString text = tr("Remove endpoint \"%1\"?").arg(e->config.name);
    if (e->metrics.pending > 0 || e->deadLetters > 0)
        text += tr("\n%1 pending event(s) and %2 dead letter(s) are discarded with it; export them first "
                   "(Queue → Export pending, Dead letters → Export) to keep them.")
                    .arg(e->metrics.pending)
                    .arg(e->deadLetters);
    if (!m_confirm(tr("Remove endpoint"), text))
        return;
    const QString name = e->config.name;
    m_host.post([name](Engine &engine) { engine.removeEndpoint(name); });
}

AppConfig MainWindow::currentConfig() const
{
    // What runs now, in table order, plus the disabled endpoints the file had (the engine never
    // creates those, as the registry does not).
    AppConfig config = m_config;
    config.endpoints.clear();
    if (m_snapshot) {
        for (const EndpointSnapshot &e : m_snapshot->endpoints)
            config.endpoints.append(e.config);
    }
    for (const EndpointConfig &c : m_config.endpoints) {
        if (c.disabled)
            config.endpoints.append(c);
    }
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
    TestEndpointServer *running = m_testEndpointsPanel ? m_testEndpointsPanel->server() : nullptr;
    QStringList unresolved;
    for (EndpointConfig &endpoint : endpoints) {
        QString name;
        if (!TestEndpointUrl::parse(endpoint.url, &name))
            continue;
        const QUrl url = running ? running->url(name) : QUrl();
        if (url.isValid())
            endpoint.url = url.toString();
        else if (!endpoint.disabled)
            unresolved << name;
    }
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
