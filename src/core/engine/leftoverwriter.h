#pragma once

#include "core/base/deadletter.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QVector>

namespace hookscope {

// One event an in-memory engine still held when it stopped: queued, in flight, or a dead letter
// nobody replayed. Without a journal it would vanish with the process.
struct Leftover
{
    QString endpoint;
    DeadLetter letter;   // reason "closed" for what the shutdown drain did not deliver
};

// Writes an in-memory engine's leftovers at shutdown as NDJSON, one line per event:
//   {"endpoint":NAME,"id":ID,"reason":R,"attempts":N,"lastError":E,"at":T,"event":{...}}
// "event" is the event's JSON bytes exactly as they were accepted (compact, original key order),
// so `replay: format: ndjson` (ReplayLoader) reads the file back and relays what was received.
class LeftoverWriter
{
public:
    // $XDG_STATE_HOME/hookscope/leftovers-YYYYMMDD-HHMMSS.ndjson, ~/.local/state when unset (the
    // XDG base directory default), the time in local time as an operator reads it.
    static QString defaultPath(const QDateTime &now = QDateTime::currentDateTime());
    static QByteArray line(const Leftover &leftover);   // no trailing newline
    // Creates the folder, writes every line, and renames into place only when all of it is on
    // disk (QSaveFile): a partial file never looks complete. On failure *error names the path and
    // the system's reason ("Permission denied").
    static bool write(const QString &path, const QVector<Leftover> &leftovers, QString *error);
    // The fallback when the file could not be written: "endpoint NAME: id1 id2 ..." per endpoint,
    // so what was accepted is at least named on stderr.
    static QStringList idListing(const QVector<Leftover> &leftovers);
    // What the operator is told once the file is written: "20 event(s) left undelivered, written
    // to PATH", naming the older dead letters apart when there were some. `left`: what the
    // shutdown drain did not deliver; the rest of `leftovers` were dead letters already.
    static QString writtenNote(qsizetype left, const QVector<Leftover> &leftovers, const QString &path);
};

} // namespace hookscope
