#include "mainwindow.h"

#include "attemptspanel.h"
#include "chartspanel.h"
#include "configactions.h"
#include "deadletterspanel.h"
#include "endpointeditordialog.h"
#include "endpointtablemodel.h"
#include "stallprobe.h"
#include "stallprobelabel.h"
#include "statusespanel.h"
#include "engine/engine.h"
#include "engine/enginehost.h"
#include "queuepanel.h"
#include "registrywatcher.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace hookscope {

MainWindow::MainWindow(EngineHost &host, const AppConfig &config, QWidget *parent)
    : QMainWindow(parent)
    , m_host(host)
    , m_config(config)
    , m_model(new EndpointTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_tabs(new QTabWidget(this))
    , m_queuePanel(new QueuePanel(this))
    , m_attemptsPanel(new AttemptsPanel(this))
    , m_statusesPanel(new StatusesPanel(this))
    , m_chartsPanel(new ChartsPanel(this))
    , m_deadLettersPanel(new DeadLettersPanel(this))
    , m_configActions(new ConfigActions(this))
    , m_stallProbe(new StallProbe(this))
    , m_watcher(new RegistryWatcher(this))
    , m_ingestLabel(new QLabel(this))
    , m_totalsLabel(new QLabel(this))
    , m_confirm([this](const QString &title, const QString &text) {
        return QMessageBox::question(this, title, text) == QMessageBox::Yes;
    })
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(config.sourcePath.isEmpty() ? tr("hookscope") : tr("hookscope — %1").arg(config.sourcePath));
    setWindowIcon(QIcon(QStringLiteral(":/icons/hookscope.svg")));
    buildActions();
    buildLayout();

    // Snapshots arrive from the engine thread at most ~10 per second; a pending flag folds a
    // backlog of notifications into one refresh, so a slow paint never queues up work.
    connect(&m_host, &EngineHost::snapshotUpdated, this, &MainWindow::scheduleRefresh, Qt::QueuedConnection);
    connect(m_watcher, &RegistryWatcher::updated, this, &MainWindow::scheduleRefresh);
    connect(m_model, &EndpointTableModel::becameStuck, this, &MainWindow::notifyStuck);
    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, this, [this] {
        m_model->refreshClockColumns();
        updateDetail();
    });
    m_clock.start();
    restoreSettings();
    applySnapshot();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_configActions->openAction());
    file->addAction(m_configActions->saveAction());
    file->addAction(m_configActions->saveAsAction());
    file->addSeparator();
    QAction *watch = file->addAction(tr("&Watch a registry…"), this, &MainWindow::watchRegistry);
    watch->setToolTip(tr("Show another registry's notification queues from its debug address (/debug/vars)"));
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

