#include "app/widgets/testendpointbehavioureditor.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
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

TestEndpointBehaviourEditor::TestEndpointBehaviourEditor(QWidget *parent)
    : QWidget(parent)
{
    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("testEndpointMode"));
    for (Mode mode : TestEndpointBehaviour::allModes())
        m_mode->addItem(modeLabel(mode), int(mode));
    // A wider range than valid on purpose: a typed 42 is refused with a message, not clamped.
    m_status = spin(this, "testEndpointStatus", 0, 999, QString());
    m_failRate = new QDoubleSpinBox(this);
    m_failRate->setObjectName(QStringLiteral("testEndpointFailRate"));
    m_failRate->setRange(0.0, 1.0);
    m_failRate->setSingleStep(0.05);
    m_failRate->setDecimals(2);
    m_failCount = spin(this, "testEndpointFailCount", 0, 1000000, QString());
    m_delay = spin(this, "testEndpointDelay", 0, 3600000, tr(" ms"));
    m_down = spin(this, "testEndpointDown", 0, 86400000, tr(" ms"));
    m_up = spin(this, "testEndpointUp", 0, 86400000, tr(" ms"));
    m_bodyBytes = spin(this, "testEndpointBodyBytes", 0, 16 * 1024 * 1024, tr(" B"));
    m_bodyMs = spin(this, "testEndpointBodyMs", 0, 3600000, tr(" ms"));
    m_retryAfter = new QLineEdit(this);
    m_retryAfter->setObjectName(QStringLiteral("testEndpointRetryAfter"));
    m_retryAfter->setPlaceholderText(tr("none; seconds or an HTTP date"));
    m_retryAfter->setClearButtonEnabled(true);
    m_body = new QLineEdit(this);
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

    m_apply = new QPushButton(tr("Apply"), this);
    m_apply->setObjectName(QStringLiteral("testEndpointApply"));
    m_apply->setDefault(true);
    m_revert = new QPushButton(tr("Revert"), this);
    m_revert->setObjectName(QStringLiteral("testEndpointRevert"));
    connect(m_apply, &QPushButton::clicked, this, &TestEndpointBehaviourEditor::applyRequested);
    connect(m_revert, &QPushButton::clicked, this, [this] {
        loadBehaviour(m_loaded);
        showMessage(QString(), false);
    });
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("testEndpointHint"));
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color: #616161;"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("testEndpointMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_message, 1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_apply);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
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
    for (QSpinBox *field : {m_status, m_failCount, m_delay, m_down, m_up, m_bodyBytes, m_bodyMs})
        connect(field, &QSpinBox::valueChanged, this, edited);
    connect(m_failRate, &QDoubleSpinBox::valueChanged, this, edited);
    connect(m_retryAfter, &QLineEdit::textEdited, this, edited);
    connect(m_body, &QLineEdit::textEdited, this, edited);
    loadBehaviour(TestEndpointBehaviour());
}

void TestEndpointBehaviourEditor::updateVisibleFields()
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

void TestEndpointBehaviourEditor::loadBehaviour(const TestEndpointBehaviour &b)
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

TestEndpointBehaviour TestEndpointBehaviourEditor::behaviour(const TestEndpointBehaviour &base) const
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

void TestEndpointBehaviourEditor::markApplied(const TestEndpointBehaviour &applied)
{
    m_loaded = applied;
    m_dirty = false;
}

QString TestEndpointBehaviourEditor::message() const
{
    return m_message->text();
}

void TestEndpointBehaviourEditor::showMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QStringLiteral("color: #c62828; font-weight: 600;")
                                     : QStringLiteral("color: #2e7d32;"));
}

} // namespace hookscope
