#include "core/transport/redirectheaders.h"

#include <QTest>

using namespace hookscope;

// Go's rule for credentials on a redirect (net/http shouldCopyHeaderOnRedirect), hop by hop.
class tst_RedirectHeaders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsCredentials_data();
    void keepsCredentials();
    void sensitiveNames();
    void dropsOnlyCredentials();
    void sameHostKeepsEverything();
    void resetStartsAgain();
};

void tst_RedirectHeaders::keepsCredentials_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("keeps");
    QTest::newRow("same host, other path") << "http://a.example/x" << "http://a.example/y" << true;
    QTest::newRow("same host, other port") << "http://a.example:1/x" << "http://a.example:2/y" << true;
    QTest::newRow("same host, https") << "http://a.example/x" << "https://a.example/y" << true;
    QTest::newRow("case") << "http://A.Example/x" << "http://a.example/y" << true;
    QTest::newRow("subdomain") << "http://example.com/x" << "http://hooks.example.com/y" << true;
    QTest::newRow("parent domain") << "http://hooks.example.com/x" << "http://example.com/y" << false;
    QTest::newRow("sibling") << "http://a.example.com/x" << "http://b.example.com/y" << false;
    QTest::newRow("suffix, not subdomain") << "http://example.com/x" << "http://notexample.com/y" << false;
    QTest::newRow("localhost vs 127.0.0.1") << "http://127.0.0.1:1/x" << "http://localhost:1/y" << false;
    QTest::newRow("ip suffix") << "http://0.0.1/x" << "http://127.0.0.1/y" << false;
    QTest::newRow("ipv6 same") << "http://[::1]:1/x" << "http://[::1]:2/y" << true;
    QTest::newRow("ipv6 other") << "http://[::1]/x" << "http://[::2]/y" << false;
    QTest::newRow("trailing dot") << "http://a.example./x" << "http://a.example/y" << true;
}

void tst_RedirectHeaders::keepsCredentials()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, keeps);
    QCOMPARE(RedirectHeaders::keepsCredentials(QUrl(from), QUrl(to)), keeps);
}

void tst_RedirectHeaders::sensitiveNames()
{
    for (const char *name : {"Authorization", "authorization", "Proxy-Authorization", "Www-Authenticate", "Cookie", "COOKIE2"})
        QVERIFY2(RedirectHeaders::isSensitive(name), name);
    for (const char *name : {"X-Api-Key", "User-Agent", "Content-Type", "Set-Cookie", "X-Authorization-Id"})
        QVERIFY2(!RedirectHeaders::isSensitive(name), name);
}

// A hop to another host removes the credentials, keeps every other header in order, and notes it
// with the host only (never the rest of the URL, which may carry a token).
void tst_RedirectHeaders::dropsOnlyCredentials()
{
    RedirectHeaders headers;
    headers.reset({{"Content-Type", "a"}, {"Authorization", "Bearer x"}, {"X-Tag", "t"}, {"cookie", "c=1"}});
    QVERIFY(headers.redirect(QUrl(QStringLiteral("http://127.0.0.1:1/")),
                             QUrl(QStringLiteral("http://localhost:2/p?token=secret"))));
    const HeaderList expected = {{"Content-Type", "a"}, {"X-Tag", "t"}};
    QCOMPARE(headers.headers(), expected);
    QVERIFY(headers.dropped());
    QCOMPARE(headers.note(), QStringLiteral("redirected to other host localhost:2: dropped Authorization, cookie"));
    // A second cross-host hop has nothing left to drop and adds nothing to the note.
    QVERIFY(!headers.redirect(QUrl(QStringLiteral("http://localhost:2/")), QUrl(QStringLiteral("http://[::1]/"))));
    QCOMPARE(headers.note(), QStringLiteral("redirected to other host localhost:2: dropped Authorization, cookie"));
}

void tst_RedirectHeaders::sameHostKeepsEverything()
{
    RedirectHeaders headers;
    const HeaderList original = {{"Authorization", "Bearer x"}, {"Cookie", "c=1"}};
    headers.reset(original);
    QVERIFY(!headers.redirect(QUrl(QStringLiteral("http://example.com/")), QUrl(QStringLiteral("http://x.example.com/"))));
    QCOMPARE(headers.headers(), original);
    QVERIFY(!headers.dropped());
    QCOMPARE(headers.note(), QString());
}

void tst_RedirectHeaders::resetStartsAgain()
{
    RedirectHeaders headers;
    const HeaderList original = {{"Authorization", "Bearer x"}};
    headers.reset(original);
    headers.redirect(QUrl(QStringLiteral("http://a/")), QUrl(QStringLiteral("http://b/")));
    headers.reset(original);
    QCOMPARE(headers.headers(), original);
    QVERIFY(!headers.dropped());
    QCOMPARE(headers.note(), QString());
}

QTEST_GUILESS_MAIN(tst_RedirectHeaders)
#include "tst_redirectheaders.moc"
