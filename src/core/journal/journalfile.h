#pragma once

#include "journal/journalops.h"

#include <QLockFile>
#include <QString>

#include <limits>
#include <memory>

class QSqlQuery;

namespace hookscope {

// The journal's SQLite file: opening it safely (lock, version, integrity), applying a batch of
// operations as one durable transaction, and reading everything back. Synchronous and single-threaded:
// a QSqlDatabase connection may only be used on the thread that opened it.
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
    bool open(const QString &path, QString *error);
    void close();
    bool isOpen() const { return m_open; }
    QString path() const { return m_path; }

    // Applies every operation in one transaction; when it returns true the batch is on disk
    // (synchronous=FULL: the WAL is fsynced at commit). On false nothing of the batch was applied.
    bool apply(const QVector<JournalOp> &ops, QString *error);

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
    bool exec(const QString &sql, QString *error);
    bool prepareStatements(QString *error);
    bool checkSchema(QString *error);
    bool applyOne(const JournalOp &op, QString *error);
    QString fail(const QString &what, const QString &detail) const;

    QString m_path;
    QString m_connection;
    std::unique_ptr<QLockFile> m_lock;
    bool m_open = false;
    struct Statements;
    std::unique_ptr<Statements> m_statements;
};

} // namespace hookscope
