#include "core/config/configloader.h"
#include "configtestprint.h"

#include <QProcessEnvironment>
#include <QTest>

#include <algorithm>

#include <limits>

using namespace hookscope;

// Reading registry config files (and hookscope's extensions) the way registry 2.8.2 reads them.
class tst_ConfigLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void registryFixtureLoadsAsIs();
    void defaultConfigFixtureLoadsAsIs();
    void missingValuesTakeRegistryDefaults();
    void nonPositiveValuesTakeRegistryDefaults();
    void disabledEndpointsAreKeptAndFlagged();
    void yamlScalarsResolveLikeYamlV2_data();
    void yamlScalarsResolveLikeYamlV2();
    void invalidUrlsLoadAsMisconfigured_data();
    void invalidUrlsLoadAsMisconfigured();
    void errorsPointAtTheValue_data();
    void errorsPointAtTheValue();
    void syntaxErrorHasLineAndColumn();
    void diagnosticPrintsLikeACompiler();
    void unreadableFileIsAnError();
    void otherRegistrySectionsAreIgnoredSilently();
    void emptyFileLoads();
    void hookscopeExtensionsAreRead();
    void extensionDefaultsMatchTheRegistry();
    void mergeKeysAreFollowed();
    void headersKeepFileOrderAndLists();
    void environmentReplacesEndpoints();
    void environmentErrorsNameTheVariable();
    void environmentIncludeReferencesUsesGoFieldName();
    void environmentWithoutOverridesChangesNothing();
    void environmentReplacesWholeSection();
    void repeatedEndpointsKeyReplacesTheList();
    void hugeThresholdIsClampedWithAWarning();
    void hostileInputIsRefusedNotFatal();
    void agreesWithRegistryOnEdgeCases_data();
    void agreesWithRegistryOnEdgeCases();
    void mismatchedExplicitTagIsAnError();

private:
    static QByteArray endpointWith(const QByteArray &extraLines);
    static QString errorsOf(const ConfigLoadResult &result);
    static QString warningsOf(const ConfigLoadResult &result);
};

namespace {

constexpr qint64 kSecond = 1'000'000'000;

QString fixture(const char *name)
{
    return QStringLiteral(HOOKSCOPE_FIXTURES_DIR "/") + QLatin1String(name);
}

} // namespace

// Lines 1-4 define one valid endpoint; extra lines start at line 5 with 6-space indentation.
QByteArray tst_ConfigLoader::endpointWith(const QByteArray &extraLines)
{
    return QByteArrayLiteral("notifications:\n"
                             "  endpoints:\n"
                             "    - name: a\n"
                             "      url: http://127.0.0.1:8080/events\n")
           + extraLines;
}

QString tst_ConfigLoader::errorsOf(const ConfigLoadResult &result)
{
    QStringList lines;
    for (const ConfigDiagnostic &d : result.errors)
        lines << d.toString();
    return lines.join(QLatin1Char('\n'));
}

QString tst_ConfigLoader::warningsOf(const ConfigLoadResult &result)
{
    QStringList lines;
    for (const ConfigDiagnostic &d : result.warnings)
        lines << d.toString();
    return lines.join(QLatin1Char('\n'));
}

// The phase A config.yml from a real registry run: 4 endpoints, threshold 3, timeout/backoff 1s,
// the Bearer header on "primary", includereferences on; no errors and no warnings.
void tst_ConfigLoader::registryFixtureLoadsAsIs()
{
    const ConfigLoadResult result = ConfigLoader::loadFile(fixture("config.yml"));
    QVERIFY2(result.ok(), qPrintable(errorsOf(result)));
    QVERIFY(result.warnings.isEmpty());
    const AppConfig &config = result.config;
    QCOMPARE(config.sourcePath, fixture("config.yml"));
    QCOMPARE(config.includeReferences, true);
    QCOMPARE(config.endpoints.size(), 4);
    const QStringList names = {QStringLiteral("primary"), QStringLiteral("failing"),
                               QStringLiteral("timeout"), QStringLiteral("down")};
    const QStringList urls = {QStringLiteral("http://127.0.0.1:34995/events"),
                              QStringLiteral("http://127.0.0.1:34183/events"),
                              QStringLiteral("http://127.0.0.1:35487/events"),
                              QStringLiteral("http://127.0.0.1:47187/events")};
    for (int i = 0; i < 4; ++i) {
        const EndpointConfig &e = config.endpoints.at(i);
        QCOMPARE(e.name, names.at(i));
        QCOMPARE(e.url, urls.at(i));
        QCOMPARE(e.threshold, 3);
        QCOMPARE(e.timeoutNs, kSecond);
        QCOMPARE(e.backoffNs, kSecond);
        QCOMPARE(e.disabled, false);
        QVERIFY(!e.hasFilter());
        QCOMPARE(e.retryPolicy, RetryPolicyKind::Breaker);
        QCOMPARE(e.maxBatch, 1);
        QCOMPARE(e.paused, false);
        if (i > 0)
            QVERIFY(e.headers.isEmpty());
    }
    const QList<QPair<QString, QStringList>> expectedHeaders
        = {{QStringLiteral("Authorization"), {QStringLiteral("Bearer fixture-token")}}};
    QCOMPARE(config.endpoints.at(0).headers, expectedHeaders);
    QCOMPARE(config.enabledEndpoints().size(), 4);
    QVERIFY(config.ingest.listen.isEmpty());
    QVERIFY(config.admin.listen.isEmpty());
    QVERIFY(config.journalPath.isEmpty());
}

// The phase B config (registry defaults for the notification events): one endpoint, no headers,
// includereferences false.
void tst_ConfigLoader::defaultConfigFixtureLoadsAsIs()
{
    const ConfigLoadResult result = ConfigLoader::loadFile(fixture("config-default.yml"));
    QVERIFY2(result.ok(), qPrintable(errorsOf(result)));
    QVERIFY(result.warnings.isEmpty());
    QCOMPARE(result.config.includeReferences, false);
    QCOMPARE(result.config.endpoints.size(), 1);
    const EndpointConfig &e = result.config.endpoints.at(0);
    QCOMPARE(e.name, QStringLiteral("primary"));
    QCOMPARE(e.url, QStringLiteral("http://127.0.0.1:44721/events"));
    QCOMPARE(e.threshold, 3);
    QCOMPARE(e.timeoutNs, kSecond);
    QCOMPARE(e.backoffNs, kSecond);
    QVERIFY(e.headers.isEmpty());
}

