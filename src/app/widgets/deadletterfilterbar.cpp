#include "app/widgets/deadletterfilterbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

namespace hookscope {

namespace {

// The bar's text fields: one filter term each, cleared with one click, explained in its tooltip.
QLineEdit *termField(const char *objectName, const QString &placeholder, const QString &toolTip, QWidget *parent)
{
    auto *field = new QLineEdit(parent);
    field->setObjectName(QLatin1String(objectName));
    field->setPlaceholderText(placeholder);
    field->setClearButtonEnabled(true);
    field->setToolTip(toolTip);
    return field;
}

} // namespace

QString DeadLetterFilterBar::statusTip()
{
    return tr("The last attempt's outcome: a status (503), a class (5xx), \"error\" (no response) or "
              "\"none\" (never attempted); several separated by commas");
}

DeadLetterFilterBar::DeadLetterFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_action(new QComboBox(this))
    , m_repository(termField("deadLetterRepository", tr("repository"),
                             tr("Part of the repository name, or a glob over the whole name: * any characters "
                                "(slashes too), ? one character. Example: library/*"),
                             this))
    , m_mediaType(termField("deadLetterMediaType", tr("media type"),
                            tr("Part of the target's media type, e.g. manifest.v2 or oci.image.index"), this))
    , m_fromOn(new QCheckBox(tr("From"), this))
    , m_from(new QDateTimeEdit(this))
    , m_toOn(new QCheckBox(tr("to"), this))
    , m_to(new QDateTimeEdit(this))
    , m_status(termField("deadLetterStatus", tr("last status"), statusTip(), this))
    , m_clear(new QToolButton(this))
{
    m_action->setObjectName(QStringLiteral("deadLetterAction"));
    m_action->setEditable(true);   // the registry's four, or whatever a custom source sends
    m_action->addItems({QString(), QStringLiteral("push"), QStringLiteral("pull"), QStringLiteral("delete"),
                        QStringLiteral("mount")});
    m_action->lineEdit()->setPlaceholderText(tr("any action"));
    m_action->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_action->setMinimumContentsLength(10);
    m_action->setToolTip(tr("Only events with this action (push, pull, delete, mount)"));

    const QDateTime now = QDateTime::currentDateTime();
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
    }
    m_from->setObjectName(QStringLiteral("deadLetterFrom"));
    m_to->setObjectName(QStringLiteral("deadLetterTo"));
    m_from->setDateTime(now.addSecs(-3600));
    m_to->setDateTime(now);
    m_fromOn->setToolTip(tr("Only dead letters filed at or after this time (local time)"));
    m_toOn->setToolTip(tr("Only dead letters filed at or before this time (local time)"));

    m_clear->setText(tr("Clear filter"));
    m_clear->setToolTip(tr("Show every dead letter again"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_action);
    layout->addWidget(m_repository, 2);
    layout->addWidget(m_mediaType, 2);
    layout->addWidget(m_fromOn);
    layout->addWidget(m_from);
    layout->addWidget(m_toOn);
    layout->addWidget(m_to);
    layout->addWidget(m_status, 1);
    layout->addWidget(m_clear);

    connect(m_action, &QComboBox::currentTextChanged, this, &DeadLetterFilterBar::rebuild);
    connect(m_repository, &QLineEdit::textChanged, this, &DeadLetterFilterBar::rebuild);
    connect(m_mediaType, &QLineEdit::textChanged, this, &DeadLetterFilterBar::rebuild);
    connect(m_status, &QLineEdit::textChanged, this, [this] {
        rebuild();
        // Marked, not refused: the operator may still be typing.
        m_status->setStyleSheet(m_statusError.isEmpty() ? QString() : QStringLiteral("color: #b00020;"));
        m_status->setToolTip(m_statusError.isEmpty() ? statusTip() : m_statusError);
    });
    connect(m_fromOn, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toOn, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_fromOn, &QCheckBox::toggled, this, &DeadLetterFilterBar::rebuild);
    connect(m_toOn, &QCheckBox::toggled, this, &DeadLetterFilterBar::rebuild);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, &DeadLetterFilterBar::rebuild);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, &DeadLetterFilterBar::rebuild);
    connect(m_clear, &QToolButton::clicked, this, &DeadLetterFilterBar::clearFilter);
}

void DeadLetterFilterBar::clearFilter()
{
    m_clearing = true;   // one filterChanged for the whole reset, not one per field
    m_action->setCurrentIndex(0);
    m_action->setEditText(QString());
    m_repository->clear();
    m_mediaType->clear();
    m_fromOn->setChecked(false);
    m_toOn->setChecked(false);
    m_status->clear();
    m_clearing = false;
    rebuild();
}

void DeadLetterFilterBar::rebuild()
{
    if (m_clearing)
        return;
    DeadLetterFilter filter = m_filter;
    filter.setAction(m_action->currentText());
    filter.setRepository(m_repository->text());
    filter.setMediaType(m_mediaType->text());
    // The edits show whole seconds: "to" covers the whole second it shows.
    filter.setTimeRange(m_fromOn->isChecked() ? m_from->dateTime() : QDateTime(),
                        m_toOn->isChecked() ? m_to->dateTime().addMSecs(999) : QDateTime());
    m_statusError.clear();
    filter.setLastStatus(m_status->text(), &m_statusError);
    if (filter == m_filter)
        return;
    m_filter = filter;
    Q_EMIT filterChanged(m_filter);
}

} // namespace hookscope
