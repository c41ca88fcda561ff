#include "core/config/configlint.h"
#include "core/config/configloader.h"
#include "configtestprint.h"

#include <QTest>

using namespace hookscope;

// Warnings for configurations that load but probably do not do what their author meant.
class tst_ConfigLint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unitlessDurationWarnsAndCitesPortus();
    void bareZeroDurationIsQuiet();
    void tinyTimeoutWarns();
    void duplicateEndpointNamesWarn();
    void unknownKeysWarnWithPathAndSuggestion();
    void unknownActionWarnsAtTheListItem();
    void misspelledListenerKeysWarn();
    void actionsWithoutMediaTypesWarnAboutRegistryBug();
    void actionsWithMediaTypesAreQuiet();
    void exposedListenersWarn();
    void loopbackHosts_data();
    void loopbackHosts();
    void duplicateYamlKeyWarns();
    void fractionalThresholdWarns();
    void fractionalBareDurationWarnsAsWritten();
    void emptyHeaderListWarns();
    void namelessEndpointWarns();
    void exponentialMaxBelowBaseWarns();
    void qnamTransportWarns();
    void lintRunsOnConfigBuiltInCode();
    void diagnosticsNeverPrintHeaderValues_data();
    void diagnosticsNeverPrintHeaderValues();
    void diagnosticsMaskUrls();

private:
    static ConfigDiagnostics warningsFor(const QByteArray &endpointLines);
};

ConfigDiagnostics tst_ConfigLint::warningsFor(const QByteArray &endpointLines)
{
    // Lines 1-3 open one endpoint "a"; endpointLines start at line 4 (6-space indentation).
    const QByteArray yaml = "notifications:\n  endpoints:\n    - name: a\n" + endpointLines;
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("l.yml"));
    [&] { QVERIFY2(result.ok(), qPrintable(result.errors.value(0).toString())); }();
    return result.warnings;
}

namespace {
ConfigDiagnostic at(int line, int column, const QString &message)
{
    return {QStringLiteral("l.yml"), line, column, message};
}
} // namespace

// `timeout: 500` is 500 nanoseconds to the registry (Portus#1068): warn at the value, name the
// real meaning; the too-short-timeout warning follows.
void tst_ConfigLint::unitlessDurationWarnsAndCitesPortus()
{
    const ConfigDiagnostics warnings
        = warningsFor("      url: http://h/e\n      timeout: 500\n      backoff: 2000000000\n");
    QCOMPARE(warnings.size(), 3);
    QCOMPARE(warnings.at(0),
             at(5, 16,
                QStringLiteral("notifications.endpoints[0].timeout: 500 has no unit, so it "
                               "means 500ns (a bare number is nanoseconds; see Portus#1068); "
                               "write a unit, e.g. 500ms or 500s")));
    // Sorted by position: the tiny-timeout finding shares line 5 and follows the unit one.
    QCOMPARE(warnings.at(1),
             at(5, 16,
                QStringLiteral("endpoint \"a\": timeout 500ns is under 10ms; almost every "
                               "delivery will time out")));
    QCOMPARE(warnings.at(2).line, 6);
    QVERIFY(warnings.at(2).message.endsWith(QLatin1String("means 2s (a bare number is nanoseconds; "
                                                          "see Portus#1068); write 2s to say so")));
}

// `timeout: 0` means "the default" with or without a unit, so it gets no unit warning; it only
// gets the one saying the registry replaces it by its default.
void tst_ConfigLint::bareZeroDurationIsQuiet()
{
    const ConfigDiagnostics warnings = warningsFor("      url: http://h/e\n      timeout: 0\n      backoff: 0\n");
    QCOMPARE(warnings.size(), 2);
    for (const ConfigDiagnostic &w : warnings)
        QVERIFY2(w.message.endsWith(QLatin1String("0s is replaced by the registry's default 1s")),
                 qPrintable(w.message));
}

