#include "core/journal/journalfile.h"

#include "core/journal/journalinspector.h"
#include "core/journal/journalmark.h"
#include "core/journal/journalreader.h"
#include "core/journal/journalsql.h"
#include "core/journal/journalstatements.h"

#include <QFileInfo>
#include <QLoggingCategory>
#include <QUuid>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

namespace hookscope {

Q_LOGGING_CATEGORY(lcJournalFile, "hookscope.core.journal")

using journalsql::Driver;
using journalsql::isLockedError;
using journalsql::sqlError;

JournalFile::JournalFile() = default;

JournalFile::~JournalFile()
{
    close();
}

QString JournalFile::fail(const QString &what, const QString &detail) const
{
    return journalsql::fail(m_path, what, detail);
}

bool JournalFile::open(const QString &path, QString *error, bool resetAfterLoss)
{
    close();
    m_path = QFileInfo(path).absoluteFilePath();
    m_resetNote.clear();
    if (!QSqlDatabase::isDriverAvailable(Driver)) {
        *error = fail(QStringLiteral("the Qt SQLite driver is missing"),
                      QStringLiteral("install libqt6sql6-sqlite"));
        return false;
    }
    const QFileInfo dir(QFileInfo(m_path).absolutePath());
    if (!dir.isDir() || !dir.isWritable()) {
        *error = fail(QStringLiteral("cannot write to its folder %1").arg(dir.absoluteFilePath()),
                      dir.isDir() ? QStringLiteral("permission denied; choose a writable path")
                                  : QStringLiteral("no such folder; create it or choose another path"));
        return false;
    }
    const QFileInfo file(m_path);
    if (file.exists() && (!file.isFile() || !file.isWritable())) {
        *error = fail(QStringLiteral("cannot be written"),
                      QStringLiteral("not a writable file; fix its permissions or choose another path"));
        return false;
    }
    // An OS lock on PATH.lock: two hookscopes appending to one journal would each believe their
    // view of the queues; the second must refuse. The kernel drops it with its holder, so a killed
    // process never leaves it behind, whatever PID its lock file names.
    QString holder;
    switch (m_lock.acquire(m_path + QStringLiteral(".lock"), &holder)) {
    case JournalLock::Result::Locked:
        break;
    case JournalLock::Result::HeldElsewhere:
        *error = fail(QStringLiteral("is locked"), holder + QStringLiteral("; stop it or use another journal"));
        return false;
    case JournalLock::Result::Failed:
        *error = fail(QStringLiteral("is locked"), holder + QStringLiteral("; check the folder's permissions"));
        return false;
    }

    // Read-only first: what is there, and whether it is ours. Only then is anything written.
    JournalInspector inspector(m_path, SchemaVersion);
    JournalInspector::Found found;
    if (!inspector.check(resetAfterLoss, &found, error)) {
        close();
        return false;
    }
    m_resetNote = inspector.resetNote();

    m_connection = journalsql::connectionName("hookscope-journal");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(Driver, m_connection);
        db.setDatabaseName(m_path);
        // Fail at once rather than wait when SQLite finds the file busy (the Qt default is 5 s).
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
        if (!db.open()) {
            *error = fail(QStringLiteral("cannot be opened"), sqlError(db.lastError()));
            close();
            return false;
        }
    }
    m_open = true;
    // EXCLUSIVE before WAL: SQLite then keeps the WAL index in process memory (no -shm file) and holds
    // the file lock for the whole session, a second guard besides the lock file.
    // synchronous=FULL: with WAL, NORMAL may lose the last commits on power loss; FULL fsyncs the WAL
    // at every commit, which is what "acknowledged means durable" needs. Group commit pays for it.
    // wal_autocheckpoint=0: checkpoints are ours (checkpoint()), so the mark knows when the WAL was
    // folded into the main file.
    const QStringList pragmas{QStringLiteral("PRAGMA locking_mode=EXCLUSIVE"),
                              QStringLiteral("PRAGMA journal_mode=WAL"),
                              QStringLiteral("PRAGMA synchronous=FULL"),
                              QStringLiteral("PRAGMA foreign_keys=OFF"),
                              QStringLiteral("PRAGMA wal_autocheckpoint=0")};
    for (const QString &pragma : pragmas) {
        QString why;
        if (!exec(pragma, &why)) {
            *error = isLockedError(why)
                ? fail(QStringLiteral("is locked"), why + QStringLiteral("; another process has it open"))
                : fail(QStringLiteral("is not a usable SQLite database"),
                       why + QStringLiteral("; move it aside (it is kept as is) and start again"));
            close();
            return false;
        }
    }
    m_journalId = found.journalId;
    m_sequence = found.sequence;
    if (!found.hasSchema || m_journalId.isEmpty()) {
        if (!createSchema(error)) {
            close();
            return false;
        }
    }
    m_statements = std::make_unique<JournalStatements>(QSqlDatabase::database(m_connection, false));
    QString why;
    if (!m_statements->prepare(&why)) {
        *error = fail(QStringLiteral("has an unexpected schema"), why);
        close();
        return false;
    }
    m_markDue = true;
    m_commitsSinceCheckpoint = 0;
    m_opsSinceCheckpoint = 0;
    return true;
}

