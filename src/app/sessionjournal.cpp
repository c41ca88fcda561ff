#include "app/sessionjournal.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace hookscope {

namespace {

const QString preferenceKey = QStringLiteral("durability/journalForNewSessions");

QString tr(const char *text)
{
    return QCoreApplication::translate("SessionJournal", text);
}

} // namespace

QString SessionJournal::statusText() const
{
    switch (source) {
    case Source::None:
        break;
    case Source::Config:
        return tr("Queues: durable, journal %1 (configuration)").arg(QDir::toNativeSeparators(path));
    case Source::Preference:
        return tr("Queues: durable, journal %1 (preference)").arg(QDir::toNativeSeparators(path));
    }
    return tr("Queues: in memory");
}

QString SessionJournal::statusText(const QString &journalError) const
{
    if (journalError.isEmpty() || !isDurable())
        return statusText();
    // The journal's reason starts "journal cannot write: "; the label already names the journal.
    QString reason = journalError;
    const QString prefix = QStringLiteral("journal cannot write: ");
    if (reason.startsWith(prefix))
        reason = reason.mid(prefix.size());
    return tr("Queues: durable, journal %1 — cannot write: %2").arg(QDir::toNativeSeparators(path), reason);
}

QString SessionJournal::explanation() const
{
    switch (source) {
    case Source::None:
        break;
    case Source::Config:
        return tr("Queues, dead letters and totals are journalled in %1, as the configuration's hookscope.journal "
                  "says; they survive a crash or restart.").arg(QDir::toNativeSeparators(path));
    case Source::Preference:
        return tr("Queues, dead letters and totals are journalled in %1, the journal chosen for new sessions "
                  "(File › Durable queues for new sessions…); they survive a crash or restart.")
            .arg(QDir::toNativeSeparators(path));
    }
    return tr("Queues are kept in memory only, as the registry does: whatever is queued is lost when hookscope "
              "stops. Set hookscope.journal in the configuration, or choose a journal for new sessions in "
              "File › Durable queues for new sessions…");
}

SessionJournal resolveSessionJournal(const AppConfig &config, const QString &preferredPath, bool demo)
{
    if (!config.journalPath.isEmpty())
        return {config.journalPath, SessionJournal::Source::Config};
    const QString preferred = preferredPath.trimmed();
    if (demo || preferred.isEmpty())
        return {};
    return {preferred, SessionJournal::Source::Preference};
}

AppConfig applySessionJournal(AppConfig config, const SessionJournal &journal)
{
    config.journalPath = journal.path;
    return config;
}

QString sessionJournalRefusal(const SessionJournal &journal, const QString &journalError)
{
    // Only the journal's own refusals name its file (absolute); an ingest port in use does not.
    if (journal.source != SessionJournal::Source::Preference
        || !journalError.contains(QFileInfo(journal.path).absoluteFilePath()))
        return journalError;
    return tr("%1\n\nThis journal is the one chosen for new sessions (File › Durable queues for new sessions…). "
              "Make the file writable, or forget the setting to start with in-memory queues.")
        .arg(journalError);
}

QString preferredJournalPath(const QSettings &settings)
{
    return settings.value(preferenceKey).toString();
}

void setPreferredJournalPath(QSettings &settings, const QString &path)
{
    if (path.trimmed().isEmpty())
        settings.remove(preferenceKey);
    else
        settings.setValue(preferenceKey, path.trimmed());
}

} // namespace hookscope
