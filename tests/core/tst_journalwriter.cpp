// JournalWriter: tasks run on a thread of their own, one at a time in the order handed over; run()
// waits for its answer, drain() for everything before it; nothing runs while stopped.
#include "core/journal/journalwriter.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace hookscope;

class tst_JournalWriter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tasksRunInOrderOnTheWriterThread()
    {
        JournalWriter writer;
        writer.start();
        QVERIFY(writer.isRunning());
        QVector<int> order;   // touched by the writer only, read after drain()
        QSet<QThread *> threads;
        for (int i = 0; i < 200; ++i) {
            writer.post([&order, &threads, i](JournalFile &) {
                order.append(i);
                threads.insert(QThread::currentThread());
            });
        }
        writer.drain();
        QCOMPARE(order.size(), 200);
        for (int i = 0; i < 200; ++i)
            QCOMPARE(order.at(i), i);
        QCOMPARE(threads.size(), 1);
        QVERIFY(!threads.contains(QThread::currentThread()));
        QThread *writerThread = *threads.cbegin();
        QCOMPARE(writerThread->objectName(), QStringLiteral("hookscope-journal"));
    }

    void runAnswersAfterWhatWasPosted()
    {
        JournalWriter writer;
        writer.start();
        std::atomic<int> posted{0};
        for (int i = 0; i < 50; ++i)
            writer.post([&](JournalFile &) { ++posted; });
        int seen = -1;
        QVERIFY(writer.run([&](JournalFile &) {
            seen = posted;
            return true;
        }));
        QCOMPARE(seen, 50);
        QVERIFY(!writer.run([](JournalFile &) { return false; }));
    }

    void theFileOpensAndClosesOnTheWriter()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db"));
        JournalWriter writer;
        QString error;
        QVERIFY(writer.run([&](JournalFile &file) { return file.open(path, &error); }) == false);   // not started
        writer.start();
        QVERIFY2(writer.run([&](JournalFile &file) { return file.open(path, &error); }), qPrintable(error));
        QCOMPARE(writer.file().path(), path);
        QVERIFY(writer.file().isOpen());
        writer.stop();
        QVERIFY(!writer.isRunning());
        QVERIFY(!writer.file().isOpen());
        bool ran = false;
        writer.post([&](JournalFile &) { ran = true; });
        writer.drain();
        QVERIFY(!writer.run([&](JournalFile &) { return ran = true; }));
        QVERIFY(!ran);

        // Started again (a new thread run), the same file opens again: the lock was let go.
        writer.start();
        QVERIFY2(writer.run([&](JournalFile &file) { return file.open(path, &error); }), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_JournalWriter)
#include "tst_journalwriter.moc"