bool JournalFile::createSchema(QString *error)
{
    // A new journal, or one from before ids and marks: create what is missing in one transaction.
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const bool fresh = db.tables().isEmpty();
    m_journalId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QStringList create;
    if (fresh) {
        create = QStringList{
            QStringLiteral("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            // The hot fields have columns of their own so that recovery does not parse every event.
            QStringLiteral("CREATE TABLE events(key INTEGER PRIMARY KEY, event_id TEXT NOT NULL, "
                           "json BLOB NOT NULL, accepted_ms INTEGER NOT NULL, action TEXT NOT NULL, "
                           "media_type TEXT NOT NULL, repository TEXT NOT NULL, tag TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE queue(endpoint TEXT NOT NULL, position INTEGER NOT NULL, "
                           "event_key INTEGER NOT NULL, sent INTEGER NOT NULL DEFAULT 0, "
                           "PRIMARY KEY(endpoint, position)) WITHOUT ROWID"),
            QStringLiteral("CREATE TABLE dead_letters(endpoint TEXT NOT NULL, position INTEGER NOT NULL, "
                           "event_key INTEGER NOT NULL, reason TEXT NOT NULL, at_ms INTEGER NOT NULL, "
                           "attempts INTEGER NOT NULL, last_error TEXT NOT NULL, "
                           "PRIMARY KEY(endpoint, position)) WITHOUT ROWID"),
            QStringLiteral("CREATE TABLE totals(endpoint TEXT PRIMARY KEY, json BLOB NOT NULL)"),
            QStringLiteral("INSERT INTO meta(key, value) VALUES('schema_version', '%1')").arg(SchemaVersion),
            QStringLiteral("INSERT INTO meta(key, value) VALUES('application', 'hookscope')"),
        };
    }
    create << QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES('journal_id', '%1')").arg(m_journalId)
           << QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES('commit_seq', '%1')").arg(m_sequence);
    if (!db.transaction()) {
        *error = fail(QStringLiteral("cannot be initialised"), sqlError(db.lastError()));
        return false;
    }
    for (const QString &sql : create) {
        QString why;
        if (!exec(sql, &why)) {
            db.rollback();
            *error = fail(QStringLiteral("cannot be initialised"), why);
            return false;
        }
    }
    if (!db.commit()) {
        *error = fail(QStringLiteral("cannot be initialised"), sqlError(db.lastError()));
        return false;
    }
    return true;
}

void JournalFile::close()
{
    m_statements.reset();
    if (!m_connection.isEmpty()) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
        m_connection.clear();
    }
    m_open = false;
    m_lock.release();
}

bool JournalFile::exec(const QString &sql, QString *error)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(sql)) {
        *error = sqlError(query.lastError());
        return false;
    }
    return true;
}