// An endpoint with only name and url gets timeout 1s, threshold 10, backoff 1s (the registry's
// DefaultEndpointConfig), no filter, breaker policy and one event per envelope.
void tst_ConfigLoader::missingValuesTakeRegistryDefaults()
{
    const ConfigLoadResult result
        = ConfigLoader::loadString(endpointWith({}), QStringLiteral("t.yml"));
    QVERIFY2(result.ok(), qPrintable(errorsOf(result)));
    QCOMPARE(result.config.includeReferences, false);
    QCOMPARE(result.config.endpoints.size(), 1);
    EndpointConfig expected;
    expected.name = QStringLiteral("a");
    expected.url = QStringLiteral("http://127.0.0.1:8080/events");
    QCOMPARE(result.config.endpoints.at(0), expected);
    QCOMPARE(expected.timeoutNs, kSecond);
    QCOMPARE(expected.threshold, 10);
    QCOMPARE(expected.backoffNs, kSecond);
}

// Zero and negative timeout, threshold and backoff are replaced by the defaults, as
// endpoint.defaults() does in the registry; an empty value (null) counts as missing.
void tst_ConfigLoader::nonPositiveValuesTakeRegistryDefaults()
{
    const ConfigLoadResult result = ConfigLoader::loadString(
        endpointWith("      timeout: 0\n      threshold: -3\n      backoff: -5s\n"
                     "    - name: b\n      url: http://h/e\n      timeout:\n      threshold: ~\n"),
        QStringLiteral("t.yml"));
    QVERIFY2(result.ok(), qPrintable(errorsOf(result)));
    for (const EndpointConfig &e : result.config.endpoints) {
        QCOMPARE(e.timeoutNs, kSecond);
        QCOMPARE(e.threshold, 10);
        QCOMPARE(e.backoffNs, kSecond);
    }
    // The lint says where a written value was replaced; an empty value (b's) is silent.
    QStringList replaced;
    for (const ConfigDiagnostic &w : result.warnings) {
        if (w.message.contains(QLatin1String("is replaced by")))
            replaced << QStringLiteral("%1:%2: %3").arg(w.line).arg(w.column).arg(w.message);
    }
    QCOMPARE(replaced, QStringList({
        QStringLiteral("5:16: notifications.endpoints[0] (\"a\"): timeout 0s is replaced by the "
                       "registry's default 1s"),
        QStringLiteral("6:18: notifications.endpoints[0] (\"a\"): threshold -3 is replaced by the "
                       "registry's default 10"),
        QStringLiteral("7:16: notifications.endpoints[0] (\"a\"): backoff -5s is replaced by the "
                       "registry's default 1s"),
    }));
}

// disabled: true endpoints stay in the list (file order) flagged; enabledEndpoints() drops them.
// A disabled endpoint without a usable url only warns: the registry never creates it.
void tst_ConfigLoader::disabledEndpointsAreKeptAndFlagged()
{
    const ConfigLoadResult result = ConfigLoader::loadString(
        endpointWith("    - name: off\n      disabled: true\n"
                     "    - name: c\n      url: https://example.net/hook\n"),
        QStringLiteral("t.yml"));
    QVERIFY2(result.ok(), qPrintable(errorsOf(result)));
    QCOMPARE(result.config.endpoints.size(), 3);
    QCOMPARE(result.config.endpoints.at(1).name, QStringLiteral("off"));
    QCOMPARE(result.config.endpoints.at(1).disabled, true);
    const QList<EndpointConfig> enabled = result.config.enabledEndpoints();
    QCOMPARE(enabled.size(), 2);
    QCOMPARE(enabled.at(0).name, QStringLiteral("a"));
    QCOMPARE(enabled.at(1).name, QStringLiteral("c"));
    bool warned = false;
    for (const ConfigDiagnostic &w : result.warnings)
        warned = warned || (w.line == 5 && w.message.contains(QLatin1String("has no url")));
    QVERIFY(warned);
}

void tst_ConfigLoader::yamlScalarsResolveLikeYamlV2_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("field");
    QTest::addColumn<qint64>("value");

    QTest::newRow("disabled yes") << QByteArray("disabled: yes") << "disabled" << qint64(1);
    QTest::newRow("disabled On") << QByteArray("disabled: On") << "disabled" << qint64(1);
    QTest::newRow("disabled n") << QByteArray("disabled: n") << "disabled" << qint64(0);
    QTest::newRow("threshold 1_0") << QByteArray("threshold: 1_0") << "threshold" << qint64(10);
    QTest::newRow("threshold hex") << QByteArray("threshold: 0x10") << "threshold" << qint64(16);
    QTest::newRow("threshold octal") << QByteArray("threshold: 010") << "threshold" << qint64(8);
    QTest::newRow("threshold 0o") << QByteArray("threshold: 0o10") << "threshold" << qint64(8);
    QTest::newRow("threshold +4") << QByteArray("threshold: +4") << "threshold" << qint64(4);
    QTest::newRow("threshold float truncates")
        << QByteArray("threshold: 2.9") << "threshold" << qint64(2);
    QTest::newRow("threshold 1e1") << QByteArray("threshold: 1e1") << "threshold" << qint64(10);
    QTest::newRow("timeout bare ns") << QByteArray("timeout: 500") << "timeout" << qint64(500);
    QTest::newRow("timeout 1e9") << QByteArray("timeout: 1e9") << "timeout" << kSecond;
    QTest::newRow("timeout quoted 2s") << QByteArray("timeout: \"2s\"") << "timeout" << 2 * kSecond;
    QTest::newRow("timeout 1m30s") << QByteArray("timeout: 1m30s") << "timeout" << 90 * kSecond;
    QTest::newRow("timeout 250ms")
        << QByteArray("timeout: 250ms") << "timeout" << qint64(250'000'000);
    QTest::newRow("backoff 0.5s") << QByteArray("backoff: 0.5s") << "backoff" << kSecond / 2;
}

