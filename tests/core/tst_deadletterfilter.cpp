#include "core/engine/deadletterfilter.h"
#include "core/model/httpstatus.h"

#include <QTest>

using namespace hookscope;

namespace {

EventPtr eventFor(const QByteArray &id, const QString &action, const QString &repository, const QString &mediaType)
{
    const QByteArray json = "{\"id\":\"" + id + "\",\"timestamp\":\"2026-11-27T18:55:52Z\",\"action\":\""
        + action.toUtf8() + "\",\"target\":{\"mediaType\":\"" + mediaType.toUtf8()
        + "\",\"digest\":\"sha256:00\",\"repository\":\"" + repository.toUtf8() + "\"}}";
    QString error;
    EventPtr event = EventRecord::fromJson(json, &error);
    Q_ASSERT_X(event, "eventFor", qPrintable(error));
    return event;
}

const QString manifest = QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
const QString oci = QStringLiteral("application/vnd.oci.image.index.v1+json");

// The text HttpSink records for an attempt that got `status`.
QString failureText(int status)
{
    return QStringLiteral("response status %1 unaccepted").arg(httpStatusKey(status));
}

DeadLetters::Entry entry(const QByteArray &id, const QString &action = QStringLiteral("push"),
                         const QString &repository = QStringLiteral("library/nginx"),
                         const QString &mediaType = manifest, const QString &lastError = {},
                         const QDateTime &at = QDateTime(QDate(2026, 11, 27), QTime(12, 0), Qt::UTC))
{
    return {eventFor(id, action, repository, mediaType), DeadLetters::Reason::GaveUp, at, 3, lastError};
}

} // namespace

