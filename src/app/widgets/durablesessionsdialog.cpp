#include "app/widgets/durablesessionsdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace hookscope {

DurableSessionsDialog::DurableSessionsDialog(const SessionJournal &current, const QString &preferredPath,
                                             QWidget *parent)
    : QDialog(parent)
    , m_enabled(new QCheckBox(tr("Keep queues in a journal for new sessions"), this))
    , m_path(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Choose…"), this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Durable queues for new sessions"));
    auto *now = new QLabel(tr("<b>This session:</b> %1").arg(current.explanation().toHtmlEscaped()), this);
    now->setWordWrap(true);
    now->setObjectName(QStringLiteral("currentSession"));
    auto *rules = new QLabel(tr("Takes effect at the next start. A configuration with its own hookscope.journal "
                                "uses that one; the embedded demo always runs in memory. If the file cannot be "
                                "written when hookscope starts, it refuses to start and says why."),
                             this);
    rules->setWordWrap(true);

    m_path->setObjectName(QStringLiteral("journalPath"));
    m_path->setPlaceholderText(tr("journal file, e.g. %1").arg(QDir::toNativeSeparators(
        QDir::home().filePath(QStringLiteral(".local/state/hookscope/queues.db")))));
    m_path->setText(QDir::toNativeSeparators(preferredPath));
    m_enabled->setChecked(!preferredPath.isEmpty());
    m_error->setObjectName(QStringLiteral("journalProblem"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(now);
    layout->addWidget(m_enabled);
    layout->addLayout(pathRow);
    layout->addWidget(m_error);
    layout->addWidget(rules);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &DurableSessionsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_browse, &QPushButton::clicked, this, &DurableSessionsDialog::browse);
    connect(m_enabled, &QCheckBox::toggled, this, &DurableSessionsDialog::updateWidgets);
    updateWidgets();
}

QString DurableSessionsDialog::preferredPath() const
{
    if (!m_enabled->isChecked())
        return {};
    const QString text = m_path->text().trimmed();
    // Stored absolute: the next session may start from another working directory.
    return text.isEmpty() ? QString() : QFileInfo(QDir::fromNativeSeparators(text)).absoluteFilePath();
}

void DurableSessionsDialog::accept()
{
    if (m_enabled->isChecked() && m_path->text().trimmed().isEmpty()) {
        m_problem = tr("Choose the journal file, or untick the box to keep queues in memory.");
        m_error->setText(m_problem);
        m_error->show();
        return;
    }
    m_problem.clear();
    QDialog::accept();
}

void DurableSessionsDialog::browse()
{
    const QString start = m_path->text().trimmed().isEmpty() ? QDir::homePath() : m_path->text().trimmed();
    // An existing journal is the usual choice (keep using it), so no "replace?" question.
    const QString path = QFileDialog::getSaveFileName(this, tr("Journal for new sessions"), start,
                                                      tr("hookscope journal (*.db *.sqlite);;All files (*)"), nullptr,
                                                      QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    m_path->setText(QDir::toNativeSeparators(path));
    m_enabled->setChecked(true);
}

void DurableSessionsDialog::updateWidgets()
{
    m_path->setEnabled(m_enabled->isChecked());
    m_browse->setEnabled(m_enabled->isChecked());
}

bool DurableSessionsDialog::edit(const SessionJournal &current, QWidget *parent)
{
    QSettings settings;
    const QString before = preferredJournalPath(settings);
    DurableSessionsDialog dialog(current, before, parent);
    if (dialog.exec() != QDialog::Accepted || dialog.preferredPath() == before)
        return false;
    setPreferredJournalPath(settings, dialog.preferredPath());
    return true;
}

} // namespace hookscope