void MainWindow::buildLayout()
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(EndpointTableModel::RawRole);
    m_proxy->setFilterKeyColumn(EndpointTableModel::Name);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_view->setObjectName(QStringLiteral("endpointView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);   // configuration order until the operator sorts
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    // Counters are narrow; URL and last error get the room (full text in tooltips).
    const int digits = m_view->fontMetrics().horizontalAdvance(QStringLiteral("00000000"));
    for (int column = EndpointTableModel::Pending; column <= EndpointTableModel::Errors; ++column)
        m_view->setColumnWidth(column, digits);
    m_view->setColumnWidth(EndpointTableModel::State,
                           m_view->fontMetrics().horizontalAdvance(QStringLiteral("unreachable")) + 16);
    m_view->setColumnWidth(EndpointTableModel::Name, digits * 3 / 2);
    m_view->setColumnWidth(EndpointTableModel::Url, digits * 3);
    m_view->setColumnWidth(EndpointTableModel::LastStatus, digits * 2);
    m_view->setColumnWidth(EndpointTableModel::LastError, digits * 4);
    m_view->setColumnWidth(EndpointTableModel::OldestPending, digits * 3 / 2);
    m_view->setColumnWidth(EndpointTableModel::NextAttempt, digits * 3 / 2);
    connect(m_view, &QWidget::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateActions();
        updateDetail();
    });

    m_filter->setObjectName(QStringLiteral("endpointFilter"));
    m_filter->setPlaceholderText(tr("Filter endpoints by name (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    auto *focusFilter = new QAction(this);
    focusFilter->setShortcut(QKeySequence::Find);
    connect(focusFilter, &QAction::triggered, m_filter, [this] { m_filter->setFocus(); m_filter->selectAll(); });
    addAction(focusFilter);

    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->addTab(m_queuePanel, tr("&Queue"));
    m_tabs->addTab(m_attemptsPanel, tr("&Attempts"));
    m_tabs->addTab(m_statusesPanel, tr("S&tatuses"));
    m_tabs->addTab(m_chartsPanel, tr("&Charts"));
    m_tabs->addTab(m_deadLettersPanel, tr("&Dead letters"));
    connect(m_deadLettersPanel, &DeadLettersPanel::replayRequested, this, [this](const QSet<QByteArray> &ids) {
        command(ids.isEmpty() ? tr("replay all dead letters") : tr("replay %1 dead letter(s)").arg(ids.size()),
                [ids](Engine &e, const QString &n) { e.replayDeadLetters(n, ids); });
    });
    connect(m_queuePanel, &QueuePanel::retryNowRequested, m_retryNow, &QAction::trigger);
    connect(m_queuePanel, &QueuePanel::skipHeadRequested, m_skipHead, &QAction::trigger);
    connect(m_queuePanel, &QueuePanel::pauseRequested, m_pause, &QAction::trigger);
    connect(m_queuePanel, &QueuePanel::resumeRequested, m_resume, &QAction::trigger);
    connect(m_queuePanel, &QueuePanel::purgeRequested, m_purge, &QAction::trigger);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_filter);
    topLayout->addWidget(m_view);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(top);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    setCentralWidget(splitter);

    m_ingestLabel->setObjectName(QStringLiteral("ingestLabel"));
    m_totalsLabel->setObjectName(QStringLiteral("totalsLabel"));
    statusBar()->addWidget(m_ingestLabel);
    statusBar()->addPermanentWidget(m_totalsLabel);
    statusBar()->addPermanentWidget(new StallProbeLabel(m_stallProbe, this));
    setIngestAddress(QString());
}

void MainWindow::setIngestAddress(const QString &address)
{
    m_ingestLabel->setText(address.isEmpty() ? tr("Ingest: off")
                                             : tr("Ingest: http://%1/events").arg(address));
    m_ingestLabel->setToolTip(tr("Point a registry's notifications endpoint url here"));
}

void MainWindow::setAdminAddress(const QString &address)
{
    m_ingestLabel->setToolTip(address.isEmpty() ? tr("Point a registry's notifications endpoint url here")
                                                : tr("Admin: http://%1/debug/vars and /metrics").arg(address));
}

QString MainWindow::selectedEndpoint() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(EndpointTableModel::NameRole).toString() : QString();
}

void MainWindow::selectEndpoint(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, EndpointTableModel::State));
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);   // column 0: never scrolls the state column out of sight
}

void MainWindow::showTab(const QString &title)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (m_tabs->tabText(i).remove(QLatin1Char('&')).compare(title, Qt::CaseInsensitive) == 0)
            m_tabs->setCurrentIndex(i);
    }
}

void MainWindow::scheduleRefresh()
{
    if (m_snapshotPending)
        return;
    m_snapshotPending = true;
    QTimer::singleShot(0, this, &MainWindow::applySnapshot);
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

void MainWindow::applySnapshot()
{
    m_snapshotPending = false;
    m_snapshot = m_host.snapshot();
    if (!m_snapshot)
        return;
    const QString selected = selectedEndpoint();
    QVector<EndpointSnapshot> rows = m_snapshot->endpoints;
    for (EndpointSnapshot remote : m_watcher->endpoints()) {
        // Remote rows share the table; their names carry the registry so they never clash.
        remote.config.name = remote.config.name + QStringLiteral(" @ ") + remote.remoteSource;
        rows.append(remote);
    }
    m_model->setSnapshot(rows);
    EngineSnapshot charted = *m_snapshot;   // watched registries get history and charts too
    charted.endpoints = rows;
    m_chartsPanel->recordSnapshot(charted);
    if (!selected.isEmpty() && selectedEndpoint() != selected)
        selectEndpoint(selected);   // a reset (endpoints added/removed) keeps the operator's place
    if (selectedEndpoint().isEmpty() && m_model->rowCount() > 0) {
        // First look: open on the endpoint in the most trouble, since that is why one looks.
        int best = 0;
        int bestScore = -1;
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const EndpointSnapshot *e = m_model->endpointAt(row);
            const int score = m_model->isStuck(row) ? 3
                : e->state == EndpointState::BackingOff ? 2
                : e->metrics.pending > 0 ? 1 : 0;
            if (score > bestScore) {
                best = row;
                bestScore = score;
            }
        }
        selectEndpoint(m_model->endpointAt(best)->config.name);
    }

    qint64 pending = 0;
    qint64 delivered = 0;
    double rate = 0;
    int stuck = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const EndpointSnapshot *e = m_model->endpointAt(row);
        pending += e->metrics.pending;
        delivered += e->metrics.successes;
        rate += e->deliveredPerSecond;
        stuck += m_model->isStuck(row) ? 1 : 0;
    }
    m_totalsLabel->setText(tr("%1 endpoint(s) · %2 in · %3 pending · %4 delivered · %5/s%6")
                               .arg(m_model->rowCount())
                               .arg(m_snapshot->eventsIn)
                               .arg(pending)
                               .arg(delivered)
                               .arg(rate, 0, 'f', 1)
                               .arg(stuck > 0 ? tr(" · %1 STUCK").arg(stuck) : QString()));
    updateActions();
    updateDetail();
}

