#include "app/widgets/testendpointspanel.h"

#include "app/models/testendpointrequestsmodel.h"
#include "app/models/testendpointsmodel.h"
#include "app/widgets/recordtable.h"
#include "app/widgets/testendpointbehavioureditor.h"
#include "app/widgets/twopanesplitter.h"
#include "testing/testendpointserver.h"

#include <QDateTime>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace hookscope {

TestEndpointsPanel::TestEndpointsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new TestEndpointsModel(this))
    , m_requests(new TestEndpointRequestsModel(this))
{
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("testEndpointsView"));
    setUpRecordTable(m_view, m_model, QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    fitColumnsToContents(m_view, TestEndpointsModel::Url);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TestEndpointsPanel::selectionChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0)
            m_view->selectRow(0);
    });

    m_requestsView = new QTableView(this);
    m_requestsView->setObjectName(QStringLiteral("testEndpointRequestsView"));
    setUpRecordTable(m_requestsView, m_requests);
    m_requestsView->verticalHeader()->setDefaultSectionSize(m_requestsView->fontMetrics().height() + 6);
    fitColumnsToContents(m_requestsView, TestEndpointRequestsModel::FirstEventId);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("testEndpointsSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_placeholder = new QLabel(this);
    m_placeholder->setText(tr("No built-in test endpoints are running. Start hookscope without a "
                              "configuration (or with --demo) to get the demo's three."));
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);

    m_resetCounts = new QPushButton(tr("Reset counts"), this);
    m_resetCounts->setObjectName(QStringLiteral("testEndpointResetCounts"));
    m_resetCounts->setToolTip(tr("Clear the selected endpoint's counters and receiver checks; loss "
                                 "then counts from now on"));
    connect(m_resetCounts, &QPushButton::clicked, this, [this] { resetCounts(); });
    m_export = new QPushButton(tr("Export…"), this);
    m_export->setObjectName(QStringLiteral("testEndpointExport"));
    m_export->setToolTip(tr("Save the receiver report of every test endpoint as JSON"));
    connect(m_export, &QPushButton::clicked, this, &TestEndpointsPanel::exportInteractively);

    m_editorBox = new QGroupBox(tr("Behaviour"), this);
    m_editor = new TestEndpointBehaviourEditor(m_editorBox);
    connect(m_editor, &TestEndpointBehaviourEditor::applyRequested, this, [this] { applyForm(); });
    auto *editorLayout = new QVBoxLayout(m_editorBox);
    editorLayout->setContentsMargins(8, 6, 8, 6);
    editorLayout->addWidget(m_editor);
    m_requestsBox = new QGroupBox(tr("Last requests"), this);
    auto *requestsLayout = new QVBoxLayout(m_requestsBox);
    requestsLayout->setContentsMargins(6, 6, 6, 6);
    requestsLayout->addWidget(m_requestsView);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_resetCounts);
    top->addWidget(m_export);

    QSplitter *bottom = twoPaneSplitter(Qt::Horizontal, m_editorBox, 0, m_requestsBox, 1, this);
    bottom->setChildrenCollapsible(false);

    QSplitter *vertical = twoPaneSplitter(Qt::Vertical, m_view, 1, bottom, 2, this);
    vertical->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_placeholder);
    layout->addWidget(vertical, 1);

    m_refresh.setInterval(500);
    connect(&m_refresh, &QTimer::timeout, this, &TestEndpointsPanel::refresh);
    setServer(nullptr);
}

TestEndpointsPanel::~TestEndpointsPanel() = default;

bool TestEndpointsPanel::applyForm(QString *error)
{
    const QString name = selectedEndpoint();
    QString problem;
    if (!m_server || name.isEmpty()) {
        problem = tr("Select a test endpoint first");
    } else {
        const TestEndpointBehaviour wanted = m_editor->behaviour(m_editor->loaded());
        problem = wanted.validate();
        if (problem.isEmpty() && !m_server->setBehaviour(name, wanted, &problem) && problem.isEmpty())
            problem = tr("the endpoint refused the change");
        if (problem.isEmpty()) {
            m_editor->markApplied(wanted);
            showMessage(tr("Applied to %1: %2").arg(name, TestEndpointsModel::describeBehaviour(wanted)),
                        false);
            QTimer::singleShot(50, this, &TestEndpointsPanel::refresh);   // show it without waiting
            return true;
        }
    }
    showMessage(tr("Refused: %1").arg(problem), true);
    if (error)
        *error = problem;
    return false;
}

QString TestEndpointsPanel::message() const
{
    return m_editor->message();
}

void TestEndpointsPanel::showMessage(const QString &text, bool problem)
{
    m_editor->showMessage(text, problem);
}

bool TestEndpointsPanel::resetCounts()
{
    const QString name = selectedEndpoint();
    if (!m_server || name.isEmpty() || !m_server->resetStats(name))
        return false;
    showMessage(tr("Counts of %1 reset").arg(name), false);
    refresh();
    return true;
}

