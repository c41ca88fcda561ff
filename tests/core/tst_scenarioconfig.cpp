#include "core/config/configloader.h"
#include "core/config/configwriter.h"
#include "configtestprint.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

// hookscope.testendpoints / generator / replay and testendpoint://NAME urls: what the loader
// reads, what it refuses (with the line) and what the lint warns about.
class tst_ScenarioConfig : public QObject
{
    Q_OBJECT

private:
    static ConfigLoadResult load(const QByteArray &yaml)
    {
        return ConfigLoader::loadString(yaml, QStringLiteral("scenario.yml"));
    }
    static QString messages(const ConfigDiagnostics &diagnostics)
    {
        QStringList lines;
        for (const ConfigDiagnostic &d : diagnostics)
            lines << d.toString();
        return lines.join(QLatin1Char('\n'));
    }
    static const ConfigDiagnostic *find(const ConfigDiagnostics &diagnostics, const QString &part)
    {
        for (const ConfigDiagnostic &d : diagnostics) {
            if (d.message.contains(part))
                return &d;
        }
        return nullptr;
    }

private Q_SLOTS:
    void readsEveryTestEndpointKey()
    {
        const ConfigLoadResult r = load("hookscope:\n"
            "  testendpoints:\n"
            "    - name: flaky\n"
            "      listen: 127.0.0.1:0\n"
            "      mode: failrate\n"
            "      failrate: 0.3\n"
            "      seed: 42\n"
            "      delay: 20ms\n"
            "      latency: uniform\n"
            "      delaymax: 80ms\n"
            "      retryafter: \"2\"\n"
            "    - name: healing\n"
            "      listen: 18081\n"
            "      mode: downthenheal\n"
            "      down: 5s\n"
            "    - name: teapot\n"
            "      mode: status\n"
            "      status: 418\n"
            "      body: short and stout\n"
            "      strictmediatype: true\n"
            "      requireheader: \"Authorization: Bearer x\"\n"
            "      downstyle: close\n"
            "    - name: first\n"
            "      mode: failfirst\n"
            "      failcount: 3\n"
            "      up: 1s\n"
            "notifications:\n"
            "  endpoints:\n"
            "    - {name: a, url: \"testendpoint://flaky\"}\n"
            "    - {name: b, url: \"testendpoint://healing\"}\n"
            "    - {name: c, url: \"testendpoint://teapot\"}\n"
            "    - {name: d, url: \"testendpoint://first\"}\n");
        QVERIFY2(r.ok(), qPrintable(messages(r.errors)));
        QVERIFY2(r.warnings.isEmpty(), qPrintable(messages(r.warnings)));
        const QList<TestEndpointConfig> &t = r.config.testEndpoints;
        QCOMPARE(t.size(), 4);
        QCOMPARE(t[0].name, QStringLiteral("flaky"));
        QCOMPARE(t[0].mode, QStringLiteral("failrate"));
        QCOMPARE(t[0].failRate, 0.3);
        QCOMPARE(t[0].seed, 42);
        QCOMPARE(t[0].delayNs, 20'000'000);
        QCOMPARE(t[0].latency, QStringLiteral("uniform"));
        QCOMPARE(t[0].delayMaxNs, 80'000'000);
        QCOMPARE(t[0].retryAfter, QStringLiteral("2"));
        QCOMPARE(t[0].line, 3);
        QCOMPARE(t[1].listen, QStringLiteral("127.0.0.1:18081"));
        QCOMPARE(t[1].downNs, 5'000'000'000);
        QCOMPARE(t[2].status, 418);
        QCOMPARE(t[2].body, QStringLiteral("short and stout"));
        QVERIFY(t[2].strictMediaType);
        QCOMPARE(t[2].requireHeader, QStringLiteral("Authorization: Bearer x"));
        QCOMPARE(t[2].downStyle, QStringLiteral("close"));
        QCOMPARE(t[3].failCount, 3);
        QCOMPARE(t[3].upNs, 1'000'000'000);
        QCOMPARE(r.config.endpoints[0].url, QStringLiteral("testendpoint://flaky"));
    }

    void readsGeneratorAndReplay()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile capture(dir.filePath(QStringLiteral("events.ndjson")));
        QVERIFY(capture.open(QIODevice::WriteOnly));
        capture.close();
        QDir().mkdir(dir.filePath(QStringLiteral("captures")));
        QFile config(dir.filePath(QStringLiteral("config.yml")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("hookscope:\n"
            "  generator:\n"
            "    rate: 12.5\n"
            "    burst: 10\n"
            "    repositories: [library/nginx, team/api]\n"
            "    users: [alice, \"\"]\n"
            "    seed: 9\n"
            "    duration: 30s\n"
            "    count: 500\n"
            "    mix: {push: 1, pull: 4}\n"
            "    stamp: false\n"
            "  replay:\n"
            "    files: [events.ndjson, captures]\n"
            "    format: ndjson\n"
            "    pace: original\n"
            "notifications:\n"
            "  endpoints:\n"
            "    - {name: a, url: \"http://127.0.0.1:9/x\"}\n");
        config.close();
        const ConfigLoadResult r = ConfigLoader::loadFile(config.fileName());
        QVERIFY2(r.ok(), qPrintable(messages(r.errors)));
        const GeneratorConfig &g = r.config.generator;
        QVERIFY(g.enabled);
        QCOMPARE(g.rate, 12.5);
        QCOMPARE(g.burst, 10);
        QCOMPARE(g.repositories, QStringList({QStringLiteral("library/nginx"), QStringLiteral("team/api")}));
        QCOMPARE(g.users, QStringList({QStringLiteral("alice"), QString()}));
        QCOMPARE(g.seed, 9);
        QCOMPARE(g.durationNs, 30'000'000'000);
        QCOMPARE(g.count, 500);
        QCOMPARE(g.mix, QStringLiteral("mixed"));
        QCOMPARE(g.pushWeight, 1);
        QCOMPARE(g.pullWeight, 4);
        QCOMPARE(g.mountWeight, 0);   // listed weights only
        QCOMPARE(g.deleteWeight, 0);
        QVERIFY(!g.stamp);
        // Relative replay paths are relative to the configuration file.
        QCOMPARE(r.config.replay.files,
                 QStringList({dir.filePath(QStringLiteral("events.ndjson")), dir.filePath(QStringLiteral("captures"))}));
        QCOMPARE(r.config.replay.format, QStringLiteral("ndjson"));
        QCOMPARE(r.config.replay.pace, QStringLiteral("original"));
        QVERIFY(r.config.hasScenario());
    }

    void generatorProfileByName()
    {
        const ConfigLoadResult r = load("hookscope:\n  generator: {mix: push}\n");
        QVERIFY2(r.ok(), qPrintable(messages(r.errors)));
        QCOMPARE(r.config.generator.mix, QStringLiteral("push"));
        QCOMPARE(r.config.generator.rate, 5.0);   // the default
        QVERIFY(!load("notifications: {}\n").config.generator.enabled);
    }

    // Each bad value is an error at its own line, naming the key.
    void badValuesAreErrorsWithTheLine_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        const QByteArray head = "hookscope:\n  testendpoints:\n    - name: t\n";
        QTest::newRow("status") << head + "      status: 42\n" << 4 << "status: 42 is outside 100..999";
        QTest::newRow("failrate") << head + "      failrate: 1.5\n" << 4 << "failrate: must be a fraction";
        QTest::newRow("negative delay") << head + "      delay: -1s\n" << 4 << "delay: must not be negative";
        QTest::newRow("negative seed") << head + "      seed: -1\n" << 4 << "seed: must be between 0 and 4294967295";
        QTest::newRow("seed over 32 bits") << head + "      seed: 4294967296\n" << 4 << "must be between 0 and 4294967295";
        QTest::newRow("negative failcount") << head + "      failcount: -1\n" << 4 << "failcount: must be 0 or more";
        QTest::newRow("quoted status") << head + "      status: \"200\"\n" << 4 << "(quoted, so a string: remove the quotes)";
        QTest::newRow("quoted bool") << head + "      strictmediatype: \"true\"\n" << 4
                                     << "expected true or false";
        QTest::newRow("bad duration") << head + "      down: soon\n" << 4 << "invalid duration";
        QTest::newRow("latency") << head + "      latency: gaussian\n" << 4 << "unknown value \"gaussian\"";
        QTest::newRow("listen host") << head + "      listen: 0.0.0.0:80\n" << 4 << "127.0.0.1 only";
        QTest::newRow("listen port") << head + "      listen: 70000\n" << 4 << "outside 0..65535";
        QTest::newRow("no name") << QByteArray("hookscope:\n  testendpoints:\n    - mode: hang\n") << 3 << "needs a name";
        QTest::newRow("duplicate name") << head + "    - name: t\n" << 4 << "already used";
        QTest::newRow("not a list") << QByteArray("hookscope:\n  testendpoints: healthy\n") << 2 << "expected a list";
        QTest::newRow("rate") << QByteArray("hookscope:\n  generator:\n    rate: fast\n") << 3 << "expected a number";
        QTest::newRow("burst") << QByteArray("hookscope:\n  generator:\n    burst: 0\n") << 3 << "0 is outside 1..100000";
        QTest::newRow("mix name") << QByteArray("hookscope:\n  generator:\n    mix: pushy\n") << 3 << "unknown value \"pushy\"";
        QTest::newRow("mix zero") << QByteArray("hookscope:\n  generator:\n    mix: {push: 0}\n") << 3 << "at least one positive weight";
        QTest::newRow("replay missing") << QByteArray("hookscope:\n  replay:\n    files: [/no/such/capture.json]\n") << 3 << "no such file or folder";
        QTest::newRow("replay pace") << QByteArray("hookscope:\n  replay:\n    pace: slow\n") << 3 << "unknown value \"slow\"";
        QTest::newRow("unknown reference")
            << QByteArray("notifications:\n  endpoints:\n    - name: e\n      url: testendpoint://ghost\n") << 4
            << "names no test endpoint";
    }

    void badValuesAreErrorsWithTheLine()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, line);
        QFETCH(QString, message);
        const ConfigLoadResult r = load(yaml);
        const ConfigDiagnostic *d = find(r.errors, message);
        QVERIFY2(d, qPrintable(QStringLiteral("no error with \"%1\" in:\n%2").arg(message, messages(r.errors))));
        QCOMPARE(d->line, line);
        QCOMPARE(d->file, QStringLiteral("scenario.yml"));
    }

    void unknownKeysAndUnusedEndpointsWarn()
    {
        const ConfigLoadResult r = load("hookscope:\n"
            "  testendpoints:\n"
            "    - name: lonely\n"
            "      failrat: 0.3\n"
            "  generator:\n"
            "    rat: 5\n"
            "  replay:\n"
            "    pase: fast\n");
        QVERIFY2(r.ok(), qPrintable(messages(r.errors)));
        const ConfigDiagnostic *typo = find(r.warnings, QStringLiteral("hookscope.testendpoints[0].failrat"));
        QVERIFY2(typo, qPrintable(messages(r.warnings)));
        QCOMPARE(typo->line, 4);
        QVERIFY(typo->message.contains(QStringLiteral("did you mean \"failrate\"")));
        QVERIFY(find(r.warnings, QStringLiteral("hookscope.generator.rat\"")));
        QVERIFY(find(r.warnings, QStringLiteral("hookscope.replay.pase")));
        const ConfigDiagnostic *unused = find(r.warnings, QStringLiteral("\"lonely\" is not the url of any enabled endpoint"));
        QVERIFY2(unused, qPrintable(messages(r.warnings)));
        QCOMPARE(unused->line, 3);
    }

    // 30 is not read as 30%: a fraction is asked for, and the message says how to write it.
    void percentFailRateIsRefused()
    {
        const ConfigLoadResult r = load("hookscope:\n  testendpoints:\n    - {name: f, failrate: 30}\n");
        const ConfigDiagnostic *d = find(r.errors, QStringLiteral("0.3 fails 30%"));
        QVERIFY2(d, qPrintable(messages(r.errors)));
        QCOMPARE(d->line, 3);
    }

    // The reference may come before the test endpoints in the file; a disabled endpoint's bad
    // reference only warns, as its bad urls do.
    void referencesResolveAcrossSections()
    {
        ConfigLoadResult r = load("notifications:\n"
            "  endpoints:\n"
            "    - {name: a, url: \"testendpoint://t\"}\n"
            "    - {name: b, url: \"testendpoint://nobody\", disabled: true}\n"
            "hookscope:\n"
            "  testendpoints:\n"
            "    - {name: t}\n");
        QVERIFY2(r.ok(), qPrintable(messages(r.errors)));
        QVERIFY(find(r.warnings, QStringLiteral("endpoint is disabled")));
    }

    void writerRoundTripsTheScenario()
    {
        const ConfigLoadResult r = load("hookscope:\n"
            "  testendpoints:\n"
            "    - {name: t, mode: flap, down: 2s, up: 3s, failrate: 0.25, status: 503, seed: 5}\n"
            "  generator: {rate: 20, burst: 5, count: 100, users: [bob, \"\"], mix: {push: 2, pull: 1}}\n"
            "notifications:\n"
            "  endpoints:\n"
            "    - {name: a, url: \"testendpoint://t\"}\n");
        QVERIFY2(r.ok(), qPrintable(messages(r.errors)));
        const QByteArray written = ConfigWriter::toYaml(r.config);
        const ConfigLoadResult again = ConfigLoader::loadString(written, QStringLiteral("written.yml"));
        QVERIFY2(again.ok(), qPrintable(messages(again.errors) + QLatin1Char('\n') + QString::fromUtf8(written)));
        QCOMPARE(again.config.testEndpoints, r.config.testEndpoints);
        QCOMPARE(again.config.generator, r.config.generator);
        QVERIFY(again.config == r.config);
    }
};

QTEST_GUILESS_MAIN(tst_ScenarioConfig)
#include "tst_scenarioconfig.moc"
