#include "core/config/configloader.h"
#include "core/config/configpatcher.h"

#include <QFile>
#include <QTest>

using namespace hookscope;

namespace {

// A comment above each endpoint, a disabled second endpoint, a registry section and trailing text.
const QByteArray File = "version: 0.1\n"
                        "# the registry's own settings\n"
                        "storage:\n"
                        "  filesystem: {rootdirectory: /var/lib/registry}\n"
                        "notifications:\n"
                        "  endpoints:\n"
                        "    # first: the audit log\n"
                        "    - name: audit\n"
                        "      url: http://audit.example/hook   # keeps its comment\n"
                        "      threshold: 0\n"
                        "\n"
                        "    # second: switched off for now\n"
                        "    - name: old\n"
                        "      disabled: true\n"
                        "      url: http://old.example/hook\n"
                        "    # third: the CI trigger\n"
                        "    - name: ci\n"
                        "      url: http://ci.example/hook\n"
                        "# end of notifications\n"
                        "http:\n"
                        "  addr: :5000\n";

AppConfig load(const QByteArray &yaml)
{
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("c.yml"));
    [&] { QVERIFY2(result.ok(), qPrintable(result.errors.value(0).toString())); }();
    return result.config;
}

} // namespace

// Saving over a YAML file edits its text: comments, order and other sections stay.
class tst_ConfigPatcher final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void unchangedIsTheFileAsItWas()
    {
        const std::optional<QByteArray> patched = ConfigPatcher::patch(File, QStringLiteral("c.yml"), load(File));
        QVERIFY(patched);
        QCOMPARE(*patched, File);
    }

    // One endpoint's URL edited: that endpoint is rewritten (its inner comment goes), every other
    // line, comment and the order stay; it reads back as the edit.
    void editKeepsTheOthersComments()
    {
        AppConfig config = load(File);
        config.endpoints[2].url = QStringLiteral("http://ci.example/v2");
        const std::optional<QByteArray> patched = ConfigPatcher::patch(File, QStringLiteral("c.yml"), config);
        QVERIFY(patched);
        const QString text = QString::fromUtf8(*patched);
        for (const char *kept : {"# the registry's own settings", "# first: the audit log",
                                 "url: http://audit.example/hook   # keeps its comment", "threshold: 0",
                                 "# second: switched off for now", "# third: the CI trigger",
                                 "# end of notifications", "addr: :5000", "rootdirectory"})
            QVERIFY2(text.contains(QLatin1String(kept)), kept);
        QVERIFY(text.contains(QLatin1String("    - name: ci\n      url: http://ci.example/v2\n")));
        QVERIFY(!text.contains(QLatin1String("http://ci.example/hook")));
        QVERIFY(text.indexOf(QLatin1String("name: audit")) < text.indexOf(QLatin1String("name: old")));
        QVERIFY(text.indexOf(QLatin1String("name: old")) < text.indexOf(QLatin1String("name: ci")));
        QVERIFY(load(*patched) == config);
    }

    // Removed and added endpoints: the removed one takes its comment along, the new one goes where
    // the configuration has it.
    void removeAndAdd()
    {
        AppConfig config = load(File);
        EndpointConfig added;
        added.name = QStringLiteral("new");
        added.url = QStringLiteral("https://new.example/hook");
        config.endpoints.removeAt(1);
        config.endpoints.insert(1, added);
        config.endpoints.append(config.endpoints.takeFirst());   // audit last
        // Renaming pairs "new" with the removed "old" (one left on each side), so its comment moves
        // with it; the content is what the configuration says.
        const std::optional<QByteArray> patched = ConfigPatcher::patch(File, QStringLiteral("c.yml"), config);
        QVERIFY(patched);
        QVERIFY(load(*patched) == config);
        const QString text = QString::fromUtf8(*patched);
        QVERIFY(text.indexOf(QLatin1String("name: new")) < text.indexOf(QLatin1String("name: ci")));
        QVERIFY(text.indexOf(QLatin1String("name: ci")) < text.indexOf(QLatin1String("# first: the audit log")));
        QVERIFY(text.contains(QLatin1String("addr: :5000")));
    }

    // Outside the endpoint list nothing is edited: a change there (or a layout it does not edit)
    // is left to the writer.
    void givesUpOutsideTheEndpointList()
    {
        AppConfig config = load(File);
        config.includeReferences = true;
        QVERIFY(!ConfigPatcher::patch(File, QStringLiteral("c.yml"), config));
        const QByteArray flow = "notifications:\n  endpoints: [{name: a, url: \"http://h/e\"}]\n";
        QVERIFY(!ConfigPatcher::patch(flow, QStringLiteral("c.yml"), load(flow)));
        const QByteArray aliases = "notifications:\n  endpoints:\n    - &e {name: a, url: \"http://h/e\"}\n    - *e\n";
        AppConfig aliased = load(aliases);
        aliased.endpoints[1].threshold = 3;
        QVERIFY(!ConfigPatcher::patch(aliases, QStringLiteral("c.yml"), aliased));
        QVERIFY(!ConfigPatcher::patch("notifications: [", QStringLiteral("c.yml"), AppConfig()));
    }

    // Real files (the registry's own configs from the capture, the scenario example): saved
    // unchanged they come back byte for byte; with every endpoint's threshold edited they are
    // still edited in place (not left to the writer) and read back as the edit.
    void realFilesPatchInPlace_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("config.yml") << QStringLiteral(HOOKSCOPE_FIXTURES_DIR "/config.yml");
        QTest::newRow("config-default.yml") << QStringLiteral(HOOKSCOPE_FIXTURES_DIR "/config-default.yml");
        QTest::newRow("scenario.yml") << QStringLiteral(QT_TESTCASE_SOURCEDIR "/../examples/scenario.yml");
    }

    void realFilesPatchInPlace()
    {
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray original = file.readAll();
        const ConfigLoadResult loaded = ConfigLoader::loadString(original, path);
        QVERIFY(loaded.ok());
        QCOMPARE(ConfigPatcher::patch(original, path, loaded.config).value_or(QByteArray()), original);
        AppConfig edited = loaded.config;
        for (EndpointConfig &e : edited.endpoints)
            e.threshold = 7;
        const std::optional<QByteArray> patched = ConfigPatcher::patch(original, path, edited);
        QVERIFY(patched);
        QVERIFY(ConfigLoader::loadString(*patched, path).config == edited);
    }

    // Written anew, a file keeps the comment blocks that opened and closed it; the writer's own
    // header line is not doubled.
    void rewriteKeepsOuterComments()
    {
        const QByteArray written = "# Written by hookscope.\nnotifications:\n  endpoints: []\n";
        QCOMPARE(ConfigPatcher::keepOuterComments("# team hooks\n\nnotifications: {}\n# the end\n", written),
                 QByteArray("# team hooks\n\n# Written by hookscope.\nnotifications:\n  endpoints: []\n# the end\n"));
        QCOMPARE(ConfigPatcher::keepOuterComments(written, written), written);
        QCOMPARE(ConfigPatcher::keepOuterComments(QByteArray(), written), written);
    }

    // CRLF files get CRLF lines where an endpoint is rewritten; the last item reaching the end of
    // the file without a line break still takes a following one.
    void lineEndsAndEndOfFile()
    {
        const QByteArray crlf = "notifications:\r\n  endpoints:\r\n    # a\r\n    - name: a\r\n      url: http://h/a";
        AppConfig config = load(crlf);
        EndpointConfig b;
        b.name = QStringLiteral("b");
        b.url = QStringLiteral("http://h/b");
        config.endpoints.append(b);
        const std::optional<QByteArray> patched = ConfigPatcher::patch(crlf, QStringLiteral("c.yml"), config);
        QVERIFY(patched);
        QVERIFY(patched->startsWith("notifications:\r\n  endpoints:\r\n    # a\r\n    - name: a\r\n"
                                    "      url: http://h/a\r\n    - name: b\r\n"));
        QVERIFY(load(*patched) == config);
    }
};

QTEST_GUILESS_MAIN(tst_ConfigPatcher)
#include "tst_configpatcher.moc"