void TestEndpointsPanel::setServer(TestEndpointServer *server)
{
    m_server = server;
    const bool has = server != nullptr;
    m_placeholder->setVisible(!has);
    m_view->setVisible(has);
    m_editorBox->setVisible(has);
    m_requestsBox->setVisible(has);
    m_export->setEnabled(has);
    m_resetCounts->setEnabled(has);
    if (has) {
        refresh();
        m_refresh.start();
    } else {
        m_refresh.stop();
        m_model->setStats({});
        m_requests->clear();
        m_summary->setText(tr("No test endpoints"));
    }
}

void TestEndpointsPanel::refresh()
{
    if (!m_server)
        return;
    m_model->setStats(m_server->snapshot());
    updateSummary();
    const TestEndpointStats *selected = m_model->statsAt(m_view->currentIndex().row());
    if (!selected) {
        m_requests->clear();
        return;
    }
    m_requests->setRequests(selected->recent);
    // Changed elsewhere (a config reload, another window) while the operator is not editing.
    if (selected->name == m_loadedFor && !m_editor->isDirty() && selected->behaviour != m_editor->loaded())
        m_editor->loadBehaviour(selected->behaviour);
}

void TestEndpointsPanel::updateSummary()
{
    qint64 envelopes = 0;
    qint64 duplicates = 0;
    qint64 outOfOrder = 0;
    qint64 lost = 0;
    int down = 0;
    for (const TestEndpointStats &s : m_model->stats()) {
        envelopes += s.checks.envelopes;
        duplicates += s.checks.duplicates;
        outOfOrder += s.checks.outOfOrder;
        lost += s.checks.lost;
        down += s.down ? 1 : 0;
    }
    const int count = int(m_model->stats().size());
    QString text = count == 1 ? tr("<b>1 test endpoint</b>") : tr("<b>%1 test endpoints</b>").arg(count);
    if (down > 0)
        text += tr(" (%1 down)").arg(down);
    text += tr(" · %1 envelopes accepted · %2 duplicates · %3 out of order · %4 not (yet) accepted")
                .arg(envelopes).arg(duplicates).arg(outOfOrder).arg(lost);
    m_summary->setText(text);
}

void TestEndpointsPanel::selectEndpoint(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row >= 0)
        m_view->selectRow(row);
}

QString TestEndpointsPanel::selectedEndpoint() const
{
    const TestEndpointStats *s = m_model->statsAt(m_view->currentIndex().row());
    return s ? s->name : QString();
}

void TestEndpointsPanel::selectionChanged()
{
    const TestEndpointStats *s = m_model->statsAt(m_view->currentIndex().row());
    m_editorBox->setEnabled(s != nullptr);
    if (!s) {
        m_loadedFor.clear();
        m_requests->clear();
        return;
    }
    if (s->name == m_loadedFor)
        return;
    m_loadedFor = s->name;
    m_editorBox->setTitle(tr("Behaviour of %1").arg(s->name));
    m_requestsBox->setTitle(tr("Last requests to %1").arg(s->name));
    m_editor->loadBehaviour(s->behaviour);
    showMessage(QString(), false);
    m_requests->setRequests(s->recent);
}

QJsonObject TestEndpointsPanel::report() const
{
    QJsonArray endpoints;
    const QList<TestEndpointStats> stats = m_server ? m_server->snapshot() : m_model->stats();
    for (const TestEndpointStats &s : stats)
        endpoints.append(s.toJson(true));
    const QJsonObject definitions{
        {QStringLiteral("duplicates"),
         QStringLiteral("accepted events whose id had already been accepted")},
        {QStringLiteral("outOfOrder"),
         QStringLiteral("first deliveries whose sequence stamp is lower than the highest already "
                        "accepted from the same stream")},
        {QStringLiteral("sent"),
         QStringLiteral("highest sequence stamp the generator submitted for this endpoint")},
        {QStringLiteral("lost"),
         QStringLiteral("stamps in [1, sent] never accepted; events still queued count until they "
                        "arrive, so after the queues drained this is the loss")},
    };
    return QJsonObject{
        {QStringLiteral("generatedAt"),
         QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("generator"), QStringLiteral("hookscope " HOOKSCOPE_VERSION)},
        {QStringLiteral("definitions"), definitions},
        {QStringLiteral("testEndpoints"), endpoints},
    };
}

bool TestEndpointsPanel::exportReport(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(report()).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        if (error)
            *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void TestEndpointsPanel::exportInteractively()
{
    const QString suggested = QStringLiteral("hookscope-receiver-report-%1.json")
                                  .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export receiver report"), suggested,
                                                      tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (exportReport(path, &error))
        showMessage(tr("Report saved to %1").arg(path), false);
    else
        showMessage(tr("Export failed: %1").arg(error), true);
}

} // namespace hookscope