// Values decode as gopkg.in/yaml.v2 decodes them into the registry's struct: YAML 1.1 booleans,
// 0x/0o/leading-0/underscore integers, floats truncated into ints, bare numbers as nanoseconds.
void tst_ConfigLoader::yamlScalarsResolveLikeYamlV2()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, field);
    QFETCH(qint64, value);
    const ConfigLoadResult result
        = ConfigLoader::loadString(endpointWith("      " + line + '\n'), QStringLiteral("t.yml"));
    QVERIFY2(result.ok(), qPrintable(errorsOf(result)));
    const EndpointConfig &e = result.config.endpoints.at(0);
    qint64 actual = -1;
    if (field == QLatin1String("disabled"))
        actual = e.disabled ? 1 : 0;
    else if (field == QLatin1String("threshold"))
        actual = e.threshold;
    else if (field == QLatin1String("timeout"))
        actual = e.timeoutNs;
    else if (field == QLatin1String("backoff"))
        actual = e.backoffNs;
    QCOMPARE(actual, value);
}

void tst_ConfigLoader::errorsPointAtTheValue_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("threshold abc")
        << endpointWith("      threshold: abc\n") << 5 << 18
        << "notifications.endpoints[0].threshold: expected an integer, got \"abc\"";
    QTest::newRow("threshold quoted")
        << endpointWith("      threshold: \"3\"\n") << 5 << 18
        << "notifications.endpoints[0].threshold: expected an integer, got \"3\" (quoted, so a "
           "string: remove the quotes)";
    QTest::newRow("threshold list")
        << endpointWith("      threshold: [3]\n") << 5 << 18
        << "notifications.endpoints[0].threshold: expected an integer, got a list";
    QTest::newRow("threshold too big")
        << endpointWith("      threshold: 18446744073709551615\n") << 5 << 18
        << "notifications.endpoints[0].threshold: number out of range: \"18446744073709551615\"";
    QTest::newRow("disabled quoted") << endpointWith("      disabled: \"true\"\n") << 5 << 17
                                     << "notifications.endpoints[0].disabled: expected true or "
                                        "false, got \"true\" (quoted, so a "
                                        "string: remove the quotes)";
    QTest::newRow("header scalar")
        << endpointWith("      headers:\n        Authorization: Bearer xyz\n") << 6 << 24
        << "notifications.endpoints[0].headers.Authorization: header values must be a list, e.g. "
           "Authorization: [\"...\"]; got a single value (not shown: header values may be credentials)";
    QTest::newRow("headers a list")
        << endpointWith("      headers: [a, b]\n") << 5 << 16
        << "notifications.endpoints[0].headers: expected a mapping (key: value lines), got a list";
    QTest::newRow("endpoints not a list")
        << QByteArray("notifications:\n  endpoints:\n    name: a\n") << 3 << 5
        << "notifications.endpoints: expected a list of endpoints (\"- name: ...\" lines), got a "
           "mapping";
    QTest::newRow("endpoint a scalar")
        << QByteArray("notifications:\n  endpoints:\n    - http://h/e\n") << 3 << 7
        << "notifications.endpoints[0]: expected an endpoint (name:, url: ...), got \"http://h/e\"";
    QTest::newRow("notifications a scalar")
        << QByteArray("version: 0.1\nnotifications: yes\n") << 2 << 16
        << "notifications: expected a mapping (key: value lines), got \"yes\"";
    QTest::newRow("events a list")
        << QByteArray("notifications:\n  events: [a]\n") << 2 << 11
        << "notifications.events: expected a mapping (key: value lines), got a list";
    QTest::newRow("includereferences word")
        << QByteArray("notifications:\n  events:\n    includereferences: sometimes\n") << 3 << 24
        << "notifications.events.includereferences: expected true or false, got \"sometimes\"";
    QTest::newRow("invalid duration")
        << endpointWith("      timeout: 5 seconds\n") << 5 << 16
        << "notifications.endpoints[0].timeout: invalid duration \"5 seconds\" (time: unknown unit "
           "\" seconds\" in duration \"5 seconds\"); write e.g. 500ms, 1s, 1m30s";
    QTest::newRow("quoted bare number duration")
        << endpointWith("      backoff: \"500\"\n") << 5 << 16
        << "notifications.endpoints[0].backoff: invalid duration \"500\" (time: missing unit in "
           "duration \"500\"); write e.g. 500ms, 1s, 1m30s";
    QTest::newRow("days")
        << endpointWith("      backoff: 1d\n") << 5 << 16
        << "notifications.endpoints[0].backoff: invalid duration \"1d\" (time: unknown unit \"d\" "
           "in duration \"1d\"); write e.g. 500ms, 1s, 1m30s";
    QTest::newRow("ignoredmediatypes scalar")
        << endpointWith("      ignoredmediatypes: application/octet-stream\n") << 5 << 26
        << "notifications.endpoints[0].ignoredmediatypes: expected a list (e.g. [a, b] or \"- a\" "
           "lines), got \"application/octet-stream\"";
    QTest::newRow("ignore.actions scalar")
        << endpointWith("      ignore:\n        actions: pull\n") << 6 << 18
        << "notifications.endpoints[0].ignore.actions: expected a list (e.g. [a, b] or \"- a\" "
           "lines), got \"pull\"";
    QTest::newRow("ingest listen")
        << QByteArray("hookscope:\n  ingest:\n    listen: 5050\n") << 3 << 13
        << "hookscope.ingest.listen: \"5050\" is not host:port (e.g. 127.0.0.1:5050, [::1]:5050, "
           "0.0.0.0:5050 for every interface)";
    QTest::newRow("admin listen port")
        << QByteArray("hookscope:\n  admin: {listen: \"localhost:99999\"}\n") << 2 << 19
        << "hookscope.admin.listen: \"localhost:99999\" is not host:port (e.g. 127.0.0.1:5050, "
           "[::1]:5050, 0.0.0.0:5050 for every interface)";
    QTest::newRow("ingest bodylimit")
        << QByteArray("hookscope:\n  ingest:\n    bodylimit: 0\n") << 3 << 16
        << "hookscope.ingest.bodylimit: must be a positive number of bytes";
    QTest::newRow("ingest timeout")
        << QByteArray("hookscope:\n  ingest:\n    timeout: 10us\n") << 3 << 14
        << "hookscope.ingest.timeout: must be between 1ms and 596h";
    QTest::newRow("ingest maxevents")
        << QByteArray("hookscope:\n  ingest:\n    maxevents: 0\n") << 3 << 16
        << "hookscope.ingest.maxevents: must be a positive number of events";
    QTest::newRow("ingest validate word")
        << QByteArray("hookscope:\n  ingest:\n    validate: sometimes\n") << 3 << 15
        << "hookscope.ingest.validate: expected true or false, got \"sometimes\"";
    QTest::newRow("ingest allowedhosts URL")
        << QByteArray("hookscope:\n  ingest:\n    allowedhosts: [ok.example, \"http://h:1/\"]\n")
        << 3 << 32
        << "hookscope.ingest.allowedhosts[1]: \"http://h:1/\" is a URL or path; give the host "
           "(and port) only, e.g. \"hookscope.example:5050\"";
    QTest::newRow("admin allowedhosts port")
        << QByteArray("hookscope:\n  admin:\n    allowedhosts:\n      - h.example:99999\n")
        << 4 << 9
        << "hookscope.admin.allowedhosts[0]: \"h.example:99999\": expected name:port with a port "
           "of 1 to 65535";
    QTest::newRow("hookscope a list")
        << QByteArray("hookscope: [1]\n") << 1 << 12
        << "hookscope: expected a mapping (key: value lines), got a list";
    QTest::newRow("retry policy")
        << endpointWith("      retry: {policy: linear}\n") << 5 << 23
        << "notifications.endpoints[0].retry.policy: unknown retry policy \"linear\" (known: "
           "breaker, exponential)";
    QTest::newRow("retry negative base")
        << endpointWith("      retry:\n        base: -1s\n") << 6 << 15
        << "notifications.endpoints[0].retry.base: must not be negative";
    QTest::newRow("retry maxattempts")
        << endpointWith("      retry:\n        maxattempts: -1\n") << 6 << 22
        << "notifications.endpoints[0].retry.maxattempts: must be 0 (never give up) or more";
    QTest::newRow("batch zero")
        << endpointWith("      batch: 0\n") << 5 << 14
        << "notifications.endpoints[0].batch: must be between 1 and 100000 (events per envelope; "
           "1 is the registry's)";
    QTest::newRow("transport word")
        << endpointWith("      transport: curl\n") << 5 << 18
        << "notifications.endpoints[0].transport: \"curl\" is not a transport: lean (hookscope's "
           "HTTP/1.1 client, the default) or qnam (Qt's network stack)";
    QTest::newRow("paused word")
        << endpointWith("      paused: later\n") << 5 << 15
        << "notifications.endpoints[0].paused: expected true or false, got \"later\"";
    QTest::newRow("top level a list")
        << QByteArray("- notifications\n") << 1 << 1
        << "(top level): expected a mapping of sections (notifications:, hookscope:), got a list";
}

