#include "core/config/endpointconfig.h"

#include <QTest>

#include <functional>

using namespace hookscope;

Q_DECLARE_METATYPE(std::function<void(hookscope::EndpointConfig &)>)

// The effective per-endpoint configuration: registry defaults, filter merging, unit helpers, equality.
class tst_EndpointConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAreTheRegistrys();
    void ignoredMediaTypesMergeWithoutDuplicates();
    void hasFilterCountsEitherList();
    void millisecondHelpersClamp();
    void equalityCoversEveryField_data();
    void equalityCoversEveryField();
    void urlProblems();
};

// A default-constructed endpoint is the registry's: 1s timeout, threshold 10, 1s backoff, breaker,
// never gives up, no age limit, one event per envelope, not paused, not disabled.
void tst_EndpointConfig::defaultsAreTheRegistrys()
{
    const EndpointConfig e;
    QCOMPARE(e.timeoutNs, qint64(1'000'000'000));
    QCOMPARE(e.threshold, 10);
    QCOMPARE(e.backoffNs, qint64(1'000'000'000));
    QCOMPARE(e.retryPolicy, RetryPolicyKind::Breaker);
    QCOMPARE(e.expBaseNs, qint64(1'000'000'000));
    QCOMPARE(e.expFactorNs, qint64(1'000'000'000));
    QCOMPARE(e.expMaxNs, qint64(20'000'000'000));
    QCOMPARE(e.maxAttempts, 0);
    QCOMPARE(e.maxAgeNs, qint64(0));
    QCOMPARE(e.maxBatch, 1);
    QCOMPARE(e.paused, false);
    QCOMPARE(e.disabled, false);
    QVERIFY(e.headers.isEmpty());
    QVERIFY(!e.hasFilter());
}

// ignoredmediatypes and ignore.mediatypes form one set (legacy list first), as in the registry.
void tst_EndpointConfig::ignoredMediaTypesMergeWithoutDuplicates()
{
    EndpointConfig e;
    e.ignoredMediaTypes = {QStringLiteral("a"), QStringLiteral("b")};
    e.ignoreMediaTypes = {QStringLiteral("b"), QStringLiteral("c")};
    QCOMPARE(e.allIgnoredMediaTypes(),
             (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
}

// Either a media type (in either list) or an action makes a filter.
void tst_EndpointConfig::hasFilterCountsEitherList()
{
    EndpointConfig legacy;
    legacy.ignoredMediaTypes = {QStringLiteral("x")};
    QVERIFY(legacy.hasFilter());
    EndpointConfig current;
    current.ignoreMediaTypes = {QStringLiteral("x")};
    QVERIFY(current.hasFilter());
    EndpointConfig actions;
    actions.ignoreActions = {QStringLiteral("pull")};
    QVERIFY(actions.hasFilter());
}

// timeoutMs() never returns 0 (a sub-millisecond timeout still times out); backoffMs() truncates.
void tst_EndpointConfig::millisecondHelpersClamp()
{
    EndpointConfig e;
    QCOMPARE(e.timeoutMs(), 1000);
    QCOMPARE(e.backoffMs(), 1000);
    e.timeoutNs = 500;
    e.backoffNs = 1'999'999;
    QCOMPARE(e.timeoutMs(), 1);
    QCOMPARE(e.backoffMs(), 1);
    e.backoffNs = 0;
    QCOMPARE(e.backoffMs(), 0);
}

void tst_EndpointConfig::equalityCoversEveryField_data()
{
    using Change = std::function<void(EndpointConfig &)>;
    QTest::addColumn<Change>("change");
    QTest::newRow("name") << Change([](EndpointConfig &e) { e.name = QStringLiteral("n"); });
    QTest::newRow("url") << Change([](EndpointConfig &e) { e.url = QStringLiteral("http://x"); });
    QTest::newRow("headers") << Change([](EndpointConfig &e) {
        e.headers = {{QStringLiteral("A"), {QStringLiteral("b")}}};
    });
    QTest::newRow("timeout") << Change([](EndpointConfig &e) { e.timeoutNs = 2; });
    QTest::newRow("threshold") << Change([](EndpointConfig &e) { e.threshold = 3; });
    QTest::newRow("backoff") << Change([](EndpointConfig &e) { e.backoffNs = 2; });
    QTest::newRow("ignoredmediatypes") << Change([](EndpointConfig &e) {
        e.ignoredMediaTypes = {QStringLiteral("m")};
    });
    QTest::newRow("ignore.mediatypes") << Change([](EndpointConfig &e) {
        e.ignoreMediaTypes = {QStringLiteral("m")};
    });
    QTest::newRow("ignore.actions") << Change([](EndpointConfig &e) {
        e.ignoreActions = {QStringLiteral("pull")};
    });
    QTest::newRow("disabled") << Change([](EndpointConfig &e) { e.disabled = true; });
    QTest::newRow("policy") << Change([](EndpointConfig &e) {
        e.retryPolicy = RetryPolicyKind::Exponential;
    });
    QTest::newRow("base") << Change([](EndpointConfig &e) { e.expBaseNs = 7; });
    QTest::newRow("factor") << Change([](EndpointConfig &e) { e.expFactorNs = 7; });
    QTest::newRow("max") << Change([](EndpointConfig &e) { e.expMaxNs = 7; });
    QTest::newRow("maxattempts") << Change([](EndpointConfig &e) { e.maxAttempts = 7; });
    QTest::newRow("maxage") << Change([](EndpointConfig &e) { e.maxAgeNs = 7; });
    QTest::newRow("batch") << Change([](EndpointConfig &e) { e.maxBatch = 7; });
    QTest::newRow("paused") << Change([](EndpointConfig &e) { e.paused = true; });
    QTest::newRow("misconfigured") << Change([](EndpointConfig &e) { e.misconfigured = QStringLiteral("has no url"); });
}

// Why a URL cannot be delivered to, in the words the window and the status line show.
void tst_EndpointConfig::urlProblems()
{
    QCOMPARE(endpointUrlProblem(QStringLiteral("http://h/e")), QString());
    QCOMPARE(endpointUrlProblem(QStringLiteral("HTTPS://h:8443/e?x=1")), QString());
    QCOMPARE(endpointUrlProblem(QStringLiteral("testendpoint://healthy")), QString());
    QCOMPARE(endpointUrlProblem(QString()), QStringLiteral("has no url"));
    QCOMPARE(endpointUrlProblem(QStringLiteral("/events")), QStringLiteral("url has no scheme"));
    QCOMPARE(endpointUrlProblem(QStringLiteral("http:///events")), QStringLiteral("url has no host"));
    QCOMPARE(endpointUrlProblem(QStringLiteral("ftp://x")),
             QStringLiteral("url \"ftp://x\" has scheme \"ftp\": only http and https are delivered"));
    QCOMPARE(endpointUrlProblem(QStringLiteral("testendpoint://")), QString());   // its own error elsewhere
    QCOMPARE(endpointUrlProblem(QStringLiteral("http://h:99999999/")),
             QStringLiteral("url \"http://h:99999999/\" is not a valid URL"));
}

// Changing any single field makes two configs unequal (a field missing from operator== would let
// a config reload silently keep stale settings).
void tst_EndpointConfig::equalityCoversEveryField()
{
    using Change = std::function<void(EndpointConfig &)>;
    QFETCH(Change, change);
    const EndpointConfig original;
    EndpointConfig changed;
    QVERIFY(changed == original);
    change(changed);
    QVERIFY(changed != original);
    QVERIFY(!(changed == original));
}

QTEST_GUILESS_MAIN(tst_EndpointConfig)
#include "tst_endpointconfig.moc"
