#include "app/commandline.h"

#include <QTest>

using namespace hookscope;

namespace {
QStringList args(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *a : list)
        result << QString::fromUtf8(a);
    return result;
}

CommandLine parse(const QStringList &arguments)
{
    return CommandLine::parse(QStringList{QStringLiteral("hookscope")} + arguments);
}

CommandLine parse(std::initializer_list<const char *> arguments)
{
    return parse(args(arguments));
}
} // namespace

// The command line as main() sees it: every option fills its field, durations take Go's syntax or
// bare seconds, and every mistake is an Error that names what is wrong (main prints it, exit 2).
class tst_CommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsRunTheDemo()
    {
        const CommandLine c = parse({});
        QCOMPARE(c.action, CommandLine::Action::Run);
        QVERIFY(c.configPath.isEmpty());
        QVERIFY(!c.headless && !c.lintOnly && !c.demo && !c.verbose && !c.journalReset);
        QCOMPARE(c.statusIntervalMs, 10000);
        QCOMPARE(c.shutdownDeadlineMs, 5000);
        QCOMPARE(c.screenshotDelayMs, 1500);
        QCOMPARE(c.attachIntervalMs, 1000);
        QCOMPARE(c.stuckAfterMs, 30000);
    }

    void everyOptionFillsItsField()
    {
        const CommandLine c = parse({"--config", "/etc/registry/config.yml", "--headless", "--verbose",
                                     "--demo", "--journal-reset", "--ingest", "127.0.0.1:5050", "--admin",
                                     "127.0.0.1:5051", "--screenshot", "/tmp/s.png", "--tab", "Attempts",
                                     "--select", "audit", "--attach", "10.0.0.1:5001", "--attach",
                                     "10.0.0.2:5001", "--status-interval", "2s", "--shutdown-deadline",
                                     "250ms", "--screenshot-delay", "3", "--attach-interval", "1.5",
                                     "--stuck-after", "1m", "--leftovers", "/tmp/left.ndjson"});
        QCOMPARE(c.action, CommandLine::Action::Run);
        QCOMPARE(c.configPath, QStringLiteral("/etc/registry/config.yml"));
        QVERIFY(c.headless && c.verbose && c.demo && c.journalReset);
        QVERIFY(!c.lintOnly);
        QCOMPARE(c.ingestListen, QStringLiteral("127.0.0.1:5050"));
        QCOMPARE(c.adminListen, QStringLiteral("127.0.0.1:5051"));
        QCOMPARE(c.leftoversPath, QStringLiteral("/tmp/left.ndjson"));
        QCOMPARE(c.screenshotPath, QStringLiteral("/tmp/s.png"));
        QCOMPARE(c.tab, QStringLiteral("Attempts"));
        QCOMPARE(c.select, QStringLiteral("audit"));
        QCOMPARE(c.attach, args({"10.0.0.1:5001", "10.0.0.2:5001"}));
        QCOMPARE(c.statusIntervalMs, 2000);
        QCOMPARE(c.shutdownDeadlineMs, 250);
        QCOMPARE(c.screenshotDelayMs, 3000);
        QCOMPARE(c.attachIntervalMs, 1500);
        QCOMPARE(c.stuckAfterMs, 60000);
    }

    void zeroTurnsStatusLinesOff()
    {
        const CommandLine c = parse({"--demo", "--headless", "--status-interval", "0"});
        QCOMPARE(c.action, CommandLine::Action::Run);
        QCOMPARE(c.statusIntervalMs, 0);
    }

    void aBadDurationNamesItsOption_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        QTest::newRow("garbage") << QStringLiteral("status-interval") << QStringLiteral("soon");
        QTest::newRow("negative") << QStringLiteral("shutdown-deadline") << QStringLiteral("-5s");
        QTest::newRow("unit") << QStringLiteral("stuck-after") << QStringLiteral("10 parsecs");
        QTest::newRow("negative seconds") << QStringLiteral("attach-interval") << QStringLiteral("-1");
    }

    void aBadDurationNamesItsOption()
    {
        QFETCH(QString, option);
        QFETCH(QString, value);
        const CommandLine c = parse(QStringList{QStringLiteral("--demo"), QStringLiteral("--") + option, value});
        QCOMPARE(c.action, CommandLine::Action::Error);
        QVERIFY2(c.text.startsWith(QStringLiteral("--") + option + QStringLiteral(": invalid duration")),
                 qPrintable(c.text));
        QVERIFY2(c.text.contains(value), qPrintable(c.text));
    }

    void usageMistakesAreErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown option") << args({"--frobnicate"}) << QStringLiteral("frobnicate");
        QTest::newRow("missing value") << args({"--config"}) << QStringLiteral("config");
        QTest::newRow("positional") << args({"config.yml"}) << QStringLiteral("did you mean --config config.yml?");
        QTest::newRow("headless alone") << args({"--headless"}) << QStringLiteral("--headless needs --config FILE");
        QTest::newRow("lint alone") << args({"--lint"}) << QStringLiteral("--lint needs --config FILE");
    }

    void usageMistakesAreErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const CommandLine c = parse(arguments);
        QCOMPARE(c.action, CommandLine::Action::Error);
        QVERIFY2(c.text.contains(expected), qPrintable(c.text));
    }

    void headlessRunsOnAnAttachOrTheDemo()
    {
        QCOMPARE(parse({"--headless", "--attach", "127.0.0.1:5001"}).action, CommandLine::Action::Run);
        QCOMPARE(parse({"--headless", "--demo"}).action, CommandLine::Action::Run);
        const CommandLine lint = parse({"--lint", "-c", "a.yml"});
        QCOMPARE(lint.action, CommandLine::Action::Run);
        QVERIFY(lint.lintOnly);
        QCOMPARE(lint.configPath, QStringLiteral("a.yml"));
    }

    void helpListsEveryOption()
    {
        const CommandLine c = parse({"--help"});
        QCOMPARE(c.action, CommandLine::Action::Help);
        QVERIFY(c.text.contains(QStringLiteral("hookscope")));
        QVERIFY(!c.text.contains(QStringLiteral("<executable_name>")));
        for (const char *option : {"--config <FILE>", "--headless", "--lint", "--demo", "--verbose",
                                   "--journal-reset", "--ingest <HOST:PORT>", "--admin <HOST:PORT>",
                                   "--screenshot <FILE>", "--tab <NAME>", "--select <NAME>",
                                   "--attach <HOST:PORT>", "--status-interval <DURATION>",
                                   "--shutdown-deadline <DURATION>", "--screenshot-delay <DURATION>",
                                   "--attach-interval <DURATION>", "--stuck-after <DURATION>",
                                   "--leftovers <FILE>"})
            QVERIFY2(c.text.contains(QLatin1String(option)), option);
    }

    void versionNamesTheBuild()
    {
        const CommandLine c = parse({"--version"});
        QCOMPARE(c.action, CommandLine::Action::Version);
        QCOMPARE(c.text, QStringLiteral("hookscope " HOOKSCOPE_VERSION));
    }
};

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
