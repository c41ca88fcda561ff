#include "core/journal/journalinspector.h"

#include "core/journal/journalmark.h"
#include "core/journal/journalsql.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

namespace hookscope {

using journalsql::Driver;
using journalsql::isLockedError;
using journalsql::sqlError;

namespace {

const QByteArray SqliteMagic("SQLite format 3\0", 16);

} // namespace

JournalInspector::JournalInspector(const QString &path, int schemaVersion)
    : m_path(path), m_schemaVersion(schemaVersion)
{
}

QString JournalInspector::fail(const QString &what, const QString &detail) const
{
    return journalsql::fail(m_path, what, detail);
}

bool JournalInspector::check(bool resetAfterLoss, Found *found, QString *error)
{
    m_resetNote.clear();
    bool reset = false;
    if (!inspect(found, error) || !checkMark(*found, resetAfterLoss, &reset, error))
        return false;
    if (reset)
        *found = Found();
    return true;
}

bool JournalInspector::inspect(Found *found, QString *error)
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
    const QString name = journalsql::connectionName("hookscope-journal-check");
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
            } else if (version > m_schemaVersion) {
                refuse(QStringLiteral("was written by a newer hookscope (journal version %1, this build reads "
                                      "up to %2)").arg(version).arg(m_schemaVersion),
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

bool JournalInspector::checkMark(const Found &found, bool resetAfterLoss, bool *reset, QString *error)
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

bool JournalInspector::moveAside(QString *error)
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

} // namespace hookscope
