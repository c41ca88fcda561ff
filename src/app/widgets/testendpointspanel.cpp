#include "testendpointspanel.h"

#include "testendpointrequestsmodel.h"
#include "testendpointserver.h"
#include "testendpointsmodel.h"

#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace hookscope {

namespace {

using Mode = TestEndpointBehaviour::Mode;

// What each mode does, in the picker; the mode's published name comes first, as in config files.
QString modeLabel(Mode mode)
{
    const QString name = TestEndpointBehaviour::modeName(mode);
    QString what;
    switch (mode) {
    case TestEndpointBehaviour::Healthy: what = QObject::tr("answer 200"); break;
    case TestEndpointBehaviour::Status: what = QObject::tr("answer a fixed status"); break;
    case TestEndpointBehaviour::FailRate: what = QObject::tr("random 5xx for a fraction"); break;
    case TestEndpointBehaviour::Down: what = QObject::tr("refuse connections"); break;
    case TestEndpointBehaviour::Hang: what = QObject::tr("never answer"); break;
    case TestEndpointBehaviour::Slow: what = QObject::tr("answer 200 late"); break;
    case TestEndpointBehaviour::Flap: what = QObject::tr("down, up, down, up…"); break;
    case TestEndpointBehaviour::DownThenHeal: what = QObject::tr("down for a while, then healthy"); break;
    case TestEndpointBehaviour::FailFirst: what = QObject::tr("fail the first N, then 200"); break;
    case TestEndpointBehaviour::CloseConnection: what = QObject::tr("close without answering"); break;
    case TestEndpointBehaviour::ResetConnection: what = QObject::tr("reset the connection (RST)"); break;
    case TestEndpointBehaviour::SlowBody: what = QObject::tr("trickle the response body"); break;
    case TestEndpointBehaviour::Garbage: what = QObject::tr("answer bytes that are not HTTP"); break;
    }
    return name + QStringLiteral(" — ") + what;
}

// What the sender (hookscope's dispatcher, or the registry) sees, in the registry's terms.
QString modeHint(Mode mode)
{
    switch (mode) {
    case TestEndpointBehaviour::Healthy:
        return QObject::tr("Every request is answered 200 OK: a Success.");
    case TestEndpointBehaviour::Status:
        return QObject::tr("Every request gets this status: 400 and up is a Failure, 200-399 a Success.");
    case TestEndpointBehaviour::FailRate:
        return QObject::tr("A random 500/502/503/504 for this fraction of requests (seeded), 200 otherwise.");
    case TestEndpointBehaviour::Down:
        return QObject::tr("On its own port: connections refused. On the shared port: each request is "
                           "reset. Either way an Error.");
    case TestEndpointBehaviour::Hang:
        return QObject::tr("Reads the request and never answers; the sender's timeout ends it: an Error.");
    case TestEndpointBehaviour::Slow:
        return QObject::tr("200 after the delay. Past the sender's timeout it is an Error, but the "
                           "receiver accepted it, so the retry arrives as a duplicate.");
    case TestEndpointBehaviour::Flap:
        return QObject::tr("Down, then up, repeating; starts down.");
    case TestEndpointBehaviour::DownThenHeal:
        return QObject::tr("Down for this long from now, then healthy; queued events drain.");
    case TestEndpointBehaviour::FailFirst:
        return QObject::tr("The first N requests from now get the status (503 unless 400 or more), then 200.");
    case TestEndpointBehaviour::CloseConnection:
        return QObject::tr("Reads the request and closes without a byte (FIN): an Error. Qt re-sends "
                           "such a request once, so two may arrive per attempt.");
    case TestEndpointBehaviour::ResetConnection:
        return QObject::tr("Reads the request and aborts with a TCP RST: an Error. Qt re-sends such a "
                           "request once, so two may arrive per attempt.");
    case TestEndpointBehaviour::SlowBody:
        return QObject::tr("Status and headers at once, the body trickled over this time. The status "
                           "decides, as in the registry: a Success even if the timeout fires mid-body.");
    case TestEndpointBehaviour::Garbage:
        return QObject::tr("Writes bytes that are not HTTP (this body, or an SSH banner), then closes: an Error.");
    }
    return QString();
}

QSpinBox *spin(QWidget *parent, const char *name, int min, int max, const QString &suffix)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(QLatin1String(name));
    box->setRange(min, max);
    box->setSuffix(suffix);
    box->setAccelerated(true);
    return box;
}

} // namespace

