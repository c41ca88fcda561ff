#pragma once

#include "core/journal/journallock.h"
#include "core/journal/journalops.h"

#include <QString>

#include <limits>
#include <memory>

class QSqlQuery;

namespace hookscope {

class JournalStatements;

// The journal's SQLite file: opening it safely (lock, version, integrity, high-water mark), applying a
// batch of operations as one durable transaction, and reading everything back. The read-only checks
// before opening are JournalInspector's, the reads JournalReader's; this class owns the connection. Synchronous and
// single-threaded: a QSqlDatabase connection may only be used on the thread that opened it.
//
// Nothing is written to a file before it is known to be a hookscope journal (or to be new): the
// header is read with QFile and the schema through a read-only connection first. Every commit also
// advances `commit_seq` in the meta table; PATH.hwm (JournalMark) keeps a sequence the journal is
// known to have reached, so a journal that lost its -wal, was truncated or replaced by an older copy
// is refused instead of silently starting over.
class JournalFile
{
public:
    static constexpr int SchemaVersion = 1;

    JournalFile();
    ~JournalFile();
    JournalFile(const JournalFile &) = delete;
    JournalFile &operator=(const JournalFile &) = delete;

    // Creates the file when missing. Refuses, with a message naming the file and what to do: a path
    // that cannot be written, a file another process holds, a file that is not an intact hookscope
    // journal, or one written by a newer hookscope.
    // With `resetAfterLoss`, a journal refused because data is missing (empty or missing file where
    // the mark expects data, a sequence below the mark, another journal's mark) is moved aside to
    // PATH.reset-TIMESTAMP (with its -wal and mark), never deleted, and a new one is started;
    // resetNote() then says what was moved where. Other refusals stay refusals.
    bool open(const QString &path, QString *error, bool resetAfterLoss = false);
    QString resetNote() const { return m_resetNote; }
    void close();
    bool isOpen() const { return m_open; }
    QString path() const { return m_path; }

    // Applies every operation in one transaction; when it returns true the batch is on disk
    // (synchronous=FULL: the WAL is fsynced at commit). On false nothing of the batch was applied.
    bool apply(const QVector<JournalOp> &ops, QString *error);

    // The sequence of the last commit (0: none yet) and the journal's id, as in its meta table.
    qint64 sequence() const { return m_sequence; }
    QString journalId() const { return m_journalId; }
    // Checkpoints the WAL into the main file every `commits` commits or 20,000 operations (and at
    // close). SQLite's own
    // automatic checkpoint is off so that the mark knows when one happened.
    void setCheckpointEvery(int commits) { m_checkpointEvery = qMax(1, commits); }
    bool checkpoint(QString *error);

    // Test seam for a full disk: PRAGMA max_page_count caps the file at `pages` (SQLite clamps it
    // to the current size at least), after which growing writes fail with SQLITE_FULL, exactly
    // as ENOSPC does. Returns the cap in force.
    qint64 setMaxPageCount(qint64 pages);

    // Reads the state back at start: every endpoint's first `window` queue rows with their events,
    // the row counts, all dead letters, totals and reference counts; never the whole queue.
    bool load(JournalContents *contents, QString *error,
              qsizetype window = std::numeric_limits<qsizetype>::max());
    // Up to `count` queue rows of `endpoint` from `position` on, as records whose journalKey() is
    // (tag | key). A read, so it may run between commits.
    QueueRows readQueue(const QString &endpoint, qint64 position, qsizetype count, qint64 tag);
    // Every event key the endpoint's queue rows refer to, in queue order.
    bool queueKeys(const QString &endpoint, QVector<qint64> *keys, QString *error);

private:
    bool createSchema(QString *error);
    bool writeMark();
    bool exec(const QString &sql, QString *error);
    QString fail(const QString &what, const QString &detail) const;

    QString m_path;
    QString m_connection;
    JournalLock m_lock;
    bool m_open = false;
    QString m_resetNote;
    QString m_journalId;
    qint64 m_sequence = 0;
    bool m_markDue = true;            // the next commit writes the mark (after open, after a checkpoint)
    int m_checkpointEvery = 128;
    int m_commitsSinceCheckpoint = 0;
    qsizetype m_opsSinceCheckpoint = 0;
    static constexpr qsizetype CheckpointOps = 20000;
    std::unique_ptr<JournalStatements> m_statements;
};

} // namespace hookscope
