#pragma once

#include "core/model/eventrecord.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace hookscope {

enum class ReplayFormat {
    Auto,      // by extension (.ndjson, .jsonl) or content
    Fixture,   // one envelope per file ({"events": [...]}, pretty-printed or not), optionally
               // preceded by the captured HTTP request line and headers
    Ndjson,    // one event or one envelope per line
};

// One envelope to publish again, with where it came from.
struct ReplayEnvelope
{
    EventBlock events;
    qint64 timestampNs = 0;   // its first event's timestamp (original pacing)
    QString origin;           // "file:line"
};

// What one file gave: every envelope, or an error naming the line (and then no envelope at all,
// so a half-read file never publishes half its content).
struct ReplayFile
{
    QString path;
    QList<ReplayEnvelope> envelopes;
    QString error;   // empty when the file loaded
    int line = 0;    // 1-based line of the error; 0 for a whole-file problem
    bool ok() const { return error.isEmpty(); }
    QString errorText() const;   // "path:line: error"
    int eventCount() const;
};

struct ReplayLoad
{
    QList<ReplayFile> files;      // in replay order; failed ones included, with their errors
    QStringList skipped;          // folder entries that are no replay file (e.g. index.tsv)

    QList<ReplayEnvelope> envelopes() const;   // of the files that loaded, in order
    QStringList errors() const;                // errorText() of each failed file
};

// Reads envelopes for replay from files and folders. Every event must be a registry event
// (EventValidator); each keeps its JSON bytes as written, so a replay relays what was captured.
class ReplayLoader
{
public:
    static bool formatFromName(const QString &name, ReplayFormat *format);

    // Files and folders (a folder's *.json, *.ndjson, *.jsonl and *.http, by name; not recursive).
    static ReplayLoad load(const QStringList &paths, ReplayFormat format = ReplayFormat::Auto);
    static ReplayFile loadFile(const QString &path, ReplayFormat format = ReplayFormat::Auto);
    // `name` is used in origins and errors.
    static ReplayFile parse(const QByteArray &data, const QString &name, ReplayFormat format);
};

} // namespace hookscope
