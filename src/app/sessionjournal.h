#pragma once

#include "core/config/appconfig.h"

#include <QString>

class QSettings;

namespace hookscope {

// Where this session keeps its queues, and why: the configuration's hookscope.journal, the
// operator's "durable queues for new sessions" preference, or nowhere (in memory, as the
// registry). Resolved once before the engine starts; a pure function of its inputs, so the
// precedence is tested without a window or a settings file.
struct SessionJournal
{
    enum class Source { None, Config, Preference };
    QString path;
    Source source = Source::None;

    bool isDurable() const { return !path.isEmpty(); }
    // One line for the status bar: "Queues: durable, journal /x/q.db (configuration)" or
    // "Queues: in memory".
    QString statusText() const;
    // The same with the journal's health from the engine snapshot: while it cannot write,
    // "Queues: durable, journal /x/q.db — cannot write: database or disk is full (…)".
    QString statusText(const QString &journalError) const;
    // A sentence for a tooltip or a dialog.
    QString explanation() const;

    bool operator==(const SessionJournal &other) const { return path == other.path && source == other.source; }
};

// The configuration's own hookscope.journal always wins. Otherwise the preference, except for
// the embedded demo: its endpoints are created after recovery, so a journal would bring back
// demo events it cannot place, and generated traffic is not worth keeping.
SessionJournal resolveSessionJournal(const AppConfig &config, const QString &preferredPath, bool demo);

// `config` as the runtime must start it: with the resolved journal path.
AppConfig applySessionJournal(AppConfig config, const SessionJournal &journal);

// What the operator is told when the runtime refuses to start: the error as it is (the journal's
// own refusals name the file and the reason), plus, when it is the preferred journal that was
// refused, where that setting lives.
QString sessionJournalRefusal(const SessionJournal &journal, const QString &journalError);

// The preference itself, in QSettings ("durability/journalForNewSessions"); empty: off.
QString preferredJournalPath(const QSettings &settings);
void setPreferredJournalPath(QSettings &settings, const QString &path);

} // namespace hookscope
