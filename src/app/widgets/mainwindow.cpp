#include "app/widgets/mainwindow.h"

#include "app/models/endpointtablemodel.h"
#include "app/widgets/chartspanel.h"
#include "app/widgets/configactions.h"
#include "app/widgets/deadletterspanel.h"
#include "app/widgets/detailtabs.h"
#include "app/widgets/endpointactions.h"
#include "app/widgets/endpointtableview.h"
#include "app/widgets/queuepanel.h"
#include "app/widgets/stallprobe.h"
#include "app/widgets/stallprobelabel.h"
#include "app/widgets/stucknotifier.h"
#include "app/widgets/twopanesplitter.h"
#include "app/widgets/windowlayoutsettings.h"
#include "core/engine/enginehost.h"
#include "sources/registrywatcher.h"

#include <QAction>
#include <QCloseEvent>
#include <QDebug>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

namespace hookscope {

MainWindow::MainWindow(EngineHost &host, const AppConfig &config, QWidget *parent)
    : QMainWindow(parent)
    , m_host(host)
    , m_config(config)
    , m_model(new EndpointTableModel(this))
    , m_view(new EndpointTableView(m_model, this))
    , m_filter(new QLineEdit(this))
    , m_configActions(new ConfigActions(this))
    , m_endpointActions(new EndpointActions(host, *m_model, this))
    , m_tabs(new DetailTabs(m_endpointActions, this))
    , m_stallProbe(new StallProbe(this))
    , m_watcher(new RegistryWatcher(this))
    , m_ingestLabel(new QLabel(this))
    , m_totalsLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(config.sourcePath.isEmpty() ? tr("hookscope") : tr("hookscope — %1").arg(config.sourcePath));
    setWindowIcon(QIcon(QStringLiteral(":/icons/hookscope.svg")));
    buildMenus();
    buildLayout();

