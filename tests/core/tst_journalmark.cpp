// JournalMark: what it writes is read back; missing is not an error, garbage is; nothing
// temporary is left behind.
#include "core/journal/journalmark.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

class tst_JournalMark final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripReplacesAtomically()
    {
        QTemporaryDir dir;
        const QString path = JournalMark::pathFor(dir.filePath(QStringLiteral("j.db")));
        QCOMPARE(path, dir.filePath(QStringLiteral("j.db.hwm")));
        QString error;
        for (const qint64 sequence : {qint64(1), qint64(9007199254740000)}) {
            JournalMark mark{QStringLiteral("id-1"), sequence};
            QVERIFY2(mark.write(path, &error), qPrintable(error));
            JournalMark back;
            bool found = false;
            QVERIFY2(JournalMark::read(path, &back, &found, &error), qPrintable(error));
            QVERIFY(found);
            QCOMPARE(back.journalId, QStringLiteral("id-1"));
            QCOMPARE(back.sequence, sequence);
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("j.db.hwm")});
    }

    void missingIsNotFound()
    {
        QTemporaryDir dir;
        JournalMark mark;
        bool found = true;
        QString error;
        QVERIFY(JournalMark::read(dir.filePath(QStringLiteral("none.hwm")), &mark, &found, &error));
        QVERIFY(!found);
    }

    void garbageIsAnError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db.hwm"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"sequence\": 3}");
        file.close();
        JournalMark mark;
        bool found = false;
        QString error;
        QVERIFY(!JournalMark::read(path, &mark, &found, &error));
        QVERIFY(found);
        QVERIFY2(error.contains(path), qPrintable(error));
    }

    void unwritableFolderIsAnError()
    {
        JournalMark mark{QStringLiteral("id"), 1};
        QString error;
        QVERIFY(!mark.write(QStringLiteral("/nonexistent-folder/j.db.hwm"), &error));
        QVERIFY2(error.contains(QStringLiteral("/nonexistent-folder")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_JournalMark)
#include "tst_journalmark.moc"
