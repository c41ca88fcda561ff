// JournalFile: what it refuses to open (and says why), and that a batch written is read back.
#include "core/journal/journalfile.h"
#include "core/journal/journalmark.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace hookscope;

namespace {

JournalOp op(JournalOp::Kind kind, const QString &endpoint, qint64 key, qint64 position)
{
    JournalOp o;
    o.kind = kind;
    o.endpoint = endpoint;
    o.key = key;
    o.position = position;
    return o;
}

JournalOp insertEvent(qint64 key, const QByteArray &id)
{
    JournalOp o = op(JournalOp::InsertEvent, {}, key, 0);
    EventRecord::Stored stored;
    stored.compactJson = "{\"id\":\"" + id + "\",\"action\":\"push\"}";
    stored.acceptedAtMs = 1700000000000 + key;
    stored.id = QString::fromUtf8(id);
    stored.action = QStringLiteral("push");
    o.event = EventRecord::fromJournal(stored);
    return o;
}

// Rewrites the schema version with a plain SQLite connection, as a newer hookscope would have.
void setVersion(const QString &path, int version)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("UPDATE meta SET value = '%1' WHERE key = 'schema_version'").arg(version)));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
}

QByteArray bytesOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A journal with `commits` committed batches of one event each.
bool fill(JournalFile *file, qint64 firstKey, int commits, QString *error)
{
    for (int i = 0; i < commits; ++i) {
        const qint64 key = firstKey + i;
        if (!file->apply({insertEvent(key, "e" + QByteArray::number(key)),
                          op(JournalOp::Enqueue, QStringLiteral("a"), key, key)},
                         error))
            return false;
    }
    return true;
}

QStringList resetCopies(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("*.reset-*")}, QDir::Files, QDir::Name);
}

} // namespace