class tst_DeadLetterFilter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyMatchesEverything()
    {
        const DeadLetterFilter filter;
        QVERIFY(filter.isEmpty());
        QVERIFY(filter.matches(entry("a")));
        QVERIFY(filter.matchesEndpoint(QStringLiteral("any")));
        QCOMPARE(filter.describe(), QStringLiteral("all"));
    }

    void endpointIsExact()
    {
        DeadLetterFilter filter;
        filter.setEndpoint(QStringLiteral("audit"));
        QVERIFY(filter.isEmpty());   // the endpoint picks the store, it does not narrow entries
        QVERIFY(filter.matchesEndpoint(QStringLiteral("audit")));
        QVERIFY(!filter.matchesEndpoint(QStringLiteral("audit-2")));
    }

    void actionIsExactAnyCase()
    {
        DeadLetterFilter filter;
        filter.setAction(QStringLiteral(" Push "));
        QVERIFY(filter.matches(entry("a", QStringLiteral("push"))));
        QVERIFY(!filter.matches(entry("b", QStringLiteral("pull"))));
        QVERIFY(!filter.matches(entry("c", QStringLiteral("pushed"))));
    }

    void repositorySubstringOrGlob_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<bool>("matches");
        QTest::newRow("substring") << "nginx" << "library/nginx" << true;
        QTest::newRow("substring, case") << "NGINX" << "library/nginx" << true;
        QTest::newRow("substring miss") << "redis" << "library/nginx" << false;
        QTest::newRow("glob crosses slashes") << "*nginx" << "library/nginx" << true;
        QTest::newRow("glob prefix") << "library/*" << "library/nginx" << true;
        QTest::newRow("glob is anchored") << "lib*" << "team/library/nginx" << false;
        QTest::newRow("glob question mark") << "team/app?" << "team/app1" << true;
        QTest::newRow("glob question mark is one") << "team/app?" << "team/app12" << false;
        QTest::newRow("glob dot is literal") << "a.b*" << "axb/c" << false;
    }
    void repositorySubstringOrGlob()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, repository);
        QFETCH(bool, matches);
        DeadLetterFilter filter;
        filter.setRepository(pattern);
        QCOMPARE(filter.matches(entry("a", QStringLiteral("push"), repository)), matches);
    }

    void mediaTypeSubstring()
    {
        DeadLetterFilter filter;
        filter.setMediaType(QStringLiteral("manifest.v2"));
        QVERIFY(filter.matches(entry("a", QStringLiteral("push"), QStringLiteral("r"), manifest)));
        QVERIFY(!filter.matches(entry("b", QStringLiteral("push"), QStringLiteral("r"), oci)));
    }

    void timeRangeInclusiveOpenEnds()
    {
        const QDateTime noon(QDate(2026, 11, 27), QTime(12, 0), Qt::UTC);
        const auto at = [&](int minutes) {
            return entry("a", QStringLiteral("push"), QStringLiteral("r"), manifest, {}, noon.addSecs(60 * minutes));
        };
        DeadLetterFilter filter;
        filter.setTimeRange(noon, noon.addSecs(600));
        QVERIFY(filter.matches(at(0)));
        QVERIFY(filter.matches(at(10)));
        QVERIFY(!filter.matches(at(-1)));
        QVERIFY(!filter.matches(at(11)));
        filter.setTimeRange(noon, {});
        QVERIFY(filter.matches(at(100000)));
        QVERIFY(!filter.matches(at(-1)));
        filter.setTimeRange({}, noon);
        QVERIFY(filter.matches(at(-100000)));
        QVERIFY(!filter.matches(at(1)));
    }

    // The status comes out of the text HttpSink writes; anything else is an error without one.
    void lastStatusOfSinkTexts()
    {
        QCOMPARE(DeadLetterFilter::lastStatusOf(failureText(503)), 503);
        QCOMPARE(DeadLetterFilter::lastStatusOf(failureText(404)), 404);
        QCOMPARE(DeadLetterFilter::lastStatusOf(QStringLiteral("Connection refused")), 0);
        QCOMPARE(DeadLetterFilter::lastStatusOf(QStringLiteral("timeout: no response within 1000 ms")), 0);
        QCOMPARE(DeadLetterFilter::lastStatusOf(QString()), -1);
    }

    void lastStatusTerms_data()
    {
        QTest::addColumn<QString>("terms");
        QTest::addColumn<QString>("lastError");
        QTest::addColumn<bool>("matches");
        QTest::newRow("exact") << "503" << failureText(503) << true;
        QTest::newRow("exact miss") << "503" << failureText(502) << false;
        QTest::newRow("class") << "5xx" << failureText(502) << true;
        QTest::newRow("class upper") << "5XX" << failureText(500) << true;
        QTest::newRow("class miss") << "5xx" << failureText(404) << false;
        QTest::newRow("class is not error") << "5xx" << "Connection refused" << false;
        QTest::newRow("error") << "error" << "Connection refused" << true;
        QTest::newRow("error is not a status") << "error" << failureText(503) << false;
        QTest::newRow("none") << "none" << "" << true;
        QTest::newRow("none is not error") << "error" << "" << false;
        QTest::newRow("list") << "404, error" << "Host not found" << true;
        QTest::newRow("list status") << "404, error" << failureText(404) << true;
        QTest::newRow("list miss") << "404, error" << failureText(500) << false;
    }
    void lastStatusTerms()
    {
        QFETCH(QString, terms);
        QFETCH(QString, lastError);
        QFETCH(bool, matches);
        DeadLetterFilter filter;
        QString error;
        QVERIFY2(filter.setLastStatus(terms, &error), qPrintable(error));
        QCOMPARE(filter.matches(entry("a", QStringLiteral("push"), QStringLiteral("r"), manifest, lastError)), matches);
    }

    // Bad input: a clear error naming the part, and the previous criterion stays.
    void badStatusIsRefused_data()
    {
        QTest::addColumn<QString>("terms");
        QTest::newRow("word") << "teapot";
        QTest::newRow("too small") << "99";
        QTest::newRow("out of range") << "600";
        QTest::newRow("class out of range") << "6xx";
        QTest::newRow("one bad in a list") << "503, 5x";
    }
    void badStatusIsRefused()
    {
        QFETCH(QString, terms);
        DeadLetterFilter filter;
        QVERIFY(filter.setLastStatus(QStringLiteral("503")));
        QString error;
        QVERIFY(!filter.setLastStatus(terms, &error));
        QVERIFY2(error.contains(QStringLiteral("is not a status")), qPrintable(error));
        QCOMPARE(filter.lastStatus(), QStringLiteral("503"));
        QVERIFY(filter.matches(entry("a", QStringLiteral("push"), QStringLiteral("r"), manifest, failureText(503))));
        QVERIFY(!filter.matches(entry("b", QStringLiteral("push"), QStringLiteral("r"), manifest, failureText(500))));
    }

    void idsRestrictToTheSelection()
    {
        DeadLetterFilter filter;
        filter.setIds({"a", "c"});
        QVERIFY(filter.matches(entry("a")));
        QVERIFY(!filter.matches(entry("b")));
        QVERIFY(!filter.isEmpty());
    }

    // Criteria combine with "and"; describe() names them for the confirmation.
    void criteriaCombine()
    {
        DeadLetterFilter filter;
        filter.setAction(QStringLiteral("push"));
        filter.setRepository(QStringLiteral("library/*"));
        QVERIFY(filter.setLastStatus(QStringLiteral("5xx")));
        QVERIFY(filter.matches(entry("a", QStringLiteral("push"), QStringLiteral("library/x"), manifest, failureText(503))));
        QVERIFY(!filter.matches(entry("b", QStringLiteral("pull"), QStringLiteral("library/x"), manifest, failureText(503))));
        QVERIFY(!filter.matches(entry("c", QStringLiteral("push"), QStringLiteral("team/x"), manifest, failureText(503))));
        QVERIFY(!filter.matches(entry("d", QStringLiteral("push"), QStringLiteral("library/x"), manifest, QStringLiteral("refused"))));
        QCOMPARE(filter.describe(), QStringLiteral("action push, repository library/*, last status 5xx"));
        DeadLetterFilter same = filter;
        QVERIFY(same == filter);
        same.setMediaType(QStringLiteral("oci"));
        QVERIFY(same != filter);
    }
};

QTEST_GUILESS_MAIN(tst_DeadLetterFilter)
#include "tst_deadletterfilter.moc"
