// Which journal a session uses: the configuration's wins, then the preference for new sessions,
// never for the demo; and what the operator is told when it is refused at start.
#include "core/journal/journal.h"
#include "app/sessionjournal.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

AppConfig withJournal(const QString &path)
{
    AppConfig config;
    config.journalPath = path;
    return config;
}

} // namespace

class tst_SessionJournal final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void configurationWins()
    {
        const SessionJournal journal = resolveSessionJournal(withJournal(QStringLiteral("/cfg/q.db")),
                                                             QStringLiteral("/pref/q.db"), false);
        QCOMPARE(journal.path, QStringLiteral("/cfg/q.db"));
        QCOMPARE(journal.source, SessionJournal::Source::Config);
        QVERIFY(journal.isDurable());
        QVERIFY(journal.statusText().contains(QStringLiteral("(configuration)")));
        // Even for the demo: a configuration that asks for a journal gets it.
        QCOMPARE(resolveSessionJournal(withJournal(QStringLiteral("/cfg/q.db")), {}, true).path, QStringLiteral("/cfg/q.db"));
    }

    // The status bar follows the journal's health: while it cannot write it says so, and why.
    void statusTextSaysWhenTheJournalCannotWrite()
    {
        const SessionJournal journal{QStringLiteral("/cfg/q.db"), SessionJournal::Source::Config};
        QCOMPARE(journal.statusText(QString()), journal.statusText());
        QCOMPARE(journal.statusText(QStringLiteral("journal cannot write: database or disk is full (/cfg/q.db)")),
                 QStringLiteral("Queues: durable, journal /cfg/q.db — cannot write: database or disk is full (/cfg/q.db)"));
        QCOMPARE(SessionJournal().statusText(QStringLiteral("whatever")), QStringLiteral("Queues: in memory"));
    }

    void preferenceWhenTheConfigurationHasNone()
    {
        const SessionJournal journal = resolveSessionJournal(AppConfig(), QStringLiteral(" /pref/q.db "), false);
        QCOMPARE(journal.path, QStringLiteral("/pref/q.db"));
        QCOMPARE(journal.source, SessionJournal::Source::Preference);
        QVERIFY(journal.statusText().startsWith(QStringLiteral("Queues: durable, journal /pref/q.db")));
        QVERIFY(journal.explanation().contains(QStringLiteral("new sessions")));
        const AppConfig applied = applySessionJournal(AppConfig(), journal);
        QCOMPARE(applied.journalPath, QStringLiteral("/pref/q.db"));
    }

    void inMemoryWithoutEitherOrForTheDemo()
    {
        const SessionJournal none = resolveSessionJournal(AppConfig(), QString(), false);
        QVERIFY(!none.isDurable());
        QCOMPARE(none.source, SessionJournal::Source::None);
        QCOMPARE(none.statusText(), QStringLiteral("Queues: in memory"));
        QVERIFY(none.explanation().contains(QStringLiteral("lost")));
        QVERIFY(resolveSessionJournal(AppConfig(), QStringLiteral("/pref/q.db"), true) == SessionJournal());
        QCOMPARE(applySessionJournal(withJournal(QStringLiteral("x")), none).journalPath, QString());
    }

    // The preference round-trips through QSettings; an empty path removes it.
    void preferenceIsStoredInSettings()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        QCOMPARE(preferredJournalPath(settings), QString());
        setPreferredJournalPath(settings, QStringLiteral("/var/lib/h/q.db"));
        QCOMPARE(preferredJournalPath(settings), QStringLiteral("/var/lib/h/q.db"));
        setPreferredJournalPath(settings, QStringLiteral("  "));
        QCOMPARE(preferredJournalPath(settings), QString());
        QVERIFY(!settings.contains(QStringLiteral("durability/journalForNewSessions")));
    }

    // Bad input: a preferred journal that cannot be written is refused by the journal itself
    // (path and reason), and the message adds where the setting lives.
    void refusalOfAPreferredJournalNamesPathReasonAndSetting()
    {
        QTemporaryDir dir;
        QString error;
        // A folder that does not exist.
        const SessionJournal missing = resolveSessionJournal(AppConfig(), dir.filePath(QStringLiteral("no/q.db")), false);
        Journal first;
        QVERIFY(!first.open(missing.path, &error));
        QString message = sessionJournalRefusal(missing, error);
        QVERIFY2(message.contains(dir.filePath(QStringLiteral("no"))), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("no such folder")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("Durable queues for new sessions")), qPrintable(message));

        // A path that is a folder, not a file.
        const SessionJournal folder = resolveSessionJournal(AppConfig(), dir.path(), false);
        Journal second;
        QVERIFY(!second.open(folder.path, &error));
        message = sessionJournalRefusal(folder, error);
        QVERIFY2(message.contains(QStringLiteral("not a writable file")), qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("new sessions")));
    }

    // A folder without write permission (root writes anywhere, so only as another user).
    void refusalOfAReadOnlyFolder()
    {
        QTemporaryDir dir;
        QString error;
        QString message;
        const QString locked = dir.filePath(QStringLiteral("ro"));
        QVERIFY(QDir().mkpath(locked));
        QVERIFY(QFile::setPermissions(locked, QFile::ReadOwner | QFile::ExeOwner));
        const SessionJournal readOnly = resolveSessionJournal(AppConfig(), locked + QStringLiteral("/q.db"), false);
        Journal third;
        const bool opened = third.open(readOnly.path, &error);
        QVERIFY(QFile::setPermissions(locked, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        if (opened)
            QSKIP("running as a user who can write anywhere (root)");
        message = sessionJournalRefusal(readOnly, error);
        QVERIFY2(message.contains(locked) && message.contains(QStringLiteral("permission denied")), qPrintable(message));
    }

    // Other start errors, and a configured journal's refusal, are passed on unchanged.
    void otherErrorsAreLeftAlone()
    {
        const SessionJournal preferred = resolveSessionJournal(AppConfig(), QStringLiteral("/pref/q.db"), false);
        const QString portInUse = QStringLiteral("ingest: cannot listen on 127.0.0.1:5000: address in use");
        QCOMPARE(sessionJournalRefusal(preferred, portInUse), portInUse);
        const SessionJournal configured = resolveSessionJournal(withJournal(QStringLiteral("/cfg/q.db")), {}, false);
        const QString refused = QStringLiteral("journal /cfg/q.db: is locked (in use by process 1 on h)");
        QCOMPARE(sessionJournalRefusal(configured, refused), refused);
    }
};

QTEST_GUILESS_MAIN(tst_SessionJournal)
#include "tst_sessionjournal.moc"
