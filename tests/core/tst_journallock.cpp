// JournalLock: an OS lock, so a dead holder never blocks and a live one always does, in this
// process (OFD locks are per open file description) and in another one (a child re-running this
// test binary as a lock holder).
#include "core/journal/journallock.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace hookscope;

namespace {

const char HoldEnv[] = "HOOKSCOPE_TEST_HOLD_LOCK";

// The child's part: take the lock, say so, hold it until stdin closes (or the parent kills it).
int holdLock(const QString &path)
{
    JournalLock lock;
    QString detail;
    if (lock.acquire(path, &detail) != JournalLock::Result::Locked) {
        std::fprintf(stdout, "refused %s\n", qPrintable(detail));
        return 1;
    }
    std::fprintf(stdout, "held\n");
    std::fflush(stdout);
    char buffer[16];
    while (std::fread(buffer, 1, sizeof buffer, stdin) > 0) {
    }
    return 0;
}

} // namespace

class tst_JournalLock final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void secondOpenInThisProcessIsRefusedUntilReleased()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db.lock"));
        JournalLock first;
        QString detail;
        QCOMPARE(first.acquire(path, &detail), JournalLock::Result::Locked);
        QVERIFY(first.isHeld());
        JournalLock second;
        QCOMPARE(second.acquire(path, &detail), JournalLock::Result::HeldElsewhere);
        QVERIFY2(detail.contains(QString::number(QCoreApplication::applicationPid())), qPrintable(detail));
        first.release();
        QCOMPARE(second.acquire(path, &detail), JournalLock::Result::Locked);
        QVERIFY(QFile::exists(path));   // never unlinked: see the class comment
    }

    // What a PID file said is no longer what decides: PID 1 is alive in every container.
    void contentOfAnUnheldLockFileIsIgnored()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db.lock"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("1\nother-host\nhookscope\n");
        file.close();
        JournalLock lock;
        QString detail;
        QCOMPARE(lock.acquire(path, &detail), JournalLock::Result::Locked);
    }

    void anotherProcessHoldingItRefusesUntilItDies()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("j.db.lock"));
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QString::fromLatin1(HoldEnv), path);
        child.setProcessEnvironment(environment);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForStarted());
        QTRY_VERIFY(child.canReadLine() || child.waitForReadyRead(100));
        QCOMPARE(child.readLine().trimmed(), QByteArray("held"));

        JournalLock lock;
        QString detail;
        QCOMPARE(lock.acquire(path, &detail), JournalLock::Result::HeldElsewhere);
        QVERIFY2(detail.contains(QString::number(child.processId())), qPrintable(detail));

        child.kill();   // SIGKILL: no chance to clean up, the kernel drops the lock anyway
        QVERIFY(child.waitForFinished());
        QCOMPARE(lock.acquire(path, &detail), JournalLock::Result::Locked);
    }
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet(HoldEnv))
        return holdLock(qEnvironmentVariable(HoldEnv));
    QCoreApplication app(argc, argv);
    tst_JournalLock test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_journallock.moc"
