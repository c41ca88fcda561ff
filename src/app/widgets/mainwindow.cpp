#include "app/widgets/mainwindow.h"

#include "app/models/endpointtablemodel.h"
#include "app/widgets/attemptspanel.h"
#include "app/widgets/chartspanel.h"
#include "app/widgets/configactions.h"
#include "app/widgets/deadletterspanel.h"
#include "app/widgets/endpointactions.h"
#include "app/widgets/queuepanel.h"
#include "app/widgets/recordtable.h"
#include "app/widgets/stallprobe.h"
#include "app/widgets/stallprobelabel.h"
#include "app/widgets/statusespanel.h"
#include "app/widgets/twopanesplitter.h"
#include "core/engine/enginehost.h"
#include "sources/registrywatcher.h"

#include <QAction>
#include <QCloseEvent>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
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
    , m_endpointActions(new EndpointActions(host, *m_model, this))
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
    connect(m_model, &EndpointTableModel::becameStuck, this, &MainWindow::notifyStuck);
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
    restoreSettings();
    applySnapshot();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildLayout()
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(EndpointTableModel::RawRole);
    m_proxy->setFilterKeyColumn(EndpointTableModel::Name);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_view->setObjectName(QStringLiteral("endpointView"));
    setUpRecordTable(m_view, m_proxy, QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);   // configuration order until the operator sorts
    m_view->setAlternatingRowColors(true);
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
        m_endpointActions->setSelected(selectedEndpoint());
        updateDetail();
        followTestEndpoint();
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
    connect(m_deadLettersPanel, &DeadLettersPanel::replayRequested, m_endpointActions,
            &EndpointActions::replayDeadLetters);
    connect(m_queuePanel, &QueuePanel::retryNowRequested, m_endpointActions->retryNowAction(), &QAction::trigger);
    connect(m_queuePanel, &QueuePanel::skipHeadRequested, m_endpointActions->skipHeadAction(), &QAction::trigger);
    connect(m_queuePanel, &QueuePanel::pauseRequested, m_endpointActions->pauseAction(), &QAction::trigger);
    connect(m_queuePanel, &QueuePanel::resumeRequested, m_endpointActions->resumeAction(), &QAction::trigger);
    connect(m_queuePanel, &QueuePanel::purgeRequested, m_endpointActions->purgeAction(), &QAction::trigger);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_filter);
    topLayout->addWidget(m_view);

    QSplitter *splitter = twoPaneSplitter(Qt::Vertical, top, 2, m_tabs, 3, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    setCentralWidget(splitter);

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
    m_deadLettersPanel->setEndpointNames(local);   // replay targets: this process's endpoints only
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
    m_endpointActions->setSelected(selectedEndpoint());
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
