#include "core/config/secretmask.h"

#include <QTest>
#include <QUrl>

using namespace hookscope;

// Header values are masked wherever hookscope shows them; only an auth scheme word stays visible.
class tst_SecretMask : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void maskValue_data();
    void maskValue();
    void maskValuesKeepsCountAndOrder();
    void maskedValueNeverContainsTheSecret();
    void maskUrl_data();
    void maskUrl();
    void maskQUrl();
    void secretKeys_data();
    void secretKeys();
    void maskUrlsInText_data();
    void maskUrlsInText();
};

void tst_SecretMask::maskValue_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("masked");

    QTest::newRow("bearer") << "Bearer abc123" << "Bearer ******";
    QTest::newRow("fixture token") << "Bearer fixture-token" << "Bearer ******";
    QTest::newRow("basic") << "Basic dXNlcjpwYXNz" << "Basic ******";
    QTest::newRow("token scheme") << "Token a b c" << "Token ******";
    QTest::newRow("bare secret") << "s3cret" << "******";
    QTest::newRow("empty stays empty") << "" << "";
    QTest::newRow("scheme alone") << "Bearer" << "******";
    QTest::newRow("leading space") << " abc" << "******";
    QTest::newRow("digit in first word") << "abc123 def" << "******";
    QTest::newRow("punctuation in first word") << "key=value rest" << "******";
    QTest::newRow("first word too long") << "Averyveryverylongword secret" << "******";
    QTest::newRow("fifteen letters") << "Abcdefghijklmno x" << "Abcdefghijklmno ******";
}

// Masking keeps a short alphabetic scheme word ("Bearer", "Basic") and hides everything else;
// empty values stay empty so "no value" is still visible.
void tst_SecretMask::maskValue()
{
    QFETCH(QString, value);
    QFETCH(QString, masked);
    QCOMPARE(maskHeaderValue(value), masked);
}

// A header's list of values is masked element by element, same count and order.
void tst_SecretMask::maskValuesKeepsCountAndOrder()
{
    const QStringList values = {QStringLiteral("Bearer a"), QString(), QStringLiteral("x")};
    const QStringList expected = {QStringLiteral("Bearer ******"), QString(), QStringLiteral("******")};
    QCOMPARE(maskHeaderValues(values), expected);
    QCOMPARE(maskHeaderValues({}), QStringList());
}

// Whatever the input, the secret part never appears in the output.
void tst_SecretMask::maskedValueNeverContainsTheSecret()
{
    const QString secret = QStringLiteral("fixture-token");
    const QStringList values = {QStringLiteral("Bearer ") + secret, secret,
                                QStringLiteral("X ") + secret + QStringLiteral(" Y")};
    for (const QString &value : values)
        QVERIFY(!maskHeaderValue(value).contains(secret));
}

void tst_SecretMask::maskUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("masked");

    QTest::newRow("no secrets unchanged") << "http://127.0.0.1:9000/events?x=1&y=2#top"
                                          << "http://127.0.0.1:9000/events?x=1&y=2#top";
    QTest::newRow("plain") << "http://hooks.example.com/events" << "http://hooks.example.com/events";
    QTest::newRow("userinfo password") << "http://user:pass@host:8080/e" << "http://user:***@host:8080/e";
    QTest::newRow("user without password") << "http://user@host/e" << "http://user@host/e";
    QTest::newRow("empty password") << "http://user:@host/e" << "http://user:@host/e";
    QTest::newRow("password with @") << "http://u:p@ss@host/e" << "http://u:***@host/e";
    QTest::newRow("encoded password") << "http://u:p%40ss%3A@host/e" << "http://u:***@host/e";
    QTest::newRow("ipv6 host") << "http://[::1]:9000/e?token=abc" << "http://[::1]:9000/e?token=***";
    QTest::newRow("ipv6 with userinfo") << "http://u:pw@[fe80::1]:9000/e" << "http://u:***@[fe80::1]:9000/e";
    QTest::newRow("token") << "https://h/e?token=abc" << "https://h/e?token=***";
    QTest::newRow("key") << "https://h/e?key=abc" << "https://h/e?key=***";
    QTest::newRow("secret") << "https://h/e?secret=abc" << "https://h/e?secret=***";
    QTest::newRow("password") << "https://h/e?password=abc" << "https://h/e?password=***";
    QTest::newRow("sig") << "https://h/e?sig=abc" << "https://h/e?sig=***";
    QTest::newRow("signature") << "https://h/e?signature=abc" << "https://h/e?signature=***";
    QTest::newRow("auth") << "https://h/e?auth=abc" << "https://h/e?auth=***";
    QTest::newRow("access_token") << "https://h/e?access_token=abc" << "https://h/e?access_token=***";
    QTest::newRow("case") << "https://h/e?TOKEN=abc&Api_Key=def" << "https://h/e?TOKEN=***&Api_Key=***";
    QTest::newRow("aws presigned")
        << "https://b.s3.amazonaws.com/o?X-Amz-Credential=AK%2F1&X-Amz-Signature=f00&X-Amz-Security-Token=t"
        << "https://b.s3.amazonaws.com/o?X-Amz-Credential=AK%2F1&X-Amz-Signature=***&X-Amz-Security-Token=***";
    QTest::newRow("others kept in place") << "http://h/e?a=1&token=abc&b=2" << "http://h/e?a=1&token=***&b=2";
    QTest::newRow("encoded value") << "http://h/e?token=a%20b%26c" << "http://h/e?token=***";
    QTest::newRow("encoded key") << "http://h/e?to%6Ben=abc" << "http://h/e?to%6Ben=***";
    QTest::newRow("empty value") << "http://h/e?token=&x=1" << "http://h/e?token=&x=1";
    QTest::newRow("key without value") << "http://h/e?token" << "http://h/e?token";
    QTest::newRow("repeated") << "http://h/e?token=a&token=b" << "http://h/e?token=***&token=***";
    QTest::newRow("not a secret") << "http://h/e?monkey=1&keyboard=2&tokens=3" << "http://h/e?monkey=1&keyboard=2&tokens=3";
    QTest::newRow("fragment") << "http://h/cb#access_token=abc&state=s" << "http://h/cb#access_token=***&state=s";
    QTest::newRow("fragment route") << "http://h/#/cb?token=abc" << "http://h/#/cb?token=***";
    QTest::newRow("query and fragment") << "http://h/e?sig=1#frag" << "http://h/e?sig=***#frag";
    QTest::newRow("question mark in fragment only") << "http://h/e#a?x=1" << "http://h/e#a?x=1";
    QTest::newRow("everything") << "http://u:pw@h/e?token=t#key=k" << "http://u:***@h/e?token=***#key=***";
    QTest::newRow("not even a url") << "::not a url? token=abc" << "::not a url? token=***";
    QTest::newRow("empty") << "" << "";
    QTest::newRow("testendpoint") << "testendpoint://flaky" << "testendpoint://flaky";
}

