#include "core/config/configloader.h"
#include "core/config/configwriter.h"
#include "configtestprint.h"

#include <QTest>

using namespace hookscope;

// Writing an AppConfig as YAML that reads back (in hookscope and in the registry) to equal values.
class tst_ConfigWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void registryFixturesRoundTrip_data();
    void registryFixturesRoundTrip();
    void plainRegistrySetupIsWrittenPlainly();
    void everyFieldRoundTrips();
    void awkwardStringsStayStrings_data();
    void awkwardStringsStayStrings();
    void emptyConfigRoundTrips();
    void secretsAreWrittenAsTheyAre();

private:
    static AppConfig reload(const QByteArray &yaml);
};

AppConfig tst_ConfigWriter::reload(const QByteArray &yaml)
{
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("written.yml"));
    [&] {
        QVERIFY2(result.ok(), qPrintable(result.errors.value(0).toString() + QLatin1Char('\n')
                                         + QString::fromUtf8(yaml)));
    }();
    return result.config;
}

void tst_ConfigWriter::registryFixturesRoundTrip_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("config.yml") << QStringLiteral(HOOKSCOPE_FIXTURES_DIR "/config.yml");
    QTest::newRow("config-default.yml")
        << QStringLiteral(HOOKSCOPE_FIXTURES_DIR "/config-default.yml");
}

// Both real registry configs survive load -> write -> load unchanged and without new warnings.
void tst_ConfigWriter::registryFixturesRoundTrip()
{
    QFETCH(QString, file);
    const ConfigLoadResult original = ConfigLoader::loadFile(file);
    QVERIFY(original.ok());
    const QByteArray yaml = ConfigWriter::toYaml(original.config);
    const ConfigLoadResult again = ConfigLoader::loadString(yaml, QStringLiteral("written.yml"));
    QVERIFY(again.ok());
    QVERIFY(again.warnings.isEmpty());
    QCOMPARE(again.config, original.config);
}

// Without extensions the output is exactly a registry notifications section: Go duration strings,
// header values as lists, no hookscope keys.
void tst_ConfigWriter::plainRegistrySetupIsWrittenPlainly()
{
    AppConfig config;
    config.includeReferences = true;
    EndpointConfig e;
    e.name = QStringLiteral("audit");
    e.url = QStringLiteral("http://audit.internal:9000/events");
    e.headers = {{QStringLiteral("Authorization"), {QStringLiteral("Bearer abc")}}};
    e.timeoutNs = 500'000'000;
    e.threshold = 5;
    e.backoffNs = 120'000'000'000;
    e.ignoreMediaTypes = {QStringLiteral("application/octet-stream")};
    e.ignoreActions = {QStringLiteral("pull")};
    config.endpoints << e;
    const QByteArray expected = "# Written by hookscope. notifications: is registry 2.8.2's "
                                "section and reads the same there.\n"
                                "version: 0.1\n"
                                "notifications:\n"
                                "  events:\n"
                                "    includereferences: true\n"
                                "  endpoints:\n"
                                "    - name: audit\n"
                                "      url: http://audit.internal:9000/events\n"
                                "      headers:\n"
                                "        Authorization: [Bearer abc]\n"
                                "      timeout: 500ms\n"
                                "      threshold: 5\n"
                                "      backoff: 2m0s\n"
                                "      ignore:\n"
                                "        mediatypes: [application/octet-stream]\n"
                                "        actions: [pull]\n";
    const QByteArray yaml = ConfigWriter::toYaml(config);
    QCOMPARE(yaml, expected);
    QCOMPARE(reload(yaml), config);
}