// A timeout written with a unit but below 10ms still warns (e.g. "5ms" meant as "5s").
void tst_ConfigLint::tinyTimeoutWarns()
{
    const ConfigDiagnostics warnings = warningsFor("      url: http://h/e\n      timeout: 5ms\n");
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(warnings.first(),
             at(5, 16,
                QStringLiteral("endpoint \"a\": timeout 5ms is under 10ms; almost every "
                               "delivery will time out")));
    QVERIFY(warningsFor("      url: http://h/e\n      timeout: 10ms\n").isEmpty());
}

// Two endpoints with one name cannot be told apart in metrics: warn at the second name, citing the
// first one's line. Disabled endpoints count too.
void tst_ConfigLint::duplicateEndpointNamesWarn()
{
    const ConfigDiagnostics warnings
        = warningsFor("      url: http://h/e\n    - name: b\n      url: http://h/b\n"
                      "    - name: a\n      url: http://h/f\n      disabled: true\n");
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(warnings.first(),
             at(7, 13,
                QStringLiteral("duplicate endpoint name \"a\", also used by "
                               "notifications.endpoints[0] (line 3): metrics and logs cannot "
                               "tell them apart")));
}

// Unknown keys are never silent: the full key path, a registry note under notifications:, and a
// suggestion (case-insensitive match first, then a close spelling).
void tst_ConfigLint::unknownKeysWarnWithPathAndSuggestion()
{
    const QByteArray yaml = "hookscope:\n  ingest:\n    lisen: 127.0.0.1:5050\n  colour: red\n"
                            "notifications:\n  events: {includereferences: true, extra: 1}\n"
                            "  endpoints:\n    - name: a\n      url: http://h/e\n"
                            "      Timeout: 2s\n      timout: 2s\n"
                            "      retry: {polcy: breaker}\n      sync: true\n";
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("l.yml"));
    QVERIFY(result.ok());
    const ConfigDiagnostics expected = {
        at(3, 5,
           QStringLiteral("unknown key \"hookscope.ingest.lisen\", ignored; did you mean "
                          "\"listen\"?")),
        at(4, 3, QStringLiteral("unknown key \"hookscope.colour\", ignored")),
        at(6, 37,
           QStringLiteral("unknown key \"notifications.events.extra\", ignored (the registry "
                          "ignores it too)")),
        at(10, 7,
           QStringLiteral("unknown key \"notifications.endpoints[0].Timeout\", ignored (the "
                          "registry ignores it too); did you mean \"timeout\"? keys are "
                          "case-sensitive")),
        at(11, 7,
           QStringLiteral("unknown key \"notifications.endpoints[0].timout\", ignored (the "
                          "registry ignores it too); did you mean \"timeout\"?")),
        at(12, 15,
           QStringLiteral("unknown key \"notifications.endpoints[0].retry.polcy\", ignored "
                          "(the registry ignores it too); did you mean \"policy\"?")),
        at(13, 7,
           QStringLiteral("unknown key \"notifications.endpoints[0].sync\", ignored (the "
                          "registry ignores it too)")),
    };
    QCOMPARE(result.warnings, expected);
    // Ignored means ignored: the misspelt timeouts did not change the value.
    QCOMPARE(result.config.endpoints.first().timeoutNs, qint64(1'000'000'000));
}

// ignore.actions values other than push/pull/delete/mount never match: warn at that list item.
void tst_ConfigLint::unknownActionWarnsAtTheListItem()
{
    const ConfigDiagnostics warnings
        = warningsFor("      url: http://h/e\n      ignore:\n        mediatypes: [a/b]\n"
                      "        actions:\n          - pull\n          - Push\n");
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(warnings.first(),
             at(9, 13,
                QStringLiteral("endpoint \"a\": ignore.actions has \"Push\", which is no "
                               "registry action (push, pull, delete, mount); it never "
                               "matches")));
}

// Registry 2.8.2 drops an actions-only filter (distribution#2916); hookscope applies it. Say so.
void tst_ConfigLint::actionsWithoutMediaTypesWarnAboutRegistryBug()
{
    const ConfigDiagnostics warnings
        = warningsFor("      url: http://h/e\n      ignore:\n        actions: [pull]\n");
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(warnings.first(),
             at(6, 18,
                QStringLiteral("endpoint \"a\": ignore.actions without any ignore.mediatypes: "
                               "registry 2.8.2 ignores this filter (distribution#2916), "
                               "hookscope honours it, so the two deliver different events")));
}

// With a media type (either spelling) the registry installs the filter: nothing to warn about.
void tst_ConfigLint::actionsWithMediaTypesAreQuiet()
{
    QVERIFY(warningsFor("      url: http://h/e\n      ignoredmediatypes: [a/b]\n"
                        "      ignore: {actions: [pull, mount, delete, push]}\n")
                .isEmpty());
    QVERIFY(warningsFor("      url: http://h/e\n      ignore: {mediatypes: [x], actions: [pull]}\n")
                .isEmpty());
}

// Ingest and admin listeners beyond loopback are exposed; an exposed ingest without a token can be
// fed by anyone.
void tst_ConfigLint::exposedListenersWarn()
{
    const QByteArray yaml = "hookscope:\n  ingest:\n    listen: 0.0.0.0:5050\n"
                            "  admin:\n    listen: 192.168.1.20:5051\n"
                            "notifications:\n  endpoints: [{name: a, url: \"http://h/e\"}]\n";
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("l.yml"));
    QVERIFY(result.ok());
    const ConfigDiagnostics expected = {
        at(3, 13,
           QStringLiteral("hookscope.ingest.listen: the ingest receiver listens on "
                          "\"0.0.0.0\", which is not loopback: it is exposed to the network")),
        at(3, 13,
           QStringLiteral("hookscope.ingest: exposed without a token; anyone who reaches it "
                          "can inject events (set hookscope.ingest.token)")),
        at(5, 13,
           QStringLiteral("hookscope.admin.listen: the admin server (headers, metrics) listens "
                          "on \"192.168.1.20\", which is not loopback: it is exposed to the "
                          "network")),
    };
    QCOMPARE(result.warnings, expected);

    const ConfigLoadResult local = ConfigLoader::loadString(
        "hookscope: {ingest: {listen: \"localhost:5050\"}, admin: {listen: \"[::1]:0\"}}\n",
        QStringLiteral("l.yml"));
    QVERIFY(local.ok());
    QVERIFY(local.warnings.isEmpty()); // an ingest listener alone is a valid setup
}