// Every refusal names the key path and points at the offending value's line and column.
void tst_ConfigLoader::errorsPointAtTheValue()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("bad.yml"));
    QVERIFY(!result.ok());
    QCOMPARE(result.errors.size(), 1);
    const ConfigDiagnostic &error = result.errors.first();
    QCOMPARE(error.message, message);
    QCOMPARE(error.file, QStringLiteral("bad.yml"));
    QCOMPARE(error.line, line);
    QCOMPARE(error.column, column);
}

void tst_ConfigLoader::invalidUrlsLoadAsMisconfigured_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("reason");
    const auto warned = [](const char *problem) -> QString {
        return QString::fromUtf8(problem)
               + QStringLiteral("; loaded as misconfigured: every delivery fails as an Error, as in the registry");
    };
    QTest::newRow("url missing")
        << QByteArray("notifications:\n  endpoints:\n    - name: x\n      timeout: 1s\n") << 3 << 7
        << warned("notifications.endpoints[0] (\"x\"): has no url") << "has no url";
    QTest::newRow("url empty")
        << QByteArray("notifications:\n  endpoints:\n    - name: x\n      url: \"\"\n") << 4 << 12
        << warned("notifications.endpoints[0] (\"x\"): has no url") << "has no url";
    QTest::newRow("url relative")
        << QByteArray("notifications:\n  endpoints:\n    - name: x\n      url: /events\n") << 4 << 12
        << warned("notifications.endpoints[0] (\"x\"): url has no scheme (url \"/events\")")
        << "url has no scheme";
    QTest::newRow("url ftp")
        << QByteArray("notifications:\n  endpoints:\n    - url: ftp://h/x\n") << 3 << 12
        << warned("notifications.endpoints[0]: url \"ftp://h/x\" has scheme \"ftp\": only http and https "
           "are delivered")
        << "url \"ftp://h/x\" has scheme \"ftp\": only http and https are delivered";
    QTest::newRow("url without host")
        << QByteArray("notifications:\n  endpoints:\n    - url: http:///x\n") << 3 << 12
        << warned("notifications.endpoints[0]: url has no host (url \"http:///x\")") << "url has no host";
    QTest::newRow("url password masked")
        << QByteArray("notifications:\n  endpoints:\n    - url: ftp://u:pa55@h/x\n") << 3 << 12
        << warned("notifications.endpoints[0]: url \"ftp://u:***@h/x\" has scheme \"ftp\": only http and https "
           "are delivered")
        << "url \"ftp://u:***@h/x\" has scheme \"ftp\": only http and https are delivered";
}

// Registry 2.8.2 starts with an endpoint it cannot deliver to and counts its Errors forever: the
// file loads, the endpoint keeps its URL as written, is marked misconfigured, and a warning says so.
void tst_ConfigLoader::invalidUrlsLoadAsMisconfigured()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    QFETCH(QString, reason);
    const QByteArray withGood = yaml + "    - name: good\n      url: http://h/e\n";
    const ConfigLoadResult result = ConfigLoader::loadString(withGood, QStringLiteral("bad.yml"));
    QVERIFY2(result.ok(), qPrintable(errorsOf(result)));
    QCOMPARE(result.config.endpoints.size(), 2);
    QCOMPARE(result.config.endpoints.at(0).misconfigured, reason);
    QCOMPARE(result.config.endpoints.at(1).misconfigured, QString());
    QCOMPARE(result.config.enabledEndpoints().size(), 2);
    const auto it = std::find_if(result.warnings.cbegin(), result.warnings.cend(),
                                 [&](const ConfigDiagnostic &w) { return w.message == message; });
    QVERIFY2(it != result.warnings.cend(), qPrintable(warningsOf(result)));
    QCOMPARE(it->file, QStringLiteral("bad.yml"));
    QCOMPARE(it->line, line);
    QCOMPARE(it->column, column);
}