// Passwords and secret-looking parameter values become "***"; everything else, including a URL
// without secrets, stays exactly as written.
void tst_SecretMask::maskUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, masked);
    QCOMPARE(hookscope::maskUrl(url), masked);
}

// The QUrl overload masks what QUrl::toString() would show.
void tst_SecretMask::maskQUrl()
{
    const QUrl url(QStringLiteral("http://user:pass@[::1]:9000/events?api_key=abc&x=1"));
    QCOMPARE(hookscope::maskUrl(url), QStringLiteral("http://user:***@[::1]:9000/events?api_key=***&x=1"));
    QVERIFY(!hookscope::maskUrl(url).contains(QLatin1String("pass")));
    QCOMPARE(url.password(), QStringLiteral("pass"));   // the URL itself is untouched
}

void tst_SecretMask::secretKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("secret");
    const char *secrets[] = {"token", "key", "secret", "password", "sig", "signature", "auth", "access_token",
                             "apikey", "passwd", "api_key", "api-key", "X-Api-Key", "X-Amz-Signature",
                             "client_secret", "refresh_token", "apiKey", "sessionToken", "x.auth", "Token "};
    for (const char *key : secrets)
        QTest::newRow(key) << QString::fromLatin1(key) << true;
    const char *plain[] = {"monkey", "keyboard", "tokens", "sigma", "author", "oauth", "x", "", "X-Amz-Credential",
                           "keys", "turkey"};
    for (const char *key : plain)
        QTest::newRow(qPrintable(QStringLiteral("plain ") + QLatin1String(key))) << QString::fromLatin1(key) << false;
}

// The documented key rule: a listed word alone or after a separator / as a camelCase word.
void tst_SecretMask::secretKeys()
{
    QFETCH(QString, key);
    QFETCH(bool, secret);
    QCOMPARE(isSecretQueryKey(key), secret);
}

void tst_SecretMask::maskUrlsInText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("masked");
    QTest::newRow("qt error") << "Error transferring http://u:pw@h/e?token=t - server replied: Bad"
                              << "Error transferring http://u:***@h/e?token=*** - server replied: Bad";
    QTest::newRow("two urls, punctuation") << "from http://h/a?sig=1, to \"https://u:p@h/b\"."
                                           << "from http://h/a?sig=***, to \"https://u:***@h/b\".";
    QTest::newRow("sentence end") << "redirected to http://u:p@h/x." << "redirected to http://u:***@h/x.";
    QTest::newRow("no url") << "connection refused" << "connection refused";
    QTest::newRow("bare ://") << "a :// b" << "a :// b";
}

// Free text (error strings, log lines) gets every URL in it masked.
void tst_SecretMask::maskUrlsInText()
{
    QFETCH(QString, text);
    QFETCH(QString, masked);
    QCOMPARE(hookscope::maskUrlsInText(text), masked);
}

QTEST_GUILESS_MAIN(tst_SecretMask)
#include "tst_secretmask.moc"
