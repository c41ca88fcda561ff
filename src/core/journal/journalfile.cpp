#include "journal/journalfile.h"

#include <QAtomicInt>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace hookscope {

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
          renameDead(db), renameTotals(db)
    {
    }
    QSqlQuery insertEvent, deleteEvent, enqueue, dequeueBefore, markSent, addDead, removeDead, setTotals,
        dropQueue, dropDead, dropTotals, renameQueue, renameDead, renameTotals;
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

bool JournalFile::open(const QString &path, QString *error)
{
    close();
    m_path = QFileInfo(path).absoluteFilePath();
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
    // A lock file next to the journal: two hookscopes appending to one journal would each believe
    // their view of the queues; the second must refuse. QLockFile notices a lock left by a process
    // that died (SIGKILL) and takes it over; age alone never makes a live holder's lock stale.
    m_lock = std::make_unique<QLockFile>(m_path + QStringLiteral(".lock"));
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        qint64 pid = 0;
        QString host;
        QString app;
        m_lock->getLockInfo(&pid, &host, &app);
        const QString detail = m_lock->error() == QLockFile::LockFailedError
            ? QStringLiteral("in use by process %1 on %2; stop it or use another journal").arg(pid).arg(host)
            : QStringLiteral("cannot create %1.lock; check the folder's permissions").arg(m_path);
        m_lock.reset();
        *error = fail(QStringLiteral("is locked"), detail);
        return false;
    }

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
    const QStringList pragmas{QStringLiteral("PRAGMA locking_mode=EXCLUSIVE"),
                              QStringLiteral("PRAGMA journal_mode=WAL"),
                              QStringLiteral("PRAGMA synchronous=FULL"),
                              QStringLiteral("PRAGMA foreign_keys=OFF")};
    for (const QString &pragma : pragmas) {
        QString why;
        if (!exec(pragma, &why)) {
            *error = fail(QStringLiteral("is not a usable SQLite database"),
                          why + QStringLiteral("; move it aside (it is kept as is) and start again"));
            close();
            return false;
        }
    }
    if (!checkSchema(error) || !prepareStatements(error)) {
        close();
        return false;
    }
    return true;
}

bool JournalFile::checkSchema(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA quick_check")) || !query.next()
        || query.value(0).toString() != QLatin1String("ok")) {
        const QString detail = query.lastError().isValid() ? sqlError(query.lastError())
                                                           : query.value(0).toString();
        *error = fail(QStringLiteral("is corrupt"),
                      detail + QStringLiteral("; hookscope will not overwrite it: move it aside, "
                                              "salvage it with sqlite3 .recover, or start with a new journal"));
        return false;
    }
    query.finish();
    const QStringList tables = db.tables();
    if (tables.isEmpty()) {
        // A new journal: create the schema and its version row in one transaction.
        const QStringList create{
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
    if (!tables.contains(QStringLiteral("meta"))
        || !query.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")) || !query.next()) {
        *error = fail(QStringLiteral("is not a hookscope journal"),
                      QStringLiteral("an SQLite database without a schema version; choose another path"));
        return false;
    }
    const int version = query.value(0).toInt();
    if (version > SchemaVersion) {
        *error = fail(QStringLiteral("was written by a newer hookscope (journal version %1, this build reads "
                                     "up to %2)").arg(version).arg(SchemaVersion),
                      QStringLiteral("run that newer hookscope, or start this one with another journal"));
        return false;
    }
    if (version < 1) {
        *error = fail(QStringLiteral("has an invalid schema version \"%1\"").arg(query.value(0).toString()),
                      QStringLiteral("choose another path"));
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
    if (m_lock)
        m_lock->unlock();
    m_lock.reset();
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
    if (!db.transaction()) {
        *error = fail(QStringLiteral("cannot begin a write"), sqlError(db.lastError()));
        return false;
    }
    for (const JournalOp &op : ops) {
        QString why;
        if (!applyOne(op, &why)) {
            db.rollback();
            *error = fail(QStringLiteral("write failed"), why);
            return false;
        }
    }
    if (!db.commit()) {
        // Disk full lands here (SQLITE_FULL): the transaction is rolled back, nothing half-written.
        const QString why = sqlError(db.lastError());
        db.rollback();
        *error = fail(QStringLiteral("commit failed"), why + QStringLiteral("; check free space and the disk, then restart"));
        return false;
    }
    return true;
}

bool JournalFile::load(JournalContents *contents, QString *error)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    auto run = [&](const QString &sql) {
        if (query.exec(sql))
            return true;
        *error = fail(QStringLiteral("cannot be read"), sqlError(query.lastError()));
        return false;
    };
    if (!run(QStringLiteral("SELECT key, json, accepted_ms, event_id, action, media_type, repository, tag FROM events")))
        return false;
    while (query.next()) {
        const qint64 key = query.value(0).toLongLong();
        contents->events.insert(key, {query.value(1).toByteArray(), query.value(2).toLongLong(),
                                      query.value(3).toString(), query.value(4).toString(),
                                      query.value(5).toString(), query.value(6).toString(),
                                      query.value(7).toString()});
        contents->maxKey = qMax(contents->maxKey, key);
    }
    if (!run(QStringLiteral("SELECT endpoint, position, event_key, sent FROM queue ORDER BY endpoint, position")))
        return false;
    while (query.next()) {
        contents->endpoints[query.value(0).toString()].queue.append(
            {query.value(1).toLongLong(), query.value(2).toLongLong(), query.value(3).toInt() != 0});
    }
    if (!run(QStringLiteral("SELECT endpoint, position, event_key, reason, at_ms, attempts, last_error "
                            "FROM dead_letters ORDER BY endpoint, position")))
        return false;
    while (query.next()) {
        contents->endpoints[query.value(0).toString()].dead.append(
            {query.value(1).toLongLong(), query.value(2).toLongLong(), query.value(3).toString(),
             query.value(4).toLongLong(), query.value(5).toInt(), query.value(6).toString()});
    }
    if (!run(QStringLiteral("SELECT endpoint, json FROM totals")))
        return false;
    while (query.next())
        contents->endpoints[query.value(0).toString()].totals = query.value(1).toByteArray();
    return true;
}

} // namespace hookscope