// YAML syntax errors are reported with yaml-cpp's position, 1-based.
void tst_ConfigLoader::syntaxErrorHasLineAndColumn()
{
    const ConfigLoadResult result = ConfigLoader::loadString(
        QByteArray("notifications:\n  endpoints:\n    - name: [a\n      url: x\n"),
        QStringLiteral("broken.yml"));
    QCOMPARE(result.errors.size(), 1);
    const ConfigDiagnostic &error = result.errors.first();
    QVERIFY2(error.message.startsWith(QLatin1String("YAML syntax error: ")),
             qPrintable(error.message));
    QCOMPARE(error.line, 4);
    QCOMPARE(error.column, 10);

    const ConfigLoadResult tabs = ConfigLoader::loadString(
        QByteArray("notifications:\n\tendpoints: []\n"), QStringLiteral("tabs.yml"));
    QCOMPARE(tabs.errors.size(), 1);
    QCOMPARE(tabs.errors.first().line, 2);
}

// toString() is "file:line:column: message" (and "file: message" without a position).
void tst_ConfigLoader::diagnosticPrintsLikeACompiler()
{
    const ConfigDiagnostic positioned{QStringLiteral("c.yml"), 12, 7, QStringLiteral("bad")};
    QCOMPARE(positioned.toString(), QStringLiteral("c.yml:12:7: bad"));
    const ConfigDiagnostic unplaced{QStringLiteral("c.yml"), 0, 0, QStringLiteral("unreadable")};
    QCOMPARE(unplaced.toString(), QStringLiteral("c.yml: unreadable"));
    // The CLI's form: severity after the position, before the message, as compilers print it.
    QCOMPARE(positioned.toString(QStringLiteral("warning")), QStringLiteral("c.yml:12:7: warning: bad"));
    QCOMPARE(unplaced.toString(QStringLiteral("error")), QStringLiteral("c.yml: error: unreadable"));

    const ConfigLoadResult result = ConfigLoader::loadString(endpointWith("      threshold: x\n"),
                                                             QStringLiteral("/etc/r/config.yml"));
    QCOMPARE(result.errors.first().toString(),
             QStringLiteral("/etc/r/config.yml:5:18: notifications.endpoints[0].threshold: "
                            "expected an integer, got \"x\""));
}

// A file that cannot be read is one error without a position.
void tst_ConfigLoader::unreadableFileIsAnError()
{
    const QString path = QStringLiteral("/nonexistent/hookscope/config.yml");
    const ConfigLoadResult result = ConfigLoader::loadFile(path);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.first().file, path);
    QCOMPARE(result.errors.first().line, 0);
    QVERIFY(result.errors.first().message.startsWith(QLatin1String("cannot read: ")));
}

// version, log, storage, http, ... belong to the registry: no warning, no error, whatever their
// content. An unknown top-level key (a typo of a section name) does warn.
void tst_ConfigLoader::otherRegistrySectionsAreIgnoredSilently()
{
    const QByteArray yaml = "version: 0.1\nlog: {level: debug}\nstorage: {inmemory: {}}\n"
                            "http: {addr: \":5000\", headers: {X: nope}}\nauth: [weird]\n"
                            "redis: ~\nhealth: 7\n"
                            + endpointWith({});
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("r.yml"));
    QVERIFY2(result.ok(), qPrintable(errorsOf(result)));
    QVERIFY(result.warnings.isEmpty());

    const ConfigLoadResult typo
        = ConfigLoader::loadString("notification:\n  endpoints: []\n", QStringLiteral("r.yml"));
    QVERIFY(typo.ok());
    QCOMPARE(typo.warnings.first(),
             (ConfigDiagnostic{QStringLiteral("r.yml"), 1, 1,
                               QStringLiteral("unknown key \"notification\", ignored; did you mean "
                                              "\"notifications\"?")}));
}

// An empty file is a valid configuration without endpoints (the lint says nothing is delivered).
void tst_ConfigLoader::emptyFileLoads()
{
    const ConfigLoadResult result = ConfigLoader::loadString(QByteArray(), QStringLiteral("e.yml"));
    QVERIFY(result.ok());
    QVERIFY(result.config.endpoints.isEmpty());
    QCOMPARE(result.warnings.size(), 1);
    QVERIFY(result.warnings.first().message.startsWith(QLatin1String("no enabled endpoints")));
}

