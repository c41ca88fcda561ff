#include "config/secretmask.h"

#include <QTest>

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

QTEST_GUILESS_MAIN(tst_SecretMask)
#include "tst_secretmask.moc"
