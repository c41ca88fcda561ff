// JournalFile: what it refuses to open (and says why), and that a batch written is read back.
#include "journal/journalfile.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

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