// The hookscope: section and the per-endpoint retry/batch/paused keys land in AppConfig.
void tst_ConfigLoader::hookscopeExtensionsAreRead()
{
    const QByteArray yaml = "hookscope:\n"
                            "  ingest: {listen: 127.0.0.1:5050, token: s3cret, bodylimit: 65536, "
                            "timeout: 2500ms, validate: false, maxevents: 50, "
                            "allowedhosts: [hookscope.internal, \"proxy.example:8443\"]}\n"
                            "  admin: {listen: \"[::1]:5051\", allowedhosts: [\"[fd00::1]:5051\"]}\n"
                            "  journal: /var/lib/hookscope/queue.db\n"
                            "notifications:\n"
                            "  endpoints:\n"
                            "    - name: x\n"
                            "      url: https://ci.example.net/hook\n"
                            "      retry: {policy: exponential, base: 2s, factor: 500ms, max: 1m,"
                            " maxattempts: 7, maxage: 1h}\n"
                            "      batch: 25\n"
                            "      paused: true\n";
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("h.yml"));
    QVERIFY2(result.ok(), qPrintable(errorsOf(result)));
    QVERIFY(result.warnings.isEmpty());
    const AppConfig &c = result.config;
    QCOMPARE(c.ingest.listen, QStringLiteral("127.0.0.1:5050"));
    QCOMPARE(c.ingest.token, QStringLiteral("s3cret"));
    QCOMPARE(c.ingest.bodyLimitBytes, qint64(65536));
    QCOMPARE(c.ingest.requestTimeoutMs, 2500);
    QCOMPARE(c.ingest.validate, false);
    QCOMPARE(c.ingest.maxEvents, 50);
    QCOMPARE(c.ingest.allowedHosts,
             QStringList({QStringLiteral("hookscope.internal"), QStringLiteral("proxy.example:8443")}));
    QCOMPARE(c.admin.listen, QStringLiteral("[::1]:5051"));
    QCOMPARE(c.admin.allowedHosts, QStringList{QStringLiteral("[fd00::1]:5051")});
    QCOMPARE(c.journalPath, QStringLiteral("/var/lib/hookscope/queue.db"));
    const EndpointConfig &e = c.endpoints.first();
    QCOMPARE(e.retryPolicy, RetryPolicyKind::Exponential);
    QCOMPARE(e.expBaseNs, 2 * kSecond);
    QCOMPARE(e.expFactorNs, kSecond / 2);
    QCOMPARE(e.expMaxNs, 60 * kSecond);
    QCOMPARE(e.maxAttempts, 7);
    QCOMPARE(e.maxAgeNs, 3600 * kSecond);
    QCOMPARE(e.maxBatch, 25);
    QCOMPARE(e.paused, true);
}

// Without a hookscope: section the ingest/admin listeners are off and the extension values
// are the registry-faithful defaults (4 MiB body limit, 10s ingest timeout).
void tst_ConfigLoader::extensionDefaultsMatchTheRegistry()
{
    const ConfigLoadResult result
        = ConfigLoader::loadString(endpointWith({}), QStringLiteral("t.yml"));
    QCOMPARE(result.config.ingest, IngestConfig());
    QCOMPARE(result.config.ingest.bodyLimitBytes, qint64(4 * 1024 * 1024));
    QCOMPARE(result.config.ingest.requestTimeoutMs, 10000);
    QCOMPARE(result.config.ingest.validate, true);
    QCOMPARE(result.config.ingest.maxEvents, 1000);
    QVERIFY(result.config.ingest.allowedHosts.isEmpty());
    QCOMPARE(result.config.admin, AdminConfig());
    const EndpointConfig &e = result.config.endpoints.first();
    QCOMPARE(e.retryPolicy, RetryPolicyKind::Breaker);
    QCOMPARE(e.maxAttempts, 0);
    QCOMPARE(e.maxAgeNs, qint64(0));
    QCOMPARE(e.maxBatch, 1);
    QCOMPARE(e.transport, HttpTransportKind::Lean);
}

// "<<: *anchor" merges shared settings into endpoints, as yaml.v2 does; later keys override.
void tst_ConfigLoader::mergeKeysAreFollowed()
{
    const QByteArray yaml = "x-common: &common\n  timeout: 3s\n  threshold: 4\n"
                            "notifications:\n  endpoints:\n"
                            "    - <<: *common\n      name: a\n      url: http://h/a\n"
                            "    - <<: *common\n      name: b\n      url: http://h/b\n"
                            "      threshold: 9\n";
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("m.yml"));
    QVERIFY2(result.ok(), qPrintable(errorsOf(result)));
    QCOMPARE(result.config.endpoints.size(), 2);
    QCOMPARE(result.config.endpoints.at(0).timeoutNs, 3 * kSecond);
    QCOMPARE(result.config.endpoints.at(0).threshold, 4);
    QCOMPARE(result.config.endpoints.at(1).threshold, 9);
}

// Headers keep their file order and every value of each list; names are taken verbatim.
void tst_ConfigLoader::headersKeepFileOrderAndLists()
{
    const ConfigLoadResult result = ConfigLoader::loadString(
        endpointWith("      headers:\n        X-Z: [one, two]\n        Authorization:\n"
                     "          - Bearer abc\n        x-a: [\"3\"]\n"),
        QStringLiteral("t.yml"));
    QVERIFY2(result.ok(), qPrintable(errorsOf(result)));
    const QList<QPair<QString, QStringList>> expected = {
        {QStringLiteral("X-Z"), {QStringLiteral("one"), QStringLiteral("two")}},
        {QStringLiteral("Authorization"), {QStringLiteral("Bearer abc")}},
        {QStringLiteral("x-a"), {QStringLiteral("3")}},
    };
    QCOMPARE(result.config.endpoints.first().headers, expected);
}

// REGISTRY_NOTIFICATIONS_ENDPOINTS (YAML) replaces the file's endpoint list, like the registry,
// and says so in a warning.
void tst_ConfigLoader::environmentReplacesEndpoints()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("REGISTRY_NOTIFICATIONS_ENDPOINTS"),
               QStringLiteral("- name: from-env\n  url: http://10.0.0.1/e\n  threshold: 2\n"
                              "- name: second\n  url: http://10.0.0.2/e\n"));
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin"));
    const ConfigLoadResult result = ConfigLoader::loadFile(fixture("config.yml"), env);
    QVERIFY2(result.ok(), qPrintable(errorsOf(result)));
    QCOMPARE(result.config.endpoints.size(), 2);
    QCOMPARE(result.config.endpoints.at(0).name, QStringLiteral("from-env"));
    QCOMPARE(result.config.endpoints.at(0).threshold, 2);
    QCOMPARE(result.config.endpoints.at(1).url, QStringLiteral("http://10.0.0.2/e"));
    QCOMPARE(result.config.includeReferences, true); // only the list is replaced
    QCOMPARE(result.warnings.size(), 1);
    QCOMPARE(result.warnings.first().file, QStringLiteral("$REGISTRY_NOTIFICATIONS_ENDPOINTS"));
}

// An error inside an environment override points into the variable's YAML text.
void tst_ConfigLoader::environmentErrorsNameTheVariable()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("REGISTRY_NOTIFICATIONS_ENDPOINTS"),
               QStringLiteral("- name: e\n  url: http://h/e\n  threshold: many\n"));
    const ConfigLoadResult result
        = ConfigLoader::loadString(endpointWith({}), QStringLiteral("t.yml"), env);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(
        result.errors.first().toString(),
        QStringLiteral("$REGISTRY_NOTIFICATIONS_ENDPOINTS:3:14: "
                       "notifications.endpoints[0].threshold: expected an integer, got \"many\""));
}