void tst_ConfigLint::loopbackHosts_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("loopback");
    QTest::newRow("localhost") << "localhost" << true;
    QTest::newRow("LocalHost") << "LocalHost" << true;
    QTest::newRow("127.0.0.1") << "127.0.0.1" << true;
    QTest::newRow("127.1.2.3") << "127.1.2.3" << true;
    QTest::newRow("::1") << "::1" << true;
    QTest::newRow("[::1]") << "[::1]" << true;
    QTest::newRow("0.0.0.0") << "0.0.0.0" << false;
    QTest::newRow("::") << "::" << false;
    QTest::newRow("10.0.0.1") << "10.0.0.1" << false;
    QTest::newRow("name") << "registry.internal" << false;
}

// Which listen hosts count as loopback (names other than localhost are assumed exposed).
void tst_ConfigLint::loopbackHosts()
{
    QFETCH(QString, host);
    QFETCH(bool, loopback);
    QCOMPARE(ConfigLint::isLoopbackHost(host), loopback);
}

// A key written twice in one mapping warns; the later value wins, as in yaml.v2.
void tst_ConfigLint::duplicateYamlKeyWarns()
{
    const QByteArray yaml = "notifications:\n  endpoints:\n    - name: a\n      url: http://h/e\n"
                            "      threshold: 3\n      threshold: 4\n";
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("l.yml"));
    QVERIFY(result.ok());
    QCOMPARE(result.config.endpoints.first().threshold, 4);
    QCOMPARE(result.warnings,
             ConfigDiagnostics{at(6, 7,
                                  QStringLiteral("notifications.endpoints[0].threshold: "
                                                 "duplicate key (the later value wins)"))});
}

// threshold: 2.5 is truncated to 2 by the registry; hookscope does the same and says so.
void tst_ConfigLint::fractionalThresholdWarns()
{
    const ConfigDiagnostics warnings = warningsFor("      url: http://h/e\n      threshold: 2.5\n");
    QCOMPARE(warnings,
             ConfigDiagnostics{at(5, 18,
                                  QStringLiteral("notifications.endpoints[0].threshold: 2.5 "
                                                 "is not a whole number; it is read as 2 (as "
                                                 "the registry truncates it)"))});
}

