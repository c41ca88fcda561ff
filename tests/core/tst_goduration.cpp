#include "core/config/goduration.h"

#include <QTest>

#include <limits>

using namespace hookscope;

// Go's time.ParseDuration and Duration.String(), checked against Go's own edge cases.
class tst_GoDuration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void errorWording();
    void format_data();
    void format();
    void formatThenParseIsIdentity_data();
    void formatThenParseIsIdentity();
};

namespace {
constexpr qint64 kNs = 1;
constexpr qint64 kUs = 1000 * kNs;
constexpr qint64 kMs = 1000 * kUs;
constexpr qint64 kS = 1000 * kMs;
constexpr qint64 kM = 60 * kS;
constexpr qint64 kH = 60 * kM;
} // namespace

void tst_GoDuration::parseValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ns");

    QTest::newRow("zero") << QStringLiteral("0") << qint64(0);
    QTest::newRow("-0") << QStringLiteral("-0") << qint64(0);
    QTest::newRow("+0") << QStringLiteral("+0") << qint64(0);
    QTest::newRow("0s") << QStringLiteral("0s") << qint64(0);
    QTest::newRow("5s") << QStringLiteral("5s") << 5 * kS;
    QTest::newRow("30s") << QStringLiteral("30s") << 30 * kS;
    QTest::newRow("1478s") << QStringLiteral("1478s") << 1478 * kS;
    QTest::newRow("-5s") << QStringLiteral("-5s") << -5 * kS;
    QTest::newRow("+5s") << QStringLiteral("+5s") << 5 * kS;
    QTest::newRow("5.0s") << QStringLiteral("5.0s") << 5 * kS;
    QTest::newRow("5.6s") << QStringLiteral("5.6s") << 5 * kS + 600 * kMs;
    QTest::newRow("5.s") << QStringLiteral("5.s") << 5 * kS;
    QTest::newRow(".5s") << QStringLiteral(".5s") << 500 * kMs;
    QTest::newRow("1.004s") << QStringLiteral("1.004s") << kS + 4 * kMs;
    QTest::newRow("100.00100s") << QStringLiteral("100.00100s") << 100 * kS + 1 * kMs;
    QTest::newRow("1.5s") << QStringLiteral("1.5s") << 1500 * kMs;
    QTest::newRow("10ns") << QStringLiteral("10ns") << 10 * kNs;
    QTest::newRow("11us") << QStringLiteral("11us") << 11 * kUs;
    QTest::newRow("12 micro sign") << QStringLiteral("12\u00b5s") << 12 * kUs;
    QTest::newRow("12 greek mu") << QStringLiteral("12\u03bcs") << 12 * kUs;
    QTest::newRow("13ms") << QStringLiteral("13ms") << 13 * kMs;
    QTest::newRow("15m") << QStringLiteral("15m") << 15 * kM;
    QTest::newRow("16h") << QStringLiteral("16h") << 16 * kH;
    QTest::newRow("3h30m") << QStringLiteral("3h30m") << 3 * kH + 30 * kM;
    QTest::newRow("1h2m3s") << QStringLiteral("1h2m3s") << kH + 2 * kM + 3 * kS;
    QTest::newRow("10.5s4m") << QStringLiteral("10.5s4m") << 4 * kM + 10 * kS + 500 * kMs;
    QTest::newRow("-2m3.4s") << QStringLiteral("-2m3.4s") << -(2 * kM + 3 * kS + 400 * kMs);
    QTest::newRow("all units") << QStringLiteral("1h2m3s4ms5us6ns")
                               << kH + 2 * kM + 3 * kS + 4 * kMs + 5 * kUs + 6 * kNs;
    QTest::newRow("39h9m14.425s") << QStringLiteral("39h9m14.425s")
                                  << 39 * kH + 9 * kM + 14 * kS + 425 * kMs;
    QTest::newRow("52763797000ns") << QStringLiteral("52763797000ns") << qint64(52763797000);
    QTest::newRow("third of an hour") << QStringLiteral("0.3333333333333333333h") << 20 * kM;
    QTest::newRow("2^53+1 ns") << QStringLiteral("9007199254740993ns") << qint64(9007199254740993);
    QTest::newRow("max ns") << QStringLiteral("9223372036854775807ns")
                            << std::numeric_limits<qint64>::max();
    QTest::newRow("max us") << QStringLiteral("9223372036854775.807us")
                            << std::numeric_limits<qint64>::max();
    QTest::newRow("max mixed") << QStringLiteral("9223372036s854ms775us807ns")
                               << std::numeric_limits<qint64>::max();
    QTest::newRow("min ns") << QStringLiteral("-9223372036854775808ns")
                            << std::numeric_limits<qint64>::min();
    QTest::newRow("min us") << QStringLiteral("-9223372036854775.808us")
                            << std::numeric_limits<qint64>::min();
    QTest::newRow("min mixed") << QStringLiteral("-9223372036s854ms775us808ns")
                               << std::numeric_limits<qint64>::min();
    QTest::newRow("long fraction") << QStringLiteral("0.100000000000000000000h") << 6 * kM;
    QTest::newRow("fraction beyond 2^63")
        << QStringLiteral("0.830103483285477580700h") << 49 * kM + 48 * kS + 372539827 * kNs;
}

