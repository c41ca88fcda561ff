#include "core/transport/gorequestheaders.h"

#include <QTest>

using namespace hookscope;

namespace {

GoRequestHeaders::Configured configured(std::initializer_list<QPair<QString, QStringList>> list)
{
    return GoRequestHeaders::Configured(list);
}

QByteArray lines(const HeaderList &headers)
{
    QByteArray out;
    for (const auto &[name, value] : headers)
        out += name + ": " + value + '\n';
    return out;
}

} // namespace

// The lines Go 1.19's request writer puts after Host for the registry's POST (request.go write,
// header.go writeSubset, transport.go's Accept-Encoding), from the endpoint's configured headers.
class tst_GoRequestHeaders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults()
    {
        const GoRequestHeaders go("application/x", {});
        QCOMPARE(go.userAgent(), QByteArray("Go-http-client/1.1"));
        QCOMPARE(lines(go.sorted()), QByteArray("Content-Type: application/x\n"));
        QVERIFY(go.acceptGzip());
    }

    void sortedByteOrderOneLinePerValue()
    {
        const GoRequestHeaders go("application/x",
                                  configured({{QStringLiteral("X-Multi"), {QStringLiteral("a"), QStringLiteral(" b ")}},
                                              {QStringLiteral("authorization"), {QStringLiteral("t")}},
                                              {QStringLiteral("Accept"), {QStringLiteral("*/*")}},
                                              {QStringLiteral("Content-Type"), {QStringLiteral("text/plain")}}}));
        // Upper case sorts before lower case; the request's own Content-Type before the configured one.
        QCOMPARE(lines(go.sorted()), QByteArray("Accept: */*\n"
                                                "Content-Type: application/x\n"
                                                "Content-Type: text/plain\n"
                                                "X-Multi: a\n"
                                                "X-Multi: b\n"
                                                "authorization: t\n"));
        QVERIFY(!go.isConfigured(1));
        QVERIFY(go.isConfigured(2));
    }

    void userAgentRules()
    {
        // Only the first value of the exact key "User-Agent" is sent, and it is not a sorted line.
        const GoRequestHeaders two("a", configured({{QStringLiteral("User-Agent"), {QStringLiteral("one"), QStringLiteral("two")}}}));
        QCOMPARE(two.userAgent(), QByteArray("one"));
        QCOMPARE(two.sorted().size(), 1);
        // An empty value means no User-Agent line at all.
        const GoRequestHeaders empty("a", configured({{QStringLiteral("User-Agent"), {QString()}}}));
        QVERIFY(!empty.hasUserAgent());
        // A lower-case key is just another header, beside Go's default.
        const GoRequestHeaders lower("a", configured({{QStringLiteral("user-agent"), {QStringLiteral("low")}}}));
        QCOMPARE(lower.userAgent(), QByteArray("Go-http-client/1.1"));
        QCOMPARE(lines(lower.sorted()), QByteArray("Content-Type: a\nuser-agent: low\n"));
    }

    void framingNamesAreNotHeaders()
    {
        const GoRequestHeaders go("a", configured({{QStringLiteral("Host"), {QStringLiteral("h")}},
                                                   {QStringLiteral("Content-Length"), {QStringLiteral("1")}},
                                                   {QStringLiteral("Transfer-Encoding"), {QStringLiteral("x")}},
                                                   {QStringLiteral("Trailer"), {QStringLiteral("y")}},
                                                   {QStringLiteral("host"), {QStringLiteral("lower")}}}));
        QCOMPARE(lines(go.sorted()), QByteArray("Content-Type: a\nhost: lower\n"));
    }

    void acceptEncodingAndRangeSuppressGzip()
    {
        QVERIFY(!GoRequestHeaders("a", configured({{QStringLiteral("Accept-Encoding"), {QStringLiteral("br")}}})).acceptGzip());
        QVERIFY(!GoRequestHeaders("a", configured({{QStringLiteral("Range"), {QStringLiteral("bytes=0-1")}}})).acceptGzip());
        // Header.Get looks up the canonical key only, and an empty first value counts as none.
        QVERIFY(GoRequestHeaders("a", configured({{QStringLiteral("accept-encoding"), {QStringLiteral("br")}}})).acceptGzip());
        QVERIFY(GoRequestHeaders("a", configured({{QStringLiteral("Accept-Encoding"), {QString()}}})).acceptGzip());
    }

    void insertSortedGoesBeforeConfiguredValuesOfTheName()
    {
        HeaderList list = GoRequestHeaders("a", configured({{QStringLiteral("Authorization"), {QStringLiteral("Bearer t")}},
                                                            {QStringLiteral("Zed"), {QStringLiteral("z")}}}))
                              .sorted();
        GoRequestHeaders::insertSorted(list, "Authorization", "Basic x");
        GoRequestHeaders::insertSorted(list, "Referer", "http://r/");
        QCOMPARE(lines(list), QByteArray("Authorization: Basic x\nAuthorization: Bearer t\nContent-Type: a\n"
                                         "Referer: http://r/\nZed: z\n"));
    }
};

QTEST_GUILESS_MAIN(tst_GoRequestHeaders)
#include "tst_gorequestheaders.moc"