bool JournalFile::apply(const QVector<JournalOp> &ops, QString *error)
{
    if (!m_open) {
        *error = fail(QStringLiteral("is not open"), QStringLiteral("a previous error closed it"));
        return false;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    // "journal cannot write: database or disk is full (PATH)": the reason ingest and /healthz give.
    const auto cannotWrite = [this](const QString &why) {
        return QStringLiteral("journal cannot write: %1 (%2)").arg(why, m_path);
    };
    if (!db.transaction()) {
        *error = cannotWrite(sqlError(db.lastError()));
        return false;
    }
    for (const JournalOp &op : ops) {
        QString why;
        if (!m_statements->apply(op, &why)) {
            db.rollback();
            *error = cannotWrite(why);
            return false;
        }
    }
    // The commit's sequence, in the same transaction as its changes: what the mark is compared with.
    QString reason;
    if (!m_statements->writeSequence(m_sequence + 1, &reason)) {
        db.rollback();
        *error = cannotWrite(reason);
        return false;
    }
    if (!db.commit()) {
        // Disk full lands here or above (SQLITE_FULL): the transaction is rolled back, nothing
        // half-written, and the same batch can be applied again once there is room.
        reason = sqlError(db.lastError());
        db.rollback();
        *error = cannotWrite(reason);
        return false;
    }
    ++m_sequence;
    // The first commit after open or after a checkpoint is the first one only the WAL holds: the
    // mark must pass the main file's sequence before it is acknowledged (see docs/JOURNAL.md).
    if (m_markDue && writeMark())
        m_markDue = false;
    // Every m_checkpointEvery commits, or sooner when large batches make the WAL grow (about 1 KB
    // per operation: 20,000 keep it near 20-40 MB, SQLite's own default is 4 MB).
    m_opsSinceCheckpoint += ops.size();
    if (++m_commitsSinceCheckpoint >= m_checkpointEvery || m_opsSinceCheckpoint >= CheckpointOps) {
        QString why;
        if (!checkpoint(&why))
            qCWarning(lcJournalFile).noquote() << why;
    }
    return true;
}

bool JournalFile::writeMark()
{
    JournalMark mark;
    mark.journalId = m_journalId;
    mark.sequence = m_sequence;
    QString why;
    if (mark.write(JournalMark::pathFor(m_path), &why))
        return true;
    // The commit itself is durable; only the check for a lost -wal is weaker until the next try.
    qCWarning(lcJournalFile).noquote() << "journal" << m_path << ": cannot update its mark:" << why;
    return false;
}

bool JournalFile::checkpoint(QString *error)
{
    if (!m_open)
        return false;
    m_commitsSinceCheckpoint = 0;
    m_opsSinceCheckpoint = 0;
    // Whatever happened, the WAL may now be (partly) in the main file: the next commit marks again.
    m_markDue = true;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"))) {
        *error = fail(QStringLiteral("checkpoint failed"), sqlError(query.lastError()));
        return false;
    }
    return true;
}

qint64 JournalFile::setMaxPageCount(qint64 pages)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(QStringLiteral("PRAGMA max_page_count=%1").arg(pages)) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

bool JournalFile::load(JournalContents *contents, QString *error, qsizetype window)
{
    return JournalReader(m_connection, m_path).load(contents, error, window);
}

QueueRows JournalFile::readQueue(const QString &endpoint, qint64 position, qsizetype count, qint64 tag)
{
    if (!m_open) {
        QueueRows rows;
        rows.first = position;
        rows.error = fail(QStringLiteral("is not open"), QStringLiteral("a previous error closed it"));
        return rows;
    }
    return JournalReader(m_connection, m_path).readQueue(endpoint, position, count, tag);
}

bool JournalFile::queueKeys(const QString &endpoint, QVector<qint64> *keys, QString *error)
{
    return JournalReader(m_connection, m_path).queueKeys(endpoint, keys, error);
}

} // namespace hookscope