// Every form Go accepts yields Go's nanosecond count, including the int64 limits.
void tst_GoDuration::parseValid()
{
    QFETCH(QString, text);
    QFETCH(qint64, ns);
    QString error;
    const std::optional<qint64> parsed = parseGoDuration(text, &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    QCOMPARE(*parsed, ns);
}

void tst_GoDuration::parseInvalid_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("bare number") << QStringLiteral("3");
    QTest::newRow("bare 500") << QStringLiteral("500");
    QTest::newRow("00") << QStringLiteral("00");
    QTest::newRow("sign only") << QStringLiteral("-");
    QTest::newRow("unit only") << QStringLiteral("s");
    QTest::newRow("point") << QStringLiteral(".");
    QTest::newRow("-.") << QStringLiteral("-.");
    QTest::newRow(".s") << QStringLiteral(".s");
    QTest::newRow("+.s") << QStringLiteral("+.s");
    QTest::newRow("days") << QStringLiteral("1d");
    QTest::newRow("uppercase unit") << QStringLiteral("1S");
    QTest::newRow("space") << QStringLiteral("1 s");
    QTest::newRow("two points") << QStringLiteral("1.5.5s");
    QTest::newRow("inner sign") << QStringLiteral("1h-2m");
    QTest::newRow("garbage") << QStringLiteral("hello");
    QTest::newRow("max+1 ns") << QStringLiteral("9223372036854775808ns");
    QTest::newRow("max+1 us") << QStringLiteral("9223372036854775.808us");
    QTest::newRow("max+1 mixed") << QStringLiteral("9223372036s854ms775us808ns");
    QTest::newRow("min-1 ns") << QStringLiteral("-9223372036854775809ns");
    QTest::newRow("hours overflow") << QStringLiteral("3000000h");
    QTest::newRow("many digits") << QStringLiteral("99999999999999999999s");
}

// What Go refuses is refused, with a message; in particular a unit-less number other than 0.
void tst_GoDuration::parseInvalid()
{
    QFETCH(QString, text);
    QString error;
    QCOMPARE(parseGoDuration(text, &error), std::nullopt);
    QVERIFY(error.startsWith(QLatin1String("time: ")));
}

// Error texts follow Go's, so they read the same as the registry's log lines.
void tst_GoDuration::errorWording()
{
    QString error;
    parseGoDuration(u"500", &error);
    QCOMPARE(error, QStringLiteral("time: missing unit in duration \"500\""));
    parseGoDuration(u"1d", &error);
    QCOMPARE(error, QStringLiteral("time: unknown unit \"d\" in duration \"1d\""));
    parseGoDuration(u"abc", &error);
    QCOMPARE(error, QStringLiteral("time: invalid duration \"abc\""));
    // Go's time.quote writes non-ASCII and control bytes as \xNN and escapes quotes.
    parseGoDuration(u"1\u00b5x", &error);
    QCOMPARE(error, QStringLiteral("time: unknown unit \"\\xc2\\xb5x\" in duration \"1\\xc2\\xb5x\""));
    parseGoDuration(u"\"1s\"", &error);
    QCOMPARE(error, QStringLiteral("time: invalid duration \"\\\"1s\\\"\""));
    QVERIFY(parseGoDuration(u"x", nullptr) == std::nullopt); // error pointer is optional
}

void tst_GoDuration::format_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<QString>("text");

    QTest::newRow("0") << qint64(0) << QStringLiteral("0s");
    QTest::newRow("1ns") << qint64(1) << QStringLiteral("1ns");
    QTest::newRow("1.1us") << qint64(1100) << QStringLiteral("1.1\u00b5s");
    QTest::newRow("2.2ms") << 2200 * kUs << QStringLiteral("2.2ms");
    QTest::newRow("500ms") << 500 * kMs << QStringLiteral("500ms");
    QTest::newRow("1s") << kS << QStringLiteral("1s");
    QTest::newRow("1.5s") << 1500 * kMs << QStringLiteral("1.5s");
    QTest::newRow("3.3s") << 3300 * kMs << QStringLiteral("3.3s");
    QTest::newRow("2m0s") << 2 * kM << QStringLiteral("2m0s");
    QTest::newRow("4m5s") << 4 * kM + 5 * kS << QStringLiteral("4m5s");
    QTest::newRow("4m5.001s") << 4 * kM + 5001 * kMs << QStringLiteral("4m5.001s");
    QTest::newRow("1h0m0s") << kH << QStringLiteral("1h0m0s");
    QTest::newRow("5h6m7.001s") << 5 * kH + 6 * kM + 7001 * kMs << QStringLiteral("5h6m7.001s");
    QTest::newRow("8m+1ns") << 8 * kM + 1 << QStringLiteral("8m0.000000001s");
    QTest::newRow("-1.5s") << -1500 * kMs << QStringLiteral("-1.5s");
    QTest::newRow("max") << std::numeric_limits<qint64>::max()
                         << QStringLiteral("2562047h47m16.854775807s");
    QTest::newRow("min") << std::numeric_limits<qint64>::min()
                         << QStringLiteral("-2562047h47m16.854775808s");
}

// Formatting matches Go's Duration.String() digit for digit.
void tst_GoDuration::format()
{
    QFETCH(qint64, ns);
    QFETCH(QString, text);
    QCOMPARE(formatGoDuration(ns), text);
}

void tst_GoDuration::formatThenParseIsIdentity_data()
{
    QTest::addColumn<qint64>("ns");
    const qint64 values[] = {0,
                             1,
                             999,
                             1000,
                             1001,
                             123456789,
                             kS,
                             1500 * kMs,
                             59 * kS + 1,
                             25 * kH + 1,
                             -7 * kMs,
                             std::numeric_limits<qint64>::max(),
                             std::numeric_limits<qint64>::min()};
    for (qint64 value : values)
        QTest::newRow(qPrintable(QString::number(value))) << value;
}

// What the writer emits (formatGoDuration) reads back to the same value.
void tst_GoDuration::formatThenParseIsIdentity()
{
    QFETCH(qint64, ns);
    QCOMPARE(parseGoDuration(formatGoDuration(ns)), std::optional<qint64>(ns));
}

QTEST_GUILESS_MAIN(tst_GoDuration)
#include "tst_goduration.moc"
