#pragma once

#include <QString>

namespace hookscope {

// The journal's high-water mark: PATH.hwm, a small file beside the journal naming the journal (its
// id, from its meta table) and a commit sequence it is known to have reached. It lives outside the
// SQLite files on purpose: losing the -wal loses exactly the commits not yet checkpointed into the
// main file, and a mark kept inside either would go with them. JournalFile writes it after the first
// commit following each checkpoint, before that commit is acknowledged; see docs/JOURNAL.md for why
// that one write per checkpoint is enough to notice a lost -wal.
struct JournalMark
{
    QString journalId;
    qint64 sequence = 0;

    static QString pathFor(const QString &journalPath) { return journalPath + QStringLiteral(".hwm"); }

    // False with *error when the file exists but cannot be read or is not a mark. A missing file
    // is not an error: *found is false then.
    static bool read(const QString &path, JournalMark *mark, bool *found, QString *error);
    // Replaces the file atomically and durably: a temporary file, fsync, rename, fsync of the folder.
    // A crash leaves the old mark or the new one, never a torn one.
    bool write(const QString &path, QString *error) const;
};

} // namespace hookscope
