#pragma once

#include <QString>

namespace hookscope {

// Decides, before anything is written, whether the file at a journal path may be opened and
// appended to. JournalFile::open asks it after taking the lock and before its own connection.
//
// - Nothing is written to a file before it is known to be a hookscope journal (or to be new): the
//   header is read with QFile (SQLite's magic), then the integrity, schema version and meta table
//   through a read-only connection. An unknown file, a corrupt one or one from a newer hookscope is
//   refused and left exactly as it was.
// - Loss detection: PATH.hwm (JournalMark) records a commit sequence the journal is known to have
//   reached. A journal that is missing, empty or without tables where the mark expects data, whose
//   last commit is below the mark (a deleted -wal, an older copy restored) or whose id is not the
//   mark's (the file was replaced) is refused instead of silently starting over.
// - Reset never deletes: with resetAfterLoss, such a journal (only a loss, never another refusal) is
//   moved aside to PATH.reset-TIMESTAMP with its -wal, -shm and mark, and the caller starts anew.
class JournalInspector
{
public:
    // What the read-only probe found in the file.
    struct Found
    {
        bool hasSchema = false;   // false: missing, empty, or an SQLite file without tables
        QString journalId;        // empty in a journal written before ids and marks
        qint64 sequence = 0;
    };

    // `path` is absolute; `schemaVersion` the newest journal version this build reads.
    JournalInspector(const QString &path, int schemaVersion);

    // The probe, then the mark check. True: the file may be opened; `found` is what it holds (reset to
    // a new journal's when it was moved aside). False: `error` says why and what to do.
    bool check(bool resetAfterLoss, Found *found, QString *error);
    // After a reset: what was moved where. Empty otherwise.
    QString resetNote() const { return m_resetNote; }

private:
    bool inspect(Found *found, QString *error);
    bool checkMark(const Found &found, bool resetAfterLoss, bool *reset, QString *error);
    bool moveAside(QString *error);
    QString fail(const QString &what, const QString &detail) const;

    QString m_path;
    int m_schemaVersion;
    QString m_resetNote;
};

} // namespace hookscope
