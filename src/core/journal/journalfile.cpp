#include "journal/journalfile.h"

#include "journal/journalmark.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QLoggingCategory>
#include <QUuid>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace hookscope {

Q_LOGGING_CATEGORY(lcJournalFile, "hookscope.core.journal")

namespace {

const QString Driver = QStringLiteral("QSQLITE");
QAtomicInt connectionCounter;

QString sqlError(const QSqlError &error)
{
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return text.isEmpty() ? QStringLiteral("unknown SQLite error") : text;
}

// Qt binds a null QString as SQL NULL; an empty text is still a text.
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace

struct JournalFile::Statements
{
    explicit Statements(const QSqlDatabase &db)
        : insertEvent(db), deleteEvent(db), enqueue(db), dequeueBefore(db), markSent(db), addDead(db),
          removeDead(db), setTotals(db), dropQueue(db), dropDead(db), dropTotals(db), renameQueue(db),
          renameDead(db), renameTotals(db), setSequence(db)
    {
    }
    QSqlQuery insertEvent, deleteEvent, enqueue, dequeueBefore, markSent, addDead, removeDead, setTotals,
        dropQueue, dropDead, dropTotals, renameQueue, renameDead, renameTotals, setSequence;
};

JournalFile::JournalFile() = default;

JournalFile::~JournalFile()
{
    close();
}

QString JournalFile::fail(const QString &what, const QString &detail) const
{
    return QStringLiteral("journal %1: %2 (%3)").arg(m_path, what, detail);
}

namespace {

const QByteArray SqliteMagic("SQLite format 3\0", 16);

bool isLockedError(const QString &text)
{
    return text.contains(QLatin1String("locked")) || text.contains(QLatin1String("busy"));
}

} // namespace

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
    Found found;
    bool reset = false;
    if (!inspect(&found, error) || !checkMark(found, resetAfterLoss, &reset, error)) {
        close();
        return false;
    }
    if (reset)
        found = Found();