// `timeout: 1.5` is 1ns to the registry (float truncated into int64); the warning quotes what
// was written, not the truncated number.
void tst_ConfigLint::fractionalBareDurationWarnsAsWritten()
{
    const ConfigDiagnostics warnings = warningsFor("      url: http://h/e\n      backoff: 1.5\n");
    QCOMPARE(warnings, ConfigDiagnostics{
                           at(5, 16,
                              QStringLiteral("notifications.endpoints[0].backoff: 1.5 has no "
                                             "unit, so it means 1ns (a bare number is "
                                             "nanoseconds; see Portus#1068); write a unit, e.g. "
                                             "1.5ms or 1.5s"))});
}

// A header with an empty value list (or no value) is never sent: probably a mistake.
void tst_ConfigLint::emptyHeaderListWarns()
{
    const ConfigDiagnostics warnings
        = warningsFor("      url: http://h/e\n      headers:\n        X-Token:\n        X-B: []\n");
    QCOMPARE(warnings.size(), 2);
    QCOMPARE(
        warnings.at(0),
        at(6, 9,
           QStringLiteral("endpoint \"a\": header \"X-Token\" has no values and is not sent")));
    QCOMPARE(warnings.at(1).line, 7);
}

// The registry documents name as required; an empty one leaves metrics unlabelled.
void tst_ConfigLint::namelessEndpointWarns()
{
    const ConfigLoadResult result = ConfigLoader::loadString(
        "notifications:\n  endpoints:\n    - url: http://h/e\n", QStringLiteral("l.yml"));
    QVERIFY(result.ok());
    QCOMPARE(result.warnings.size(), 1);
    QCOMPARE(result.warnings.first(),
             at(3, 7,
                QStringLiteral("notifications.endpoints[0]: no name (the registry documents it "
                               "as required; metrics and logs will show an empty label)")));
}

// An exponential policy whose cap is below its base never grows: flag the cap.
void tst_ConfigLint::exponentialMaxBelowBaseWarns()
{
    const ConfigDiagnostics warnings = warningsFor(
        "      url: http://h/e\n      retry: {policy: exponential, base: 5s, max: 2s}\n");
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(
        warnings.first().message,
        QStringLiteral("endpoint \"a\": retry.max 2s is below retry.base 5s; every wait is 2s"));
}

// transport: qnam is read, and the lint says what it costs and that Qt may re-send.
void tst_ConfigLint::qnamTransportWarns()
{
    const ConfigDiagnostics warnings = warningsFor("      url: http://h/e\n      transport: qnam\n");
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().message.startsWith(
                 QLatin1String("endpoint \"a\": transport qnam costs several times the CPU")),
             qPrintable(warnings.first().message));
    QVERIFY(warningsFor("      url: http://h/e\n      transport: lean\n").isEmpty());
}

// The lint needs no file: on a configuration built in code its findings carry no position.
void tst_ConfigLint::lintRunsOnConfigBuiltInCode()
{
    AppConfig config;
    EndpointConfig endpoint;
    endpoint.name = QStringLiteral("x");
    endpoint.url = QStringLiteral("http://h/e");
    endpoint.timeoutNs = 1'000;
    config.endpoints << endpoint << endpoint;
    config.admin.listen = QStringLiteral("0.0.0.0:1");
    const ConfigDiagnostics warnings = ConfigLint::lint(config, ConfigSourceMap());
    QCOMPARE(warnings.size(), 4); // two tiny timeouts, the duplicate name, the exposed admin
    for (const ConfigDiagnostic &w : warnings)
        QCOMPARE(w.line, 0);
    QVERIFY(ConfigLint::lint(AppConfig(), ConfigSourceMap())
                .first()
                .message.startsWith(QLatin1String("no enabled endpoints")));
}

