#include "app/widgets/replaydialog.h"

#include "app/widgets/configactions.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace hookscope {

namespace {

// Paths are separated by ';' in the field: file names can hold spaces and commas, rarely ';'.
const QChar Separator = QLatin1Char(';');

} // namespace

ReplayDialog::ReplayDialog(QWidget *parent)
    : QDialog(parent)
    , m_paths(new QLineEdit(this))
    , m_format(new QComboBox(this))
    , m_pace(new QComboBox(this))
    , m_report(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Replay envelopes"));
    m_paths->setPlaceholderText(tr("files or folders, separated by ;"));
    m_paths->setObjectName(QStringLiteral("replayPaths"));
    auto *files = new QPushButton(tr("&Files…"), this);
    auto *folder = new QPushButton(tr("F&older…"), this);
    connect(files, &QPushButton::clicked, this, &ReplayDialog::chooseFiles);
    connect(folder, &QPushButton::clicked, this, &ReplayDialog::chooseFolder);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_paths, 1);
    pathRow->addWidget(files);
    pathRow->addWidget(folder);

    m_format->addItem(tr("Auto (by extension and content)"), int(ReplayFormat::Auto));
    m_format->addItem(tr("Fixture: one envelope per file"), int(ReplayFormat::Fixture));
    m_format->addItem(tr("NDJSON: one event or envelope per line"), int(ReplayFormat::Ndjson));
    m_pace->addItem(tr("As fast as possible"), int(Replayer::Pace::Fast));
    m_pace->addItem(tr("Original pace (event timestamps)"), int(Replayer::Pace::Original));

    auto *form = new QFormLayout;
    form->addRow(tr("Source:"), pathRow);
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Pace:"), m_pace);

    m_report->setReadOnly(true);
    m_report->setObjectName(QStringLiteral("replayReport"));
    m_report->setPlaceholderText(tr("Each file is read before anything is published. A malformed file "
                                    "is listed here with its line and publishes nothing."));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_start = buttons->addButton(tr("&Replay"), QDialogButtonBox::ActionRole);
    m_start->setDefault(true);
    connect(m_start, &QPushButton::clicked, this, &ReplayDialog::start);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_paths, &QLineEdit::textChanged, this, &ReplayDialog::updateButtons);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_report, 1);
    layout->addWidget(buttons);
    resize(640, 360);
    updateButtons();
}

ReplayDialog::~ReplayDialog() = default;

void ReplayDialog::setPaths(const QStringList &paths)
{
    m_paths->setText(paths.join(Separator));
}

QStringList ReplayDialog::paths() const
{
    QStringList result;
    for (const QString &part : m_paths->text().split(Separator, Qt::SkipEmptyParts)) {
        const QString path = part.trimmed();
        if (!path.isEmpty())
            result << path;
    }
    return result;
}

void ReplayDialog::setPace(Replayer::Pace pace)
{
    m_pace->setCurrentIndex(m_pace->findData(int(pace)));
}

Replayer::Pace ReplayDialog::pace() const
{
    return Replayer::Pace(m_pace->currentData().toInt());
}

void ReplayDialog::setFormat(ReplayFormat format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

QString ReplayDialog::report() const
{
    return m_report->toPlainText();
}

void ReplayDialog::updateButtons()
{
    m_start->setEnabled(!paths().isEmpty());
}

void ReplayDialog::chooseFiles()
{
    const QStringList chosen = QFileDialog::getOpenFileNames(
        this, tr("Replay files"), ConfigActions::lastDirectory(),
        tr("Envelopes (*.json *.ndjson *.jsonl *.http);;All files (*)"));
    if (!chosen.isEmpty())
        setPaths(chosen);
}

void ReplayDialog::chooseFolder()
{
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Replay a folder"), ConfigActions::lastDirectory());
    if (!chosen.isEmpty())
        setPaths({chosen});
}

int ReplayDialog::start()
{
    const QStringList sources = paths();
    QStringList lines;
    if (sources.isEmpty()) {
        m_report->setPlainText(tr("Choose files or a folder first."));
        return 0;
    }
    const ReplayLoad load = ReplayLoader::load(sources, ReplayFormat(m_format->currentData().toInt()));
    int events = 0;
    int goodFiles = 0;
    for (const ReplayFile &file : load.files) {
        if (file.ok()) {
            ++goodFiles;
            events += file.eventCount();
        } else {
            lines << tr("✗ %1 — nothing from this file is published").arg(file.errorText());
        }
    }
    if (!load.skipped.isEmpty())
        lines << tr("Skipped %n file(s) that are no envelopes (e.g. %1)", nullptr, int(load.skipped.size()))
                     .arg(load.skipped.constFirst());
    const QList<ReplayEnvelope> envelopes = load.envelopes();
    if (envelopes.isEmpty()) {
        lines.prepend(tr("Nothing to replay."));
        m_report->setPlainText(lines.join(QLatin1Char('\n')));
        return 0;
    }
    if (m_publish)
        m_publish(envelopes, pace());
    lines.prepend(tr("Replaying %1 event(s) in %2 envelope(s) from %3 file(s), %4.")
                      .arg(events)
                      .arg(envelopes.size())
                      .arg(goodFiles)
                      .arg(pace() == Replayer::Pace::Original ? tr("at their original pace") : tr("as fast as possible")));
    m_report->setPlainText(lines.join(QLatin1Char('\n')));
    return events;
}

} // namespace hookscope