    m_connection = QStringLiteral("hookscope-journal-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
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
    if (!prepareStatements(error)) {
        close();
        return false;
    }
    m_markDue = true;
    m_commitsSinceCheckpoint = 0;
    m_opsSinceCheckpoint = 0;
    return true;
}

bool JournalFile::inspect(Found *found, QString *error)
{
    QFile file(m_path);
    if (!file.exists() || file.size() == 0)
        return true;
    // Not even SQLite: say so from the bytes, without letting SQLite near it.
    if (!file.open(QIODevice::ReadOnly)) {
        *error = fail(QStringLiteral("cannot be read"), file.errorString());
        return false;
    }
    const QByteArray header = file.read(100);
    file.close();
    const QString keep = QStringLiteral("; hookscope will not overwrite it: move it aside, salvage it with "
                                        "sqlite3 .recover, or start with a new journal");
    if (!header.startsWith(SqliteMagic)) {
        *error = fail(QStringLiteral("is not an SQLite file"), QStringLiteral("unknown header") + keep);
        return false;
    }
    // A read-only connection cannot change the file; to read a WAL-mode database it may create a
    // -shm and an empty -wal file, which are removed again when they were not there before.
    const QString shm = m_path + QStringLiteral("-shm");
    const QString wal = m_path + QStringLiteral("-wal");
    const bool hadShm = QFileInfo::exists(shm);
    const bool hadWal = QFileInfo::exists(wal);
    const QString name = QStringLiteral("hookscope-journal-check-%1").arg(connectionCounter.fetchAndAddRelaxed(1));
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(Driver, name);
        db.setDatabaseName(m_path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=0"));
        auto refuse = [&](const QString &what, const QString &detail) {
            *error = fail(what, detail);
            ok = false;
        };
        if (!db.open()) {
            refuse(QStringLiteral("cannot be opened"), sqlError(db.lastError()));
        } else {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("PRAGMA quick_check")) || !query.next()
                || query.value(0).toString() != QLatin1String("ok")) {
                const QString detail = query.lastError().isValid() ? sqlError(query.lastError())
                                                                   : query.value(0).toString();
                if (isLockedError(detail))
                    refuse(QStringLiteral("is locked"), detail + QStringLiteral("; another process has it open"));
                else
                    refuse(QStringLiteral("is corrupt"), detail + keep);
            }
            query.finish();
            const QStringList tables = ok ? db.tables() : QStringList();
            QHash<QString, QString> meta;
            if (ok && tables.contains(QStringLiteral("meta")) && query.exec(QStringLiteral("SELECT key, value FROM meta"))) {
                while (query.next())
                    meta.insert(query.value(0).toString(), query.value(1).toString());
            }
            query.finish();
            const QString application = meta.value(QStringLiteral("application"), QStringLiteral("hookscope"));
            const int version = meta.value(QStringLiteral("schema_version")).toInt();
            if (!ok || tables.isEmpty()) {
                // Nothing to check (or already refused).
            } else if (!meta.contains(QStringLiteral("schema_version")) || application != QLatin1String("hookscope")) {
                refuse(QStringLiteral("is not a hookscope journal"),
                       QStringLiteral("an SQLite database without hookscope's schema version; it is left as it is; "
                                      "choose another path"));
            } else if (version > SchemaVersion) {
                refuse(QStringLiteral("was written by a newer hookscope (journal version %1, this build reads "
                                      "up to %2)").arg(version).arg(SchemaVersion),
                       QStringLiteral("run that newer hookscope, or start this one with another journal"));
            } else if (version < 1) {
                refuse(QStringLiteral("has an invalid schema version \"%1\"").arg(meta.value(QStringLiteral("schema_version"))),
                       QStringLiteral("choose another path"));
            } else {
                found->hasSchema = true;
                found->journalId = meta.value(QStringLiteral("journal_id"));
                found->sequence = meta.value(QStringLiteral("commit_seq")).toLongLong();
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    if (!hadShm)
        QFile::remove(shm);
    if (!hadWal && QFileInfo::exists(wal) && QFileInfo(wal).size() == 0)
        QFile::remove(wal);
    return ok;
}

bool JournalFile::checkMark(const Found &found, bool resetAfterLoss, bool *reset, QString *error)
{
    const QString markPath = JournalMark::pathFor(m_path);
    JournalMark mark;
    bool hasMark = false;
    QString why;
    QString loss;   // empty: nothing known to be missing
    if (!JournalMark::read(markPath, &mark, &hasMark, &why)) {
        loss = why + QStringLiteral(" (so what the journal should hold is unknown)");
    } else if (!hasMark) {
        return true;   // a new journal, or one from before marks: nothing to compare with
    } else if (!found.hasSchema) {
        if (mark.sequence > 0) {
            loss = QStringLiteral("it is %1, but %2 records commits up to %3: its data is gone (truncated, "
                                  "deleted or replaced?)")
                       .arg(!QFileInfo::exists(m_path)       ? QStringLiteral("missing")
                                : QFileInfo(m_path).size() == 0 ? QStringLiteral("empty")
                                                                : QStringLiteral("without any table"),
                            markPath).arg(mark.sequence);
        }
    } else if (!found.journalId.isEmpty() && found.journalId != mark.journalId) {
        loss = QStringLiteral("%1 belongs to another journal (id %2, this file has %3): the file was replaced")
                   .arg(markPath, mark.journalId, found.journalId);
    } else if (found.sequence < mark.sequence) {
        loss = QStringLiteral("its last commit is %1 but %2 records %3: committed changes are missing, the -wal "
                              "file was probably deleted or an older copy restored")
                   .arg(found.sequence).arg(markPath).arg(mark.sequence);
    }
    if (loss.isEmpty())
        return true;
    if (!resetAfterLoss) {
        *error = fail(QStringLiteral("is missing committed data"),
                      loss + QStringLiteral("; it is kept as it is: restore the missing files, or start with "
                                            "--journal-reset to move it aside and begin a new journal"));
        return false;
    }
    if (!moveAside(error))
        return false;
    *reset = true;
    return true;
}

bool JournalFile::moveAside(QString *error)
{
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    QString base = m_path + QStringLiteral(".reset-") + stamp;
    for (int n = 2; QFileInfo::exists(base) || QFileInfo::exists(base + QStringLiteral(".hwm")); ++n)
        base = m_path + QStringLiteral(".reset-%1-%2").arg(stamp).arg(n);
    QStringList moved;
    const QList<QPair<QString, QString>> files{{m_path, base},
                                               {m_path + QStringLiteral("-wal"), base + QStringLiteral("-wal")},
                                               {m_path + QStringLiteral("-shm"), base + QStringLiteral("-shm")},
                                               {JournalMark::pathFor(m_path), base + QStringLiteral(".hwm")}};
    for (const auto &[from, to] : files) {
        if (!QFileInfo::exists(from))
            continue;
        if (!QFile::rename(from, to)) {
            *error = fail(QStringLiteral("cannot be reset"),
                          QStringLiteral("moving %1 to %2 failed; nothing was deleted").arg(from, to));
            return false;
        }
        moved << QStringLiteral("%1 -> %2").arg(from, to);
    }
    m_resetNote = QStringLiteral("journal %1: --journal-reset moved the old journal aside (%2); starting a new one")
                      .arg(m_path, moved.join(QStringLiteral(", ")));
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

bool JournalFile::prepareStatements(QString *error)
{
    m_statements = std::make_unique<Statements>(QSqlDatabase::database(m_connection, false));
    Statements &s = *m_statements;
    const QList<QPair<QSqlQuery *, QString>> all{
        {&s.insertEvent, QStringLiteral("INSERT INTO events(key, event_id, json, accepted_ms, action, media_type, "
                                        "repository, tag) VALUES(?, ?, ?, ?, ?, ?, ?, ?)")},
        {&s.deleteEvent, QStringLiteral("DELETE FROM events WHERE key = ?")},
        {&s.enqueue, QStringLiteral("INSERT INTO queue(endpoint, position, event_key, sent) VALUES(?, ?, ?, 0)")},
        {&s.dequeueBefore, QStringLiteral("DELETE FROM queue WHERE endpoint = ? AND position < ?")},
        {&s.markSent, QStringLiteral("UPDATE queue SET sent = 1 WHERE endpoint = ? AND position >= ? AND position < ?")},
        {&s.addDead, QStringLiteral("INSERT INTO dead_letters(endpoint, position, event_key, reason, at_ms, attempts, "
                                    "last_error) VALUES(?, ?, ?, ?, ?, ?, ?)")},
        {&s.removeDead, QStringLiteral("DELETE FROM dead_letters WHERE endpoint = ? AND event_key = ?")},
        {&s.setTotals, QStringLiteral("INSERT OR REPLACE INTO totals(endpoint, json) VALUES(?, ?)")},
        {&s.dropQueue, QStringLiteral("DELETE FROM queue WHERE endpoint = ?")},
        {&s.dropDead, QStringLiteral("DELETE FROM dead_letters WHERE endpoint = ?")},
        {&s.dropTotals, QStringLiteral("DELETE FROM totals WHERE endpoint = ?")},
        {&s.renameQueue, QStringLiteral("UPDATE queue SET endpoint = ? WHERE endpoint = ?")},
        {&s.renameDead, QStringLiteral("UPDATE dead_letters SET endpoint = ? WHERE endpoint = ?")},
        {&s.renameTotals, QStringLiteral("UPDATE OR REPLACE totals SET endpoint = ? WHERE endpoint = ?")},
        {&s.setSequence, QStringLiteral("UPDATE meta SET value = ? WHERE key = 'commit_seq'")},
    };
    for (const auto &[query, sql] : all) {
        if (!query->prepare(sql)) {
            *error = fail(QStringLiteral("has an unexpected schema"), sqlError(query->lastError()));
            return false;
        }
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

bool JournalFile::applyOne(const JournalOp &op, QString *error)
{
    Statements &s = *m_statements;
    const auto run = [error](QSqlQuery &query, std::initializer_list<QVariant> values) {
        int index = 0;
        for (const QVariant &value : values)
            query.bindValue(index++, value);
        if (query.exec())
            return true;
        *error = sqlError(query.lastError());
        return false;
    };
    const QVariant endpoint(op.endpoint);
    switch (op.kind) {
    case JournalOp::InsertEvent:
        if (!op.event) {
            *error = QStringLiteral("an event to insert is missing");
            return false;
        }
        return run(s.insertEvent, {op.key, notNull(QString::fromUtf8(op.event->id())), op.event->compactJson(),
                                   op.event->acceptedAtMs(), notNull(op.event->action()),
                                   notNull(op.event->mediaType()), notNull(op.event->repository()),
                                   notNull(op.event->tag())});
    case JournalOp::DeleteEvent:
        return run(s.deleteEvent, {op.key});
    case JournalOp::Enqueue:
        return run(s.enqueue, {endpoint, op.position, op.key});
    case JournalOp::DequeueBefore:
        return run(s.dequeueBefore, {endpoint, op.position});
    case JournalOp::MarkSent:
        return run(s.markSent, {endpoint, op.position, op.number});
    case JournalOp::AddDeadLetter:
        return run(s.addDead, {endpoint, op.position, op.key, notNull(op.text), op.at, op.number,
                               notNull(QString::fromUtf8(op.bytes))});
    case JournalOp::RemoveDeadLetter:
        return run(s.removeDead, {endpoint, op.key});
    case JournalOp::SetTotals:
        return run(s.setTotals, {endpoint, op.bytes});
    case JournalOp::DropEndpoint:
        return run(s.dropQueue, {endpoint}) && run(s.dropDead, {endpoint}) && run(s.dropTotals, {endpoint});
    case JournalOp::RenameEndpoint:
        return run(s.renameQueue, {op.text, endpoint}) && run(s.renameDead, {op.text, endpoint})
            && run(s.renameTotals, {op.text, endpoint});
    }
    *error = QStringLiteral("unknown journal operation %1").arg(int(op.kind));
    return false;
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
        if (!applyOne(op, &why)) {
            db.rollback();
            *error = cannotWrite(why);
            return false;
        }
    }
    // The commit's sequence, in the same transaction as its changes: what the mark is compared with.
    m_statements->setSequence.bindValue(0, QString::number(m_sequence + 1));
    if (!m_statements->setSequence.exec()) {
        const QString why = sqlError(m_statements->setSequence.lastError());
        db.rollback();
        *error = cannotWrite(why);
        return false;
    }
    if (!db.commit()) {
        // Disk full lands here or above (SQLITE_FULL): the transaction is rolled back, nothing
        // half-written, and the same batch can be applied again once there is room.
        const QString why = sqlError(db.lastError());
        db.rollback();
        *error = cannotWrite(why);
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

namespace {

EventRecord::Stored storedFrom(const QSqlQuery &query, int first)
{
    return {query.value(first).toByteArray(), query.value(first + 1).toLongLong(),
            query.value(first + 2).toString(), query.value(first + 3).toString(),
            query.value(first + 4).toString(), query.value(first + 5).toString(),
            query.value(first + 6).toString()};
}

const QString EventColumns = QStringLiteral("e.json, e.accepted_ms, e.event_id, e.action, e.media_type, "
                                            "e.repository, e.tag");

} // namespace

bool JournalFile::load(JournalContents *contents, QString *error, qsizetype window)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    auto run = [&](const QString &sql) {
        if (query.exec(sql))
            return true;
        *error = fail(QStringLiteral("cannot be read"), sqlError(query.lastError()));
        return false;
    };
    auto corrupt = [&](const QString &what) {
        *error = fail(QStringLiteral("is corrupt (%1)").arg(what),
                      QStringLiteral("move it aside and start again, or salvage it with sqlite3 .recover"));
        return false;
    };
    if (!run(QStringLiteral("SELECT MAX(key) FROM events")))
        return false;
    if (query.next())
        contents->maxKey = query.value(0).toLongLong();
    // A queue or dead-letter row whose event is gone cannot be delivered: refuse rather than skip.
    // `key` is the rowid, so these are index lookups, not scans per row.
    if (!run(QStringLiteral("SELECT (SELECT COUNT(*) FROM queue WHERE event_key NOT IN (SELECT key FROM events)) + "
                            "(SELECT COUNT(*) FROM dead_letters WHERE event_key NOT IN (SELECT key FROM events))")))
        return false;
    if (query.next() && query.value(0).toLongLong() > 0)
        return corrupt(QStringLiteral("%1 queue or dead-letter rows refer to missing events").arg(query.value(0).toLongLong()));
    if (!run(QStringLiteral("SELECT endpoint, COUNT(*), MAX(position) FROM queue GROUP BY endpoint")))
        return false;
    while (query.next()) {
        JournalContents::Endpoint &endpoint = contents->endpoints[query.value(0).toString()];
        endpoint.queueCount = query.value(1).toLongLong();
        endpoint.queueTail = query.value(2).toLongLong() + 1;
    }
    QSqlQuery page(db);
    page.setForwardOnly(true);
    if (!page.prepare(QStringLiteral("SELECT q.position, q.event_key, q.sent, %1 FROM queue q JOIN events e "
                                     "ON e.key = q.event_key WHERE q.endpoint = ? ORDER BY q.position LIMIT ?")
                          .arg(EventColumns))) {
        *error = fail(QStringLiteral("cannot be read"), sqlError(page.lastError()));
        return false;
    }
    for (auto it = contents->endpoints.begin(); it != contents->endpoints.end(); ++it) {
        page.bindValue(0, it.key());
        page.bindValue(1, qint64(qMin<qsizetype>(window, std::numeric_limits<qint64>::max())));
        if (!page.exec()) {
            *error = fail(QStringLiteral("cannot be read"), sqlError(page.lastError()));
            return false;
        }
        while (page.next()) {
            const qint64 key = page.value(1).toLongLong();
            it->queue.append({page.value(0).toLongLong(), key, page.value(2).toInt() != 0});
            if (!contents->events.contains(key))
                contents->events.insert(key, storedFrom(page, 3));
        }
    }
    if (!run(QStringLiteral("SELECT d.endpoint, d.position, d.event_key, d.reason, d.at_ms, d.attempts, d.last_error, %1 "
                            "FROM dead_letters d JOIN events e ON e.key = d.event_key ORDER BY d.endpoint, d.position")
                 .arg(EventColumns)))
        return false;
    while (query.next()) {
        const qint64 key = query.value(2).toLongLong();
        contents->endpoints[query.value(0).toString()].dead.append(
            {query.value(1).toLongLong(), key, query.value(3).toString(), query.value(4).toLongLong(),
             query.value(5).toInt(), query.value(6).toString()});
        if (!contents->events.contains(key))
            contents->events.insert(key, storedFrom(query, 7));
    }
    if (!run(QStringLiteral("SELECT endpoint, json FROM totals")))
        return false;
    while (query.next())
        contents->endpoints[query.value(0).toString()].totals = query.value(1).toByteArray();
    if (!run(QStringLiteral("SELECT event_key, COUNT(*) FROM (SELECT event_key FROM queue UNION ALL "
                            "SELECT event_key FROM dead_letters) GROUP BY event_key ORDER BY event_key")))
        return false;
    while (query.next())
        contents->references.append({query.value(0).toLongLong(), query.value(1).toLongLong()});
    if (!run(QStringLiteral("SELECT key FROM events WHERE key NOT IN (SELECT event_key FROM queue UNION "
                            "SELECT event_key FROM dead_letters)")))
        return false;
    while (query.next())
        contents->orphans.append(query.value(0).toLongLong());
    return true;
}

QueueRows JournalFile::readQueue(const QString &endpoint, qint64 position, qsizetype count, qint64 tag)
{
    QueueRows rows;
    rows.first = position;
    if (!m_open) {
        rows.error = fail(QStringLiteral("is not open"), QStringLiteral("a previous error closed it"));
        return rows;
    }
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral("SELECT q.position, q.event_key, %1 FROM queue q JOIN events e "
                                      "ON e.key = q.event_key WHERE q.endpoint = ? AND q.position >= ? "
                                      "ORDER BY q.position LIMIT ?").arg(EventColumns))) {
        rows.error = fail(QStringLiteral("cannot be read"), sqlError(query.lastError()));
        return rows;
    }
    query.bindValue(0, endpoint);
    query.bindValue(1, position);
    query.bindValue(2, qint64(count));
    if (!query.exec()) {
        rows.error = fail(QStringLiteral("cannot be read"), sqlError(query.lastError()));
        return rows;
    }
    bool first = true;
    while (query.next()) {
        if (first)
            rows.first = query.value(0).toLongLong();
        first = false;
        const EventPtr event = EventRecord::fromJournal(storedFrom(query, 2));
        event->setJournalKey(tag | query.value(1).toLongLong());
        rows.events.push_back(event);
    }
    return rows;
}

bool JournalFile::queueKeys(const QString &endpoint, QVector<qint64> *keys, QString *error)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral("SELECT event_key FROM queue WHERE endpoint = ? ORDER BY position"))) {
        *error = fail(QStringLiteral("cannot be read"), sqlError(query.lastError()));
        return false;
    }
    query.bindValue(0, endpoint);
    if (!query.exec()) {
        *error = fail(QStringLiteral("cannot be read"), sqlError(query.lastError()));
        return false;
    }
    while (query.next())
        keys->append(query.value(0).toLongLong());
    return true;
}

} // namespace hookscope