class tst_JournalFile final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A new file gets the schema; a batch applied is read back in queue order with dead letters.
    void roundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        {
            JournalFile file;
            QString error;
            QVERIFY2(file.open(path, &error), qPrintable(error));
            JournalOp dead = op(JournalOp::AddDeadLetter, QStringLiteral("a"), 2, 0);
            dead.text = QStringLiteral("gave up");
            dead.number = 4;
            dead.bytes = "500 Internal Server Error";
            JournalOp totals = op(JournalOp::SetTotals, QStringLiteral("a"), 0, 0);
            totals.bytes = "{\"events\":3}";
            QVERIFY2(file.apply({insertEvent(1, "e1"), insertEvent(2, "e2"), insertEvent(3, "e3"),
                                 op(JournalOp::Enqueue, QStringLiteral("a"), 3, 7),
                                 op(JournalOp::Enqueue, QStringLiteral("a"), 1, 5), dead, totals},
                                &error),
                     qPrintable(error));
        }
        JournalFile file;
        QString error;
        QVERIFY2(file.open(path, &error), qPrintable(error));
        JournalContents contents;
        QVERIFY2(file.load(&contents, &error), qPrintable(error));
        QCOMPARE(contents.events.size(), 3);
        QCOMPARE(contents.maxKey, 3);
        QCOMPARE(contents.events.value(2).acceptedAtMs, 1700000000002);
        QCOMPARE(contents.events.value(2).id, QStringLiteral("e2"));
        QCOMPARE(contents.events.value(2).action, QStringLiteral("push"));
        QCOMPARE(contents.events.value(2).compactJson, QByteArray("{\"id\":\"e2\",\"action\":\"push\"}"));
        const JournalContents::Endpoint a = contents.endpoints.value(QStringLiteral("a"));
        QCOMPARE(a.queue.size(), 2);
        QCOMPARE(a.queue.at(0).key, 1);   // by position, not insertion order
        QCOMPARE(a.queue.at(1).key, 3);
        QCOMPARE(a.dead.size(), 1);
        QCOMPARE(a.dead.at(0).reason, QStringLiteral("gave up"));
        QCOMPARE(a.dead.at(0).attempts, 4);
        QCOMPARE(a.dead.at(0).lastError, QStringLiteral("500 Internal Server Error"));
        QCOMPARE(a.totals, QByteArray("{\"events\":3}"));
    }

    // A failing operation rolls the whole batch back.
    void failedBatchLeavesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        JournalFile file;
        QString error;
        QVERIFY(file.open(path, &error));
        QVERIFY(!file.apply({insertEvent(1, "e1"), insertEvent(1, "duplicate key")}, &error));
        QVERIFY2(error.contains(path), qPrintable(error));
        JournalContents contents;
        QVERIFY(file.load(&contents, &error));
        QCOMPARE(contents.events.size(), 0);
    }

    void refusesNewerVersion()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        {
            JournalFile file;
            QString error;
            QVERIFY(file.open(path, &error));
        }
        setVersion(path, JournalFile::SchemaVersion + 1);
        JournalFile file;
        QString error;
        QVERIFY(!file.open(path, &error));
        QVERIFY2(error.contains(path) && error.contains(QStringLiteral("newer hookscope")), qPrintable(error));
        QVERIFY(!file.isOpen());
    }

    // Garbage, or a truncated journal: refused, and the file is left exactly as it was.
    void refusesCorruptFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        QFile garbage(path);
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        QByteArray bytes(8192, '\x5a');
        garbage.write(bytes);
        garbage.close();
        JournalFile file;
        QString error;
        QVERIFY(!file.open(path, &error));
        QVERIFY2(error.contains(path) && error.contains(QStringLiteral("move it aside")), qPrintable(error));
        QFile check(path);
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), bytes);
    }

    void refusesForeignDatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.db"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE customers(name TEXT)")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
        JournalFile file;
        QString error;
        QVERIFY(!file.open(path, &error));
        QVERIFY2(error.contains(QStringLiteral("not a hookscope journal")), qPrintable(error));
    }

    // A second opener (here the same process; the lock file works the same across processes).
    void refusesLockedFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        JournalFile first;
        QString error;
        QVERIFY(first.open(path, &error));
        JournalFile second;
        QVERIFY(!second.open(path, &error));
        QVERIFY2(error.contains(path) && error.contains(QStringLiteral("locked"))
                     && error.contains(QString::number(QCoreApplication::applicationPid())),
                 qPrintable(error));
        first.close();
        QVERIFY2(second.open(path, &error), qPrintable(error));
    }

    // A lock file naming a live but unrelated process (PID 1, or our parent: what a container
    // restart leaves) no longer blocks: only a held OS lock does.
    void staleLockFileNamingALivePidDoesNotBlock_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("pid 1") << QByteArray("1\nsomehost\nhookscope\n");
        QTest::newRow("parent") << QByteArray::number(qint64(getppid())) + "\nsomehost\nhookscope\n";
    }
    void staleLockFileNamingALivePidDoesNotBlock()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        QFile lock(path + QStringLiteral(".lock"));
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write(content);
        lock.close();
        JournalFile file;
        QString error;
        QVERIFY2(file.open(path, &error), qPrintable(error));
    }

    // A foreign SQLite file (rollback mode, and one already in WAL mode) is refused with the reason,
    // and not one byte of it changes: it is inspected read-only before anything is written (the
    // journal_mode switch to WAL rewrote bytes 18 and 19 of the header before).
    void foreignDatabaseIsLeftByteForByte_data()
    {
        QTest::addColumn<bool>("wal");
        QTest::newRow("rollback journal") << false;
        QTest::newRow("wal") << true;
    }
    void foreignDatabaseIsLeftByteForByte()
    {
        QFETCH(bool, wal);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.db"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            if (wal)
                QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode=WAL")));
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE customers(name TEXT)")));
            QVERIFY(query.exec(QStringLiteral("INSERT INTO customers VALUES('ada')")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
        const QByteArray before = bytesOf(path);
        QCOMPARE(before.at(18), wal ? '\x02' : '\x01');
        const QStringList filesBefore = QDir(dir.path()).entryList(QDir::Files);
        JournalFile file;
        QString error;
        QVERIFY(!file.open(path, &error));
        QVERIFY2(error.contains(path) && error.contains(QStringLiteral("not a hookscope journal")), qPrintable(error));
        QCOMPARE(bytesOf(path), before);
        // No -wal or -shm left behind either (the lock file is ours and stays).
        QStringList filesAfter = QDir(dir.path()).entryList(QDir::Files);
        filesAfter.removeAll(QStringLiteral("other.db.lock"));
        QCOMPARE(filesAfter.join(QLatin1Char(' ')), filesBefore.join(QLatin1Char(' ')));
    }

    // A new path: no mark, starts fresh; the mark appears with the first commit and follows the
    // commit sequence kept in the journal itself.
    void brandNewPathStartsFreshAndMarks()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        JournalFile file;
        QString error;
        QVERIFY2(file.open(path, &error), qPrintable(error));
        QCOMPARE(file.sequence(), 0);
        QVERIFY(!QFile::exists(JournalMark::pathFor(path)));
        QVERIFY2(fill(&file, 1, 3, &error), qPrintable(error));
        QCOMPARE(file.sequence(), 3);
        JournalMark mark;
        bool found = false;
        QVERIFY2(JournalMark::read(JournalMark::pathFor(path), &mark, &found, &error), qPrintable(error));
        QVERIFY(found);
        QCOMPARE(mark.journalId, file.journalId());
        QCOMPARE(mark.sequence, 1);   // written by the first commit after open, not by every one
        file.close();
        QVERIFY2(file.open(path, &error), qPrintable(error));
        QCOMPARE(file.sequence(), 3);
    }

    // Truncated to zero bytes (or deleted) while the mark says it held commits: refused, the file
    // kept as it is; --journal-reset moves it aside with its mark and starts a new journal.
    void emptyOrMissingJournalWithDataExpectedIsRefused_data()
    {
        QTest::addColumn<bool>("remove");
        QTest::newRow("truncated") << false;
        QTest::newRow("deleted") << true;
    }
    void emptyOrMissingJournalWithDataExpectedIsRefused()
    {
        QFETCH(bool, remove);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        QString error;
        {
            JournalFile file;
            QVERIFY2(file.open(path, &error), qPrintable(error));
            QVERIFY2(fill(&file, 1, 5, &error), qPrintable(error));
        }
        if (remove) {
            QVERIFY(QFile::remove(path));
        } else {
            QFile truncate(path);
            QVERIFY(truncate.open(QIODevice::WriteOnly | QIODevice::Truncate));
        }
        JournalFile file;
        QVERIFY(!file.open(path, &error));
        QVERIFY2(error.contains(path) && error.contains(remove ? QStringLiteral("missing") : QStringLiteral("empty"))
                     && error.contains(QStringLiteral("--journal-reset")),
                 qPrintable(error));
        QCOMPARE(QFile::exists(path), !remove);
        if (!remove)
            QCOMPARE(QFileInfo(path).size(), 0);
        QVERIFY(!file.open(path, &error));   // and again: refusing is not a one-off

        QVERIFY2(file.open(path, &error, true), qPrintable(error));
        QVERIFY2(file.resetNote().contains(QStringLiteral("moved the old journal aside")), qPrintable(file.resetNote()));
        QVERIFY(!resetCopies(dir.path()).isEmpty());
        QCOMPARE(file.sequence(), 0);
        JournalContents contents;
        QVERIFY(file.load(&contents, &error));
        QCOMPARE(contents.events.size(), 0);
        QVERIFY2(fill(&file, 1, 1, &error), qPrintable(error));
    }

    // kill -9, then the -wal is deleted: the main file holds only what was checkpointed, its
    // sequence is below the mark, and it is refused (before: 300 acknowledged, 213 recovered, no
    // word). Simulated by copying the main file and the mark while the journal is open, which is
    // what the disk holds at a SIGKILL. --journal-reset keeps the old file aside.
    void lostWalIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        JournalFile file;
        QString error;
        QVERIFY2(file.open(path, &error), qPrintable(error));
        QVERIFY2(fill(&file, 1, 10, &error), qPrintable(error));
        QVERIFY2(file.checkpoint(&error), qPrintable(error));
        QVERIFY2(fill(&file, 11, 10, &error), qPrintable(error));   // only in the WAL, mark 11
        QVERIFY(QFileInfo(path + QStringLiteral("-wal")).size() > 0);

        QTemporaryDir crashed;
        const QString copy = crashed.filePath(QStringLiteral("j.db"));
        QVERIFY(QFile::copy(path, copy));
        QVERIFY(QFile::copy(JournalMark::pathFor(path), JournalMark::pathFor(copy)));
        const QByteArray before = bytesOf(copy);
        JournalFile restarted;
        QVERIFY(!restarted.open(copy, &error));
        QVERIFY2(error.contains(copy) && error.contains(QStringLiteral("last commit is 10"))
                     && error.contains(QStringLiteral("-wal")) && error.contains(QStringLiteral("--journal-reset")),
                 qPrintable(error));
        QCOMPARE(bytesOf(copy), before);

        // With the -wal too (a crash that lost nothing), it opens with all 20 commits.
        QTemporaryDir intact;
        const QString whole = intact.filePath(QStringLiteral("j.db"));
        QVERIFY(QFile::copy(path, whole));
        QVERIFY(QFile::copy(path + QStringLiteral("-wal"), whole + QStringLiteral("-wal")));
        QVERIFY(QFile::copy(JournalMark::pathFor(path), JournalMark::pathFor(whole)));
        {
            JournalFile ok;
            QVERIFY2(ok.open(whole, &error), qPrintable(error));
            QCOMPARE(ok.sequence(), 20);
            JournalContents contents;
            QVERIFY(ok.load(&contents, &error));
            QCOMPARE(contents.events.size(), 20);
        }

        QVERIFY2(restarted.open(copy, &error, true), qPrintable(error));
        QCOMPARE(resetCopies(crashed.path()).join(QLatin1Char(' ')).count(QStringLiteral("j.db.reset-")), 2);   // the file and its mark
        QCOMPARE(bytesOf(crashed.filePath(resetCopies(crashed.path()).constFirst())), before);
    }

    // Another journal's file put in place (same path, a mark naming a different id): refused too.
    void replacedJournalIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        const QString other = dir.filePath(QStringLiteral("k.db"));
        QString error;
        for (const QString &p : {path, other}) {
            JournalFile file;
            QVERIFY2(file.open(p, &error), qPrintable(error));
            QVERIFY2(fill(&file, 1, 3, &error), qPrintable(error));
        }
        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::copy(other, path));
        JournalFile file;
        QVERIFY(!file.open(path, &error));
        QVERIFY2(error.contains(QStringLiteral("another journal")), qPrintable(error));
    }

    void refusesUnwritablePath()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("no/such/folder/j.db"));
        JournalFile file;
        QString error;
        QVERIFY(!file.open(missing, &error));
        QVERIFY2(error.contains(missing) && error.contains(QStringLiteral("no such folder")), qPrintable(error));

        const QString readOnlyDir = dir.filePath(QStringLiteral("ro"));
        QVERIFY(QDir().mkpath(readOnlyDir));
        QVERIFY(QFile::setPermissions(readOnlyDir, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        if (QFileInfo(readOnlyDir).isWritable())
            QSKIP("running as root: permissions are not enforced");
        const QString path = readOnlyDir + QStringLiteral("/j.db");
        QVERIFY(!file.open(path, &error));
        QVERIFY2(error.contains(path) && error.contains(QStringLiteral("permission denied")), qPrintable(error));
        QFile::setPermissions(readOnlyDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
};

QTEST_GUILESS_MAIN(tst_JournalFile)
#include "tst_journalfile.moc"