void MainWindow::updateDetail()
{
    const int row = m_model->rowOf(selectedEndpoint());
    const EndpointSnapshot *e = m_model->endpointAt(row);
    if (!e) {
        m_queuePanel->clear();
        m_attemptsPanel->clear();
        m_statusesPanel->clear();
        m_chartsPanel->clear();
        m_deadLettersPanel->clear();
        return;
    }
    m_queuePanel->setEndpoint(*e);
    m_attemptsPanel->setEndpoint(*e);
    m_statusesPanel->setEndpoint(*e);
    m_chartsPanel->setEndpoint(*e);
    m_deadLettersPanel->setEndpoint(*e);
}

void MainWindow::updateActions()
{
    const EndpointSnapshot *e = m_model->endpointAt(m_model->rowOf(selectedEndpoint()));
    // A watched registry's endpoints are read-only: hookscope cannot act inside another process.
    const bool has = e != nullptr && !e->isRemote();
    const bool paused = has && e->state == EndpointState::Paused;
    m_pause->setEnabled(has && !paused);
    m_resume->setEnabled(paused);
    m_retryNow->setEnabled(has && e->state == EndpointState::BackingOff);
    m_skipHead->setEnabled(has && e->metrics.pending > 0);
    m_purge->setEnabled(has && e->metrics.pending > 0);
    m_replay->setEnabled(has && e->deadLetters > 0);
    m_edit->setEnabled(has);
    m_remove->setEnabled(has);
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
    return config;
}

void MainWindow::applyConfig(const AppConfig &config)
{
    const QList<EndpointConfig> endpoints = config.endpoints;
    m_host.post([endpoints](Engine &engine) { engine.applyEndpoints(endpoints); });
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

void MainWindow::showContextMenu(const QPoint &pos)
{
    if (!m_view->indexAt(pos).isValid())
        return;
    QMenu menu(this);
    menu.addActions({m_edit, m_remove});
    menu.addSeparator();
    menu.addActions({m_pause, m_resume, m_retryNow, m_skipHead, m_purge, m_replay});
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void MainWindow::command(const QString &what, std::function<void(Engine &, const QString &)> action)
{
    const QString name = selectedEndpoint();
    if (name.isEmpty())
        return;
    m_host.post([name, action](Engine &engine) { action(engine, name); });
    statusBar()->showMessage(tr("%1: %2").arg(name, what), 3000);
}

void MainWindow::notifyStuck(const QString &name, const QString &reason)
{
    statusBar()->showMessage(tr("%1 is stuck: %2").arg(name, reason), 10000);
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(tr("hookscope"));
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            showNormal();
            raise();
            activateWindow();
            selectEndpoint(m_trayEndpoint);
            m_tabs->setCurrentWidget(m_queuePanel);
        });
        m_tray->show();
    }
    m_trayEndpoint = name;
    m_tray->showMessage(tr("Endpoint %1 is stuck").arg(name), reason, QSystemTrayIcon::Warning, 15000);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray()))
        resize(1280, 800);
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    if (auto *splitter = findChild<QSplitter *>(QStringLiteral("mainSplitter")))
        splitter->restoreState(settings.value(QStringLiteral("mainWindow/splitter")).toByteArray());
    m_view->horizontalHeader()->restoreState(settings.value(QStringLiteral("mainWindow/endpointColumns")).toByteArray());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    if (auto *splitter = findChild<QSplitter *>(QStringLiteral("mainSplitter")))
        settings.setValue(QStringLiteral("mainWindow/splitter"), splitter->saveState());
    settings.setValue(QStringLiteral("mainWindow/endpointColumns"), m_view->horizontalHeader()->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}

} // namespace hookscope
