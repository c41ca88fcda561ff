#include "app/widgets/eventcomposerdialog.h"

#include "app/widgets/fixedpitchfont.h"
#include "sources/generatortraffic.h"
#include "app/widgets/jsonhighlighter.h"
#include "core/model/eventvalidator.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>
#include <QVBoxLayout>

namespace hookscope {

namespace {

QString lineAndColumn(const QByteArray &text, int offset)
{
    const QByteArray before = text.left(offset);
    const int line = int(before.count('\n')) + 1;
    const int column = int(offset - (before.lastIndexOf('\n') + 1)) + 1;
    return QObject::tr("line %1, column %2").arg(line).arg(column);
}

} // namespace

EventComposerDialog::EventComposerDialog(QWidget *parent)
    : QDialog(parent)
    , m_editor(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_seed(QRandomGenerator::global()->generate() | 1u)
{
    setWindowTitle(tr("Compose event"));
    auto *intro = new QLabel(tr("One registry notification event (registry 2.8.2 shape). Send hands it "
                                "to the engine like ingest does: every endpoint whose filter lets it "
                                "through queues it."),
                             this);
    intro->setWordWrap(true);
    m_editor->setFont(fixedPitchFont());
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setTabChangesFocus(true);
    m_editor->setObjectName(QStringLiteral("composerEditor"));
    new JsonHighlighter(m_editor->document(), m_editor);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(QStringLiteral("composerStatus"));

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *generateButton = buttons->addButton(tr("&New event"), QDialogButtonBox::ResetRole);
    generateButton->setToolTip(tr("Replace the text with another generated event"));
    m_renewButton = buttons->addButton(tr("New &id"), QDialogButtonBox::ActionRole);
    m_renewButton->setToolTip(tr("Same event, new id and timestamp: receivers will not take it for a repeat"));
    m_sendButton = buttons->addButton(tr("&Send"), QDialogButtonBox::AcceptRole);
    m_sendButton->setDefault(true);
    buttons->addButton(QDialogButtonBox::Close);
    connect(generateButton, &QPushButton::clicked, this, &EventComposerDialog::generate);
    connect(m_renewButton, &QPushButton::clicked, this, &EventComposerDialog::renewId);
    // accepted() is left unconnected: Send keeps the dialog open, as sending several events in a
    // row is the common use.
    connect(m_sendButton, &QPushButton::clicked, this, &EventComposerDialog::send);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(720, 640);

    connect(m_editor, &QPlainTextEdit::textChanged, this, &EventComposerDialog::validate);
    generate();
}

EventComposerDialog::~EventComposerDialog() = default;

QString EventComposerDialog::text() const
{
    return m_editor->toPlainText();
}

void EventComposerDialog::setText(const QString &text)
{
    m_editor->setPlainText(text);
}

QString EventComposerDialog::statusText() const
{
    return m_status->text();
}

void EventComposerDialog::generate()
{
    GeneratorOptions options;
    options.seed = m_seed++;
    // Exactly registry-shaped: a hand-sent event is not part of a generator stream.
    options.stampSequence = false;
    GeneratorTraffic traffic(options);
    // A push ends with the tagged manifest: the event receivers care most about.
    const QList<Event> push = traffic.operation(GeneratorProfile::Push);
    if (push.isEmpty())
        return;
    setText(QString::fromUtf8(EventRecord::fromEvent(push.constLast())->indentedJson(0)));
}

void EventComposerDialog::renewId()
{
    QJsonParseError error;
    const QByteArray before = text().toUtf8();
    if (QJsonDocument::fromJson(before, &error).isNull())
        return;   // nothing sensible to edit; the status already says why
    // Edit the text rather than re-serialising, so the user's key order and spacing stay.
    QString edited = text();
    static const QRegularExpression id(QStringLiteral("(\"id\"\\s*:\\s*\")[^\"]*(\")"));
    static const QRegularExpression timestamp(QStringLiteral("(\"timestamp\"\\s*:\\s*\")[^\"]*(\")"));
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString now = GeneratorTraffic::formatTimestamp(QDateTime::currentMSecsSinceEpoch() * 1'000'000);
    // Only the event's own id (the first one): request.id stays.
    const QRegularExpressionMatch m = id.match(edited);
    if (m.hasMatch())
        edited.replace(m.capturedStart(), m.capturedLength(), m.captured(1) + uuid + m.captured(2));
    const QRegularExpressionMatch t = timestamp.match(edited);
    if (t.hasMatch())
        edited.replace(t.capturedStart(), t.capturedLength(), t.captured(1) + now + t.captured(2));
    setText(edited);
}

QString EventComposerDialog::check(const QByteArray &text)
{
    if (text.trimmed().isEmpty())
        return tr("Empty: write one event as a JSON object.");
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        return tr("Not JSON: %1 at %2.").arg(error.errorString(), lineAndColumn(text, error.offset));
    if (!doc.isObject())
        return tr("An event is a JSON object ({ ... }), not an array.");
    const QJsonObject object = doc.object();
    if (object.contains(QStringLiteral("events")))
        return tr("This is an envelope ({\"events\": [...]}); write one event (its element) instead.");
    const QList<EventProblem> problems = EventValidator::check(object);
    if (!problems.isEmpty())
        return tr("Not a registry event: %1.").arg(EventValidator::describe(problems));
    return QString();
}

void EventComposerDialog::validate()
{
    m_problem = check(text().toUtf8());
    m_sendButton->setEnabled(m_problem.isEmpty());
    if (m_problem.isEmpty())
        showStatus(tr("Valid event. Send queues it for every endpoint."), false);
    else
        showStatus(m_problem, true);
}

void EventComposerDialog::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    // Red for what blocks Send; the palette's normal text otherwise (readable in dark themes).
    m_status->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
}

bool EventComposerDialog::send()
{
    validate();
    if (!m_problem.isEmpty())
        return false;
    QString why;
    const EventPtr record = EventRecord::fromJson(text().toUtf8(), &why);
    if (!record) {
        showStatus(tr("Cannot send: %1").arg(why), true);
        return false;
    }
    if (!m_send) {
        showStatus(tr("Cannot send: no engine is attached."), true);
        return false;
    }
    if (!m_send(EventBlock{record}, &why)) {
        showStatus(tr("The engine refused the event: %1").arg(why.isEmpty() ? tr("it is shutting down") : why), true);
        return false;
    }
    const QString id = QString::fromUtf8(record->id());
    showStatus(tr("Sent event %1 to the engine. Sending again repeats it (same id); New id makes another.").arg(id), false);
    Q_EMIT sent(id);
    return true;
}

} // namespace hookscope