// Every registry field and every hookscope extension reads back equal.
void tst_ConfigWriter::everyFieldRoundTrips()
{
    AppConfig config;
    config.ingest.listen = QStringLiteral("127.0.0.1:5050");
    config.ingest.token = QStringLiteral("s3cret");
    config.ingest.bodyLimitBytes = 65536;
    config.ingest.requestTimeoutMs = 2500;
    config.ingest.validate = false;
    config.ingest.maxEvents = 50;
    config.ingest.allowedHosts = {QStringLiteral("hookscope.internal"), QStringLiteral("[fd00::1]:5050")};
    config.admin.listen = QStringLiteral("[::1]:5051");
    config.admin.allowedHosts = {QStringLiteral("admin.internal:5051")};
    config.journalPath = QStringLiteral("/var/lib/hookscope/queue.db");

    EndpointConfig first;
    first.name = QStringLiteral("first");
    first.url = QStringLiteral("https://ci.example.net/hooks/registry?x=1&y=%20");
    first.headers = {{QStringLiteral("X-Multi"), {QStringLiteral("a"), QStringLiteral("b, c")}},
                     {QStringLiteral("Authorization"), {QStringLiteral("Token: \"quoted\" #1")}}};
    first.timeoutNs = 1'500; // 1.5µs: written with the micro sign, as Go does
    first.threshold = 1;
    first.backoffNs = 3'723'000'000'000 + 4;
    first.ignoredMediaTypes = {QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip")};
    first.retryPolicy = RetryPolicyKind::Exponential;
    first.expBaseNs = 250'000'000;
    first.expFactorNs = 2'000'000'000;
    first.expMaxNs = 90'000'000'000;
    first.maxAttempts = 12;
    first.maxAgeNs = 86'400'000'000'000;
    first.maxBatch = 50;
    first.paused = true;
    first.transport = HttpTransportKind::Qnam;

    EndpointConfig second;
    second.name = QStringLiteral("off");
    second.disabled = true; // and without a url: only a warning for a disabled endpoint
    second.maxAttempts = 3; // breaker with a give-up limit
    second.misconfigured = QStringLiteral("has no url"); // what the loader notes about it

    config.endpoints << first << second;
    const QByteArray yaml = ConfigWriter::toYaml(config);
    QCOMPARE(reload(yaml), config);
    QVERIFY(yaml.contains("timeout: 1.5\xc2\xb5s"));
    QVERIFY(yaml.contains("backoff: 1h2m3.000000004s"));
    QVERIFY(yaml.contains("transport: qnam"));
}

void tst_ConfigWriter::awkwardStringsStayStrings_data()
{
    QTest::addColumn<QString>("value");
    const char *values[]
        = {"yes",        "No",  "on",    "true",        "null",        "~",
           "",           "123", "0x10",  "1e3",         "1_000",       ".5",
           ".inf",       "-",   "a: b",  "#hash",       " padded ",    "'single'",
           "\"double\"", "[x]", "{y}",   "*star",       "&amp",        "!bang",
           "%pct",       "@at", "`tick", "line\nbreak", "tab\there",   "caf\xc3\xa9 \xe2\x9c\x93",
           "- dash",     "? q", "|pipe", ">gt",         "back\\slash", "<<"};
    for (const char *value : values)
        QTest::newRow(value) << QString::fromUtf8(value);
}

// Names, urls, header names and values, media types and actions that YAML would read as
// something else (bools, numbers, null, flow syntax) are quoted and come back verbatim.
void tst_ConfigWriter::awkwardStringsStayStrings()
{
    QFETCH(QString, value);
    AppConfig config;
    EndpointConfig e;
    e.name = value;
    e.url = QStringLiteral("http://h/e");
    e.headers = {{QStringLiteral("X-") + QString::number(value.size()), {value}},
                 {value.isEmpty() ? QStringLiteral("X-Empty") : value, {value, value}}};
    e.ignoreMediaTypes = {value};
    e.ignoreActions = {value};
    e.ignoredMediaTypes = {value};
    config.endpoints << e;
    config.journalPath = value;
    const QByteArray yaml = ConfigWriter::toYaml(config);
    QCOMPARE(reload(yaml), config);
}

// No endpoints, no extensions: still a valid file that reads back empty.
void tst_ConfigWriter::emptyConfigRoundTrips()
{
    const QByteArray yaml = ConfigWriter::toYaml(AppConfig());
    QVERIFY(yaml.contains("endpoints: []"));
    QVERIFY(!yaml.contains("hookscope:"));
    QCOMPARE(reload(yaml), AppConfig());
}

// File > Save writes the real URL and header values: masking is for display only, and a saved
// file with "***" in it would no longer deliver.
void tst_ConfigWriter::secretsAreWrittenAsTheyAre()
{
    AppConfig config;
    EndpointConfig e;
    e.name = QStringLiteral("a");
    e.url = QStringLiteral("http://user:pa55@h:9000/events?token=t0k&x=1");
    e.headers = {{QStringLiteral("Authorization"), {QStringLiteral("Bearer s3cret")}}};
    config.endpoints = {e};
    const QByteArray yaml = ConfigWriter::toYaml(config);
    QVERIFY(!yaml.contains("***"));
    const AppConfig back = reload(yaml);
    QCOMPARE(back.endpoints.value(0).url, e.url);
    QCOMPARE(back.endpoints.value(0).headers, e.headers);
}

QTEST_GUILESS_MAIN(tst_ConfigWriter)
#include "tst_configwriter.moc"