TestEndpointsPanel::TestEndpointsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new TestEndpointsModel(this))
    , m_requests(new TestEndpointRequestsModel(this))
    , m_view(new QTableView(this))
    , m_requestsView(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_placeholder(new QLabel(this))
    , m_editorBox(new QGroupBox(tr("Behaviour"), this))
    , m_requestsBox(new QGroupBox(tr("Last requests"), this))
{
    m_view->setObjectName(QStringLiteral("testEndpointsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(TestEndpointsModel::Url, QHeaderView::Stretch);
    m_view->setWordWrap(false);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TestEndpointsPanel::selectionChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0)
            m_view->selectRow(0);
    });

    m_requestsView->setObjectName(QStringLiteral("testEndpointRequestsView"));
    m_requestsView->setModel(m_requests);
    m_requestsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_requestsView->verticalHeader()->hide();
    m_requestsView->verticalHeader()->setDefaultSectionSize(m_requestsView->fontMetrics().height() + 6);
    m_requestsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_requestsView->horizontalHeader()->setSectionResizeMode(TestEndpointRequestsModel::FirstEventId,
                                                             QHeaderView::Stretch);
    m_requestsView->setWordWrap(false);

    m_summary->setObjectName(QStringLiteral("testEndpointsSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
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

    buildEditor(m_editorBox);
    auto *requestsLayout = new QVBoxLayout(m_requestsBox);
    requestsLayout->setContentsMargins(6, 6, 6, 6);
    requestsLayout->addWidget(m_requestsView);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_resetCounts);
    top->addWidget(m_export);

    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(m_editorBox);
    bottom->addWidget(m_requestsBox);
    bottom->setStretchFactor(0, 0);
    bottom->setStretchFactor(1, 1);
    bottom->setChildrenCollapsible(false);

    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(m_view);
    vertical->addWidget(bottom);
    vertical->setStretchFactor(0, 1);
    vertical->setStretchFactor(1, 2);
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

void TestEndpointsPanel::buildEditor(QWidget *box)
{
    m_mode = new QComboBox(box);
    m_mode->setObjectName(QStringLiteral("testEndpointMode"));
    for (Mode mode : TestEndpointBehaviour::allModes())
        m_mode->addItem(modeLabel(mode), int(mode));
    // A wider range than valid on purpose: a typed 42 is refused with a message, not clamped.
    m_status = spin(box, "testEndpointStatus", 0, 999, QString());
    m_failRate = new QDoubleSpinBox(box);
    m_failRate->setObjectName(QStringLiteral("testEndpointFailRate"));
    m_failRate->setRange(0.0, 1.0);
    m_failRate->setSingleStep(0.05);
    m_failRate->setDecimals(2);
    m_failCount = spin(box, "testEndpointFailCount", 0, 1000000, QString());
    m_delay = spin(box, "testEndpointDelay", 0, 3600000, tr(" ms"));
    m_down = spin(box, "testEndpointDown", 0, 86400000, tr(" ms"));
    m_up = spin(box, "testEndpointUp", 0, 86400000, tr(" ms"));
    m_bodyBytes = spin(box, "testEndpointBodyBytes", 0, 16 * 1024 * 1024, tr(" B"));
    m_bodyMs = spin(box, "testEndpointBodyMs", 0, 3600000, tr(" ms"));
    m_retryAfter = new QLineEdit(box);
    m_retryAfter->setObjectName(QStringLiteral("testEndpointRetryAfter"));
    m_retryAfter->setPlaceholderText(tr("none; seconds or an HTTP date"));
    m_retryAfter->setClearButtonEnabled(true);
    m_body = new QLineEdit(box);
    m_body->setObjectName(QStringLiteral("testEndpointBody"));
    m_body->setPlaceholderText(tr("default"));

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_form->addRow(tr("Mode"), m_mode);
    m_form->addRow(tr("Status"), m_status);
    m_form->addRow(tr("Fail rate"), m_failRate);
    m_form->addRow(tr("Fail first"), m_failCount);
    m_form->addRow(tr("Delay"), m_delay);
    m_form->addRow(tr("Down for"), m_down);
    m_form->addRow(tr("Up for"), m_up);
    m_form->addRow(tr("Body size"), m_bodyBytes);
    m_form->addRow(tr("Body time"), m_bodyMs);
    m_form->addRow(tr("Retry-After"), m_retryAfter);
    m_form->addRow(tr("Body"), m_body);

    m_apply = new QPushButton(tr("Apply"), box);
    m_apply->setObjectName(QStringLiteral("testEndpointApply"));
    m_apply->setDefault(true);
    m_revert = new QPushButton(tr("Revert"), box);
    m_revert->setObjectName(QStringLiteral("testEndpointRevert"));
    connect(m_apply, &QPushButton::clicked, this, [this] { applyForm(); });
    connect(m_revert, &QPushButton::clicked, this, [this] {
        loadForm(m_loaded);
        showMessage(QString(), false);
    });
    m_hint = new QLabel(box);
    m_hint->setObjectName(QStringLiteral("testEndpointHint"));
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color: #616161;"));
    m_message = new QLabel(box);
    m_message->setObjectName(QStringLiteral("testEndpointMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_message, 1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_apply);

    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addLayout(m_form);
    layout->addWidget(m_hint);
    layout->addStretch(1);
    layout->addLayout(buttons);

    const auto edited = [this] {
        if (!m_loading)
            m_dirty = true;
    };
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this, edited] {
        edited();
        updateVisibleFields();
    });
    for (QSpinBox *box_ : {m_status, m_failCount, m_delay, m_down, m_up, m_bodyBytes, m_bodyMs})
        connect(box_, &QSpinBox::valueChanged, this, edited);
    connect(m_failRate, &QDoubleSpinBox::valueChanged, this, edited);
    connect(m_retryAfter, &QLineEdit::textEdited, this, edited);
    connect(m_body, &QLineEdit::textEdited, this, edited);
}

void TestEndpointsPanel::updateVisibleFields()
{
    const Mode mode = Mode(m_mode->currentData().toInt());
    const bool answers = mode == TestEndpointBehaviour::Healthy || mode == TestEndpointBehaviour::Status
        || mode == TestEndpointBehaviour::FailRate || mode == TestEndpointBehaviour::Slow
        || mode == TestEndpointBehaviour::FailFirst;
    const bool failing = mode == TestEndpointBehaviour::Status || mode == TestEndpointBehaviour::FailRate
        || mode == TestEndpointBehaviour::FailFirst;
    m_form->setRowVisible(m_status, mode == TestEndpointBehaviour::Status
                                        || mode == TestEndpointBehaviour::FailFirst);
    m_form->setRowVisible(m_failRate, mode == TestEndpointBehaviour::FailRate);
    m_form->setRowVisible(m_failCount, mode == TestEndpointBehaviour::FailFirst);
    m_form->setRowVisible(m_delay, answers);
    m_form->setRowVisible(m_down, mode == TestEndpointBehaviour::Flap
                                      || mode == TestEndpointBehaviour::DownThenHeal);
    m_form->setRowVisible(m_up, mode == TestEndpointBehaviour::Flap);
    m_form->setRowVisible(m_bodyBytes, mode == TestEndpointBehaviour::SlowBody);
    m_form->setRowVisible(m_bodyMs, mode == TestEndpointBehaviour::SlowBody);
    m_form->setRowVisible(m_retryAfter, failing);
    m_form->setRowVisible(m_body, mode == TestEndpointBehaviour::Status
                                      || mode == TestEndpointBehaviour::Garbage);
    m_hint->setText(modeHint(mode));
    m_delay->setToolTip(mode == TestEndpointBehaviour::Slow
                            ? tr("How late the answer comes; past the sender's timeout the receiver "
                                 "still accepts it, so the retry makes a duplicate")
                            : tr("Added before every answer"));
}

void TestEndpointsPanel::loadForm(const TestEndpointBehaviour &b)
{
    m_loading = true;
    m_mode->setCurrentIndex(m_mode->findData(int(b.mode)));
    m_status->setValue(b.status);
    m_failRate->setValue(b.failRate);
    m_failCount->setValue(b.failCount);
    m_delay->setValue(b.delayMs);
    m_down->setValue(b.downMs);
    m_up->setValue(b.upMs);
    m_bodyBytes->setValue(b.bodyBytes);
    m_bodyMs->setValue(b.bodyMs);
    m_retryAfter->setText(QString::fromLatin1(b.retryAfter));
    m_body->setText(QString::fromUtf8(b.body));
    m_loading = false;
    m_loaded = b;
    m_dirty = false;
    updateVisibleFields();
}

TestEndpointBehaviour TestEndpointsPanel::formBehaviour(const TestEndpointBehaviour &base) const
{
    TestEndpointBehaviour b = base;
    b.mode = Mode(m_mode->currentData().toInt());
    b.status = m_status->value();
    b.failRate = m_failRate->value();
    b.failCount = m_failCount->value();
    b.delayMs = m_delay->value();
    b.downMs = m_down->value();
    b.upMs = m_up->value();
    b.bodyBytes = m_bodyBytes->value();
    b.bodyMs = m_bodyMs->value();
    b.retryAfter = m_retryAfter->text().trimmed().toLatin1();
    b.body = m_body->text().toUtf8();
    return b;
}

bool TestEndpointsPanel::applyForm(QString *error)
{
    const QString name = selectedEndpoint();
    QString problem;
    if (!m_server || name.isEmpty()) {
        problem = tr("Select a test endpoint first");
    } else {
        const TestEndpointBehaviour wanted = formBehaviour(m_loaded);
        problem = wanted.validate();
        if (problem.isEmpty() && !m_server->setBehaviour(name, wanted, &problem) && problem.isEmpty())
            problem = tr("the endpoint refused the change");
        if (problem.isEmpty()) {
            m_loaded = wanted;
            m_dirty = false;
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
    return m_message->text();
}

void TestEndpointsPanel::showMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QStringLiteral("color: #c62828; font-weight: 600;")
                                     : QStringLiteral("color: #2e7d32;"));
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
    if (selected->name == m_loadedFor && !m_dirty && selected->behaviour != m_loaded)
        loadForm(selected->behaviour);
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
    loadForm(s->behaviour);
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