// The registry matches Go field names: EVENTCONFIG_INCLUDEREFERENCES works, EVENTS_... does not
// (it is ignored with a warning, as the registry ignores it).
void tst_ConfigLoader::environmentIncludeReferencesUsesGoFieldName()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("REGISTRY_NOTIFICATIONS_EVENTCONFIG_INCLUDEREFERENCES"),
               QStringLiteral("true"));
    const ConfigLoadResult on
        = ConfigLoader::loadString(endpointWith({}), QStringLiteral("t.yml"), env);
    QVERIFY(on.ok());
    QCOMPARE(on.config.includeReferences, true);

    QProcessEnvironment wrong;
    wrong.insert(QStringLiteral("REGISTRY_NOTIFICATIONS_EVENTS_INCLUDEREFERENCES"),
                 QStringLiteral("true"));
    const ConfigLoadResult off
        = ConfigLoader::loadString(endpointWith({}), QStringLiteral("t.yml"), wrong);
    QVERIFY(off.ok());
    QCOMPARE(off.config.includeReferences, false);
    QCOMPARE(off.warnings.size(), 1);
    QVERIFY(off.warnings.first().message.startsWith(QLatin1String("ignored:")));
}

// Unrelated variables (other REGISTRY_ sections included) change nothing and say nothing.
void tst_ConfigLoader::environmentWithoutOverridesChangesNothing()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("REGISTRY_HTTP_ADDR"), QStringLiteral(":6000"));
    env.insert(QStringLiteral("REGISTRY_NOTIFICATIONSX"), QStringLiteral("x"));
    const ConfigLoadResult plain = ConfigLoader::loadFile(fixture("config.yml"));
    const ConfigLoadResult withEnv = ConfigLoader::loadFile(fixture("config.yml"), env);
    QCOMPARE(withEnv.config, plain.config);
    QVERIFY(withEnv.warnings.isEmpty());
}

// REGISTRY_NOTIFICATIONS replaces the whole section (events and endpoints) with fresh values;
// REGISTRY_NOTIFICATIONS_EVENTCONFIG (applied after it, names sort that way) replaces events only.
void tst_ConfigLoader::environmentReplacesWholeSection()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("REGISTRY_NOTIFICATIONS"),
               QStringLiteral("endpoints: [{name: only, url: \"http://h/e\"}]"));
    const ConfigLoadResult whole = ConfigLoader::loadFile(fixture("config.yml"), env);
    QVERIFY(whole.ok());
    QCOMPARE(whole.config.endpoints.size(), 1);
    QCOMPARE(whole.config.endpoints.first().name, QStringLiteral("only"));
    QCOMPARE(whole.config.includeReferences, false); // not in the override: Go's zero value

    env.insert(QStringLiteral("REGISTRY_NOTIFICATIONS_EVENTCONFIG"),
               QStringLiteral("{includereferences: true}"));
    const ConfigLoadResult both = ConfigLoader::loadFile(fixture("config.yml"), env);
    QVERIFY(both.ok());
    QCOMPARE(both.config.endpoints.size(), 1);
    QCOMPARE(both.config.includeReferences, true);
}

// A repeated endpoints: key replaces the first list (yaml.v2), and findings about the first
// list's entries (here an unknown key) are dropped with it; the repetition itself is warned.
void tst_ConfigLoader::repeatedEndpointsKeyReplacesTheList()
{
    const QByteArray yaml = "notifications:\n"
                            "  endpoints:\n    - {name: old, url: \"http://h/old\", colour: red}\n"
                            "  endpoints:\n    - {name: new, url: \"http://h/new\"}\n";
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("d.yml"));
    QVERIFY(result.ok());
    QCOMPARE(result.config.endpoints.size(), 1);
    QCOMPARE(result.config.endpoints.first().name, QStringLiteral("new"));
    QCOMPARE(result.warnings.size(), 1);
    QCOMPARE(result.warnings.first().toString(),
             QStringLiteral("d.yml:4:3: notifications.endpoints: duplicate key (the later value "
                            "wins)"));
}

// A threshold beyond int is clamped (the registry's int is 64-bit) and warned about.
void tst_ConfigLoader::hugeThresholdIsClampedWithAWarning()
{
    const ConfigLoadResult result = ConfigLoader::loadString(
        endpointWith("      threshold: 9999999999\n"), QStringLiteral("t.yml"));
    QVERIFY(result.ok());
    QCOMPARE(result.config.endpoints.first().threshold, std::numeric_limits<int>::max());
    QCOMPARE(result.warnings.size(), 1);
    QCOMPARE(result.warnings.first().line, 5);
    QCOMPARE(result.warnings.first().column, 18);
}

// Exponential merge chains, absurd nesting and binary junk end in an error, never a hang or crash.
void tst_ConfigLoader::hostileInputIsRefusedNotFatal()
{
    QByteArray bomb = "l0: &l0 {timeout: 1s}\n";
    for (int level = 1; level < 40; ++level) {
        const QByteArray previous = "*l" + QByteArray::number(level - 1);
        bomb += "l" + QByteArray::number(level) + ": &l" + QByteArray::number(level) + " {<<: ["
                + previous + ", " + previous + "]}\n";
    }
    bomb += "notifications:\n  endpoints:\n    - <<: *l39\n      url: http://h/e\n";
    const ConfigLoadResult merged = ConfigLoader::loadString(bomb, QStringLiteral("bomb.yml"));
    QCOMPARE(merged.errors.size(), 1);
    QVERIFY(merged.errors.first().message.contains(QLatin1String("too many merges")));

    const QByteArray deep = "notifications: " + QByteArray(100000, '[') + QByteArray(100000, ']');
    const ConfigLoadResult nested = ConfigLoader::loadString(deep, QStringLiteral("deep.yml"));
    QVERIFY(!nested.ok());

    QByteArray junk;
    for (int i = 0; i < 4096; ++i)
        junk.append(char((i * 131 + 7) % 256));
    const ConfigLoadResult binary = ConfigLoader::loadString(junk, QStringLiteral("junk.bin"));
    QVERIFY(!binary.ok());

    const ConfigLoadResult longName = ConfigLoader::loadString(
        endpointWith("      name: " + QByteArray(1 << 20, 'n') + "\n"), QStringLiteral("big.yml"));
    QVERIFY(longName.ok());
}