    // Snapshots arrive from the engine thread at most ~10 per second; a pending flag folds a
    // backlog of notifications into one refresh, so a slow paint never queues up work.
    connect(&m_host, &EngineHost::snapshotUpdated, this, &MainWindow::scheduleRefresh, Qt::QueuedConnection);
    connect(m_watcher, &RegistryWatcher::updated, this, &MainWindow::scheduleRefresh);
    // A watched registry that restarted lost its queues: said in the status bar (the rows keep a
    // note and tooltip for a while, see EndpointTableModel) and in the log.
    connect(m_watcher, &RegistryWatcher::registryRestarted, this, [this](const QString &, const QString &message) {
        qInfo().noquote() << message;
        statusBar()->showMessage(message, 60000);
    });
    m_stuck = new StuckNotifier(this, statusBar());
    connect(m_model, &EndpointTableModel::becameStuck, m_stuck, &StuckNotifier::notify);
    connect(m_stuck, &StuckNotifier::showRequested, this, [this](const QString &name) {
        selectEndpoint(name);
        m_tabs->setCurrentWidget(m_tabs->queuePanel());
    });
    connect(m_endpointActions, &EndpointActions::message, this, [this](const QString &text, int timeoutMs) {
        statusBar()->showMessage(text, timeoutMs);
    });
    connect(m_endpointActions, &EndpointActions::disabledEndpointAdded, this,
            [this](const EndpointConfig &endpoint) { m_config.endpoints.append(endpoint); });
    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, this, [this] {
        m_model->refreshClockColumns();
        updateDetail();
    });
    m_clock.start();
    m_layoutSettings->restore();
    applySnapshot();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildLayout()
{
    connect(m_view, &QWidget::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        m_endpointActions->setSelected(selectedEndpoint());
        updateDetail();
        followTestEndpoint();
    });

    m_filter->setObjectName(QStringLiteral("endpointFilter"));
    m_filter->setPlaceholderText(tr("Filter endpoints by name (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_view, &EndpointTableView::setNameFilter);
    auto *focusFilter = new QAction(this);
    focusFilter->setShortcut(QKeySequence::Find);
    connect(focusFilter, &QAction::triggered, m_filter, [this] { m_filter->setFocus(); m_filter->selectAll(); });
    addAction(focusFilter);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_filter);
    topLayout->addWidget(m_view);

    QSplitter *splitter = twoPaneSplitter(Qt::Vertical, top, 2, m_tabs, 3, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    setCentralWidget(splitter);
    m_layoutSettings = std::make_unique<WindowLayoutSettings>(this, QStringLiteral("mainWindow"), 1280, 800);
    m_layoutSettings->track(QStringLiteral("splitter"), splitter);
    m_layoutSettings->track(QStringLiteral("endpointColumns"), m_view->horizontalHeader());

    m_ingestLabel->setObjectName(QStringLiteral("ingestLabel"));
    m_totalsLabel->setObjectName(QStringLiteral("totalsLabel"));
    statusBar()->addWidget(m_ingestLabel);
    m_journalLabel = new QLabel(this);
    m_journalLabel->setObjectName(QStringLiteral("journalLabel"));
    statusBar()->addWidget(m_journalLabel);
    setSessionJournal(resolveSessionJournal(m_config, {}, false));   // the runner tells the whole truth later
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

void MainWindow::setSessionJournal(const SessionJournal &journal)
{
    m_sessionJournal = journal;
    m_journalLabel->setText(journal.statusText());
    m_journalLabel->setToolTip(journal.explanation());
}

QTableView *MainWindow::endpointView() const
{
    return m_view;
}

QString MainWindow::selectedEndpoint() const
{
    return m_view->selectedEndpoint();
}

void MainWindow::selectEndpoint(const QString &name)
{
    m_view->selectEndpoint(name);
}

void MainWindow::showTab(const QString &title)
{
    m_tabs->showTab(title);
}

void MainWindow::setTestEndpoints(TestEndpointServer *server)
{
    m_tabs->setTestEndpoints(server);
}

TestEndpointsPanel *MainWindow::testEndpointsPanel() const
{
    return m_tabs->testEndpointsPanel();
}

// Selecting an endpoint that posts to a built-in test endpoint selects that test endpoint in its
// tab, so its behaviour and what it received are one click away.
void MainWindow::followTestEndpoint()
{
    if (const EndpointSnapshot *endpoint = m_model->endpointAt(m_model->rowOf(selectedEndpoint())))
        m_tabs->followTestEndpoint(QUrl(endpoint->config.url));
}

void MainWindow::scheduleRefresh()
{
    if (m_snapshotPending)
        return;
    m_snapshotPending = true;
    QTimer::singleShot(0, this, &MainWindow::applySnapshot);
}

void MainWindow::applySnapshot()
{
    m_snapshotPending = false;
    m_snapshot = m_host.snapshot();
    if (!m_snapshot)
        return;
    // The journal label follows the journal's health: a disk that fills shows here, not only in logs.
    if (m_sessionJournal.isDurable())
        m_journalLabel->setText(m_sessionJournal.statusText(m_snapshot->journalError));
    const QString selected = selectedEndpoint();
    QVector<EndpointSnapshot> rows = m_snapshot->endpoints;
    for (EndpointSnapshot remote : m_watcher->endpoints()) {
        // Remote rows share the table; their names carry the registry so they never clash.
        remote.config.name = remote.config.name + QStringLiteral(" @ ") + remote.remoteSource;
        rows.append(remote);
    }
    m_model->setSnapshot(rows);
    QStringList local;
    for (const EndpointSnapshot &e : m_snapshot->endpoints)
        local.append(e.config.name);
    m_tabs->deadLettersPanel()->setEndpointNames(local);   // replay targets: this process's endpoints only
    EngineSnapshot charted = *m_snapshot;   // watched registries get history and charts too
    charted.endpoints = rows;
    m_tabs->chartsPanel()->recordSnapshot(charted);
    if (!selected.isEmpty() && selectedEndpoint() != selected)
        selectEndpoint(selected);   // a reset (endpoints added/removed) keeps the operator's place
    if (selectedEndpoint().isEmpty() && m_model->rowCount() > 0) {
        // First look: open on the endpoint in the most trouble, since that is why one looks.
        selectEndpoint(m_model->endpointAt(m_model->mostTroubledRow())->config.name);
    }
    updateTotals();
    m_endpointActions->setSelected(selectedEndpoint());
    updateDetail();
}

void MainWindow::updateTotals()
{
    const EndpointTableModel::Totals totals = m_model->totals();
    m_totalsLabel->setText(tr("%1 endpoint(s) · %2 in · %3 pending · %4 delivered · %5/s%6")
                               .arg(m_model->rowCount())
                               .arg(m_snapshot->eventsIn)
                               .arg(totals.pending)
                               .arg(totals.delivered)
                               .arg(totals.deliveredPerSecond, 0, 'f', 1)
                               .arg(totals.stuck > 0 ? tr(" · %1 STUCK").arg(totals.stuck) : QString()));
}

void MainWindow::updateDetail()
{
    m_tabs->setEndpoint(m_model->endpointAt(m_model->rowOf(selectedEndpoint())));
}

void MainWindow::showContextMenu(const QPoint &pos)
{
    if (!m_view->indexAt(pos).isValid())
        return;
    QMenu menu(this);
    menu.addActions({m_endpointActions->editAction(), m_endpointActions->removeAction()});
    menu.addSeparator();
    menu.addActions(m_endpointActions->queueActions());
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_layoutSettings->save();
    event->accept();
}

} // namespace hookscope