// The ingest and admin listener keys (maxevents, validate, allowedhosts) are known, and a slip
// in one is pointed at with a suggestion like every other key.
void tst_ConfigLint::misspelledListenerKeysWarn()
{
    const QByteArray yaml = "hookscope:\n  ingest:\n    maxevent: 5\n    validate: false\n"
                            "    allowedhosts: [a.example]\n  admin:\n    allowedhost: [x]\n";
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("l.yml"));
    QVERIFY(result.ok());
    const ConfigDiagnostics expected = {
        at(3, 5,
           QStringLiteral("unknown key \"hookscope.ingest.maxevent\", ignored; did you mean "
                          "\"maxevents\"?")),
        at(7, 5,
           QStringLiteral("unknown key \"hookscope.admin.allowedhost\", ignored; did you mean "
                          "\"allowedhosts\"?")),
    };
    QCOMPARE(result.warnings.mid(0, 2), expected);   // then "no enabled endpoints", not ours
}

void tst_ConfigLint::diagnosticsNeverPrintHeaderValues_data()
{
    QTest::addColumn<QByteArray>("endpointLines");
    QTest::newRow("scalar value") << QByteArray("      headers:\n        Authorization: Bearer s3cret\n");
    QTest::newRow("quoted scalar") << QByteArray("      headers:\n        Authorization: \"Bearer s3cret\"\n");
    QTest::newRow("headers a scalar") << QByteArray("      headers: Bearer s3cret\n");
    QTest::newRow("tag misfit") << QByteArray("      headers:\n        Authorization: [!!int s3cret]\n");
    QTest::newRow("nested") << QByteArray("      headers:\n        Authorization: [[s3cret]]\n");
    QTest::newRow("duplicate header") << QByteArray("      headers:\n        X-Key: [s3cret]\n        X-Key: [s3cret]\n");
    QTest::newRow("empty list") << QByteArray("      headers:\n        X-Key: []\n        Cookie: [s3cret]\n");
}

// A config diagnostic (errors and lint warnings alike) names the header, never its value: lint
// output lands in terminals and CI logs.
void tst_ConfigLint::diagnosticsNeverPrintHeaderValues()
{
    QFETCH(QByteArray, endpointLines);
    const QByteArray yaml = "notifications:\n  endpoints:\n    - name: a\n      url: http://h/e\n" + endpointLines;
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("l.yml"));
    const ConfigDiagnostics all = result.errors + result.warnings;
    QVERIFY2(!all.isEmpty(), "each case produces a diagnostic");
    for (const ConfigDiagnostic &d : all)
        QVERIFY2(!d.toString().contains(QLatin1String("s3cret")), qPrintable(d.toString()));
}

// Diagnostics that quote a URL show it masked (password, secret query values).
void tst_ConfigLint::diagnosticsMaskUrls()
{
    const QByteArray yaml = "notifications:\n  endpoints:\n"
                            "    - name: a\n      url: ftp://user:pa55@h/e?token=t0k&x=1\n"
                            "    - name: b\n      disabled: true\n      url: htp://u:pa55@h/e?sig=t0k\n";
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("l.yml"));
    // An unusable URL loads (misconfigured, as the registry runs it) with a warning.
    QVERIFY(result.ok());
    QCOMPARE(result.warnings.first().message,
             QStringLiteral("notifications.endpoints[0] (\"a\"): url \"ftp://user:***@h/e?token=***&x=1\" has "
                            "scheme \"ftp\": only http and https are delivered; loaded as misconfigured: every "
                            "delivery fails as an Error, as in the registry"));
    QCOMPARE(result.config.endpoints.first().misconfigured,
             QStringLiteral("url \"ftp://user:***@h/e?token=***&x=1\" has scheme \"ftp\": only http and https are "
                            "delivered"));
    bool sawDisabled = false;
    for (const ConfigDiagnostic &d : result.errors + result.warnings) {
        QVERIFY2(!d.toString().contains(QLatin1String("pa55")) && !d.toString().contains(QLatin1String("t0k")),
                 qPrintable(d.toString()));
        sawDisabled = sawDisabled || d.message.contains(QLatin1String("htp://u:***@h/e?sig=***"));
    }
    QVERIFY(sawDisabled);
}

QTEST_GUILESS_MAIN(tst_ConfigLint)
#include "tst_configlint.moc"