namespace {
// One line per endpoint: the fields the edge cases below are about.
QString summary(const AppConfig &config)
{
    QStringList lines{QStringLiteral("incref=") + (config.includeReferences ? u"1" : u"0")};
    for (const EndpointConfig &e : config.endpoints) {
        QStringList headers;
        for (const auto &header : e.headers)
            headers << header.first + QLatin1Char('=') + header.second.join(QLatin1Char('|'));
        lines << QStringLiteral("%1 t=%2 th=%3 b=%4 h=%5 mt=%6 act=%7")
                     .arg(e.name, QString::number(e.timeoutNs), QString::number(e.threshold),
                          QString::number(e.backoffNs), headers.join(QLatin1Char(',')),
                          e.ignoreMediaTypes.join(QLatin1Char('|')),
                          e.ignoreActions.join(QLatin1Char('|')));
    }
    return lines.join(QLatin1Char('\n'));
}
} // namespace

void tst_ConfigLoader::agreesWithRegistryOnEdgeCases_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("expected");
    const QByteArray head = "notifications:\n  endpoints:\n    - name: a\n      url: http://h/e\n";

    QTest::newRow("repeated notifications key adds to the first")
        << QByteArray("notifications:\n  events: {includereferences: true}\n"
                      "notifications:\n  endpoints: [{name: a, url: \"http://h/e\"}]\n")
        << "incref=1\na t=1000000000 th=10 b=1000000000 h= mt= act=";
    QTest::newRow("repeated ignore key keeps the other list")
        << head
               + "      ignore: {actions: [pull], mediatypes: [m]}\n      ignore: {actions: "
                 "[push]}\n"
        << "incref=0\na t=1000000000 th=10 b=1000000000 h= mt=m act=push";
    QTest::newRow("repeated headers key merges the maps")
        << head + "      headers: {A: [x], B: [y]}\n      headers: {B: [z], C: [w]}\n"
        << "incref=0\na t=1000000000 th=10 b=1000000000 h=A=x,B=z,C=w mt= act=";
    QTest::newRow("merge list: earlier mappings win")
        << QByteArray("x: &d {timeout: 3s}\ny: &e {threshold: 4, timeout: 5s}\n"
                      "notifications:\n  endpoints:\n    - <<: [*d, *e]\n      name: a\n"
                      "      url: http://h/e\n")
        << "incref=0\na t=3000000000 th=4 b=1000000000 h= mt= act=";
    QTest::newRow("-.inf duration is INT64_MIN, so the default")
        << head + "      timeout: -.inf\n      threshold: -.inf\n"
        << "incref=0\na t=1000000000 th=10 b=1000000000 h= mt= act=";
    QTest::newRow("float duration truncates to nanoseconds")
        << head + "      backoff: 2.9\n"
        << "incref=0\na t=1000000000 th=10 b=2 h= mt= act=";
    QTest::newRow("binary name is decoded")
        << QByteArray("notifications:\n  endpoints:\n    - url: http://h/e\n"
                      "      name: !!binary aGVsbG8=\n")
        << "incref=0\nhello t=1000000000 th=10 b=1000000000 h= mt= act=";
    QTest::newRow("header values keep YAML 1.1 words as text")
        << head + "      headers: {A: [1, yes, ~, 0x10]}\n"
        << "incref=0\na t=1000000000 th=10 b=1000000000 h=A=1|yes||0x10 mt= act=";
    QTest::newRow("anchored endpoint repeated")
        << QByteArray("notifications:\n  endpoints:\n"
                      "    - &e {name: a, url: \"http://h/e\", threshold: 2}\n    - *e\n")
        << "incref=0\na t=1000000000 th=2 b=1000000000 h= mt= act=\n"
           "a t=1000000000 th=2 b=1000000000 h= mt= act=";
    QTest::newRow("CRLF line ends")
        << QByteArray("notifications:\r\n  endpoints:\r\n    - name: a\r\n"
                      "      url: http://h/e\r\n      timeout: 2s\r\n")
        << "incref=0\na t=2000000000 th=10 b=1000000000 h= mt= act=";
    QTest::newRow("only the first document counts")
        << QByteArray("---\nnotifications:\n  endpoints: [{name: a, url: \"http://h/e\"}]\n---\n"
                      "notifications: {}\n")
        << "incref=0\na t=1000000000 th=10 b=1000000000 h= mt= act=";
}

// Cases where a careless reader would differ from registry 2.8.2. Each expectation was checked
// against the real configuration.Parse (distribution 2.8.2, yaml.v2 2.4.0, go1.19.8) with the
// oracle in tests/core/registryoracle/.
void tst_ConfigLoader::agreesWithRegistryOnEdgeCases()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, expected);
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("e.yml"));
    QVERIFY2(result.ok(), qPrintable(errorsOf(result)));
    QCOMPARE(summary(result.config), expected);
}

// yaml.v2 refuses an explicit tag that does not fit the text (`!!null 5`, `!!int abc`).
void tst_ConfigLoader::mismatchedExplicitTagIsAnError()
{
    const ConfigLoadResult nullFive
        = ConfigLoader::loadString(endpointWith("      name: !!null 5\n"), QStringLiteral("t.yml"));
    QCOMPARE(nullFive.errors.size(), 1);
    QCOMPARE(nullFive.errors.first().line, 5);
    QCOMPARE(
        nullFive.errors.first().message,
        QStringLiteral("notifications.endpoints[0].name: the tag does not fit the value \"5\""));
    const ConfigLoadResult intWord = ConfigLoader::loadString(
        endpointWith("      threshold: !!int abc\n"), QStringLiteral("t.yml"));
    QCOMPARE(intWord.errors.size(), 1);
    QVERIFY(ConfigLoader::loadString(endpointWith("      threshold: !!int 4\n"),
                                     QStringLiteral("t.yml"))
                .ok());
}

QTEST_GUILESS_MAIN(tst_ConfigLoader)
#include "tst_configloader.moc"
