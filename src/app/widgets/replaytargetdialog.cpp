#include "app/widgets/replaytargetdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace hookscope {

ReplayTargetDialog::ReplayTargetDialog(const QString &source, const QStringList &endpoints, int count,
                                       const QString &what, QWidget *parent)
    : QDialog(parent)
    , m_source(source)
    , m_count(count)
    , m_what(what)
    , m_target(new QComboBox(this))
    , m_summary(new QLabel(this))
{
    setWindowTitle(tr("Replay dead letters"));
    m_target->setObjectName(QStringLiteral("replayTarget"));
    m_target->addItems(endpoints);
    if (!endpoints.contains(source) && !source.isEmpty())
        m_target->insertItem(0, source);   // its own endpoint is always offered, and first by default
    m_target->setCurrentText(source);
    m_summary->setObjectName(QStringLiteral("replaySummary"));
    m_summary->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Replay"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("To endpoint:"), m_target);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);

    connect(m_target, &QComboBox::currentTextChanged, this, &ReplayTargetDialog::updateSummary);
    updateSummary();
}

QString ReplayTargetDialog::target() const
{
    return m_target->currentText();
}

void ReplayTargetDialog::setTarget(const QString &name)
{
    m_target->setCurrentText(name);
}

QString ReplayTargetDialog::summary() const
{
    return m_summary->text();
}

void ReplayTargetDialog::updateSummary()
{
    const QString target = m_target->currentText();
    const QString events = tr("%n dead letter(s)", nullptr, m_count);
    m_summary->setText(target == m_source
                           ? tr("%1 (%2) of %3 go back to the tail of %3's queue.").arg(events, m_what, m_source)
                           : tr("%1 (%2) of %3 move to the tail of %4's queue and leave %3's dead letters. "
                                "%4's filters are not applied: the events are delivered as they are.")
                                 .arg(events, m_what, m_source, target));
}

} // namespace hookscope
