#include "app/widgets/endpointchecks.h"

#include <QTest>

using namespace hookscope;

class TestEndpointChecks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Pins the duration rules: Go strings parse, empty and (registry) zero/negative mean the
    // default, bare integers are nanoseconds with a warning, Go's own message on garbage.
    void durations()
    {
        DurationRules registry;
        registry.defaultNs = 1'000'000'000;
        registry.warnBelowNs = 10'000'000;
        QCOMPARE(checkDuration(QStringLiteral("1m30s"), registry).ns, 90'000'000'000);
        QCOMPARE(checkDuration(QStringLiteral("1m30s"), registry).severity, FieldCheck::Ok);
        QCOMPARE(checkDuration(QString(), registry).ns, 1'000'000'000);
        QCOMPARE(checkDuration(QStringLiteral("0"), registry).ns, 1'000'000'000);
        const DurationCheck negative = checkDuration(QStringLiteral("-2s"), registry);
        QCOMPARE(negative.severity, FieldCheck::Warning);
        QCOMPARE(negative.ns, 1'000'000'000);
        const DurationCheck bare = checkDuration(QStringLiteral("500"), registry);
        QCOMPARE(bare.severity, FieldCheck::Warning);
        QCOMPARE(bare.ns, 500);
        QVERIFY(bare.message.contains(QStringLiteral("500ns")));
        QVERIFY(bare.message.contains(QStringLiteral("under 10ms")));
        const DurationCheck bad = checkDuration(QStringLiteral("1.5"), registry);
        QVERIFY(bad.isError());
        QVERIFY2(bad.message.contains(QStringLiteral("missing unit")), qPrintable(bad.message));
        QVERIFY(checkDuration(QStringLiteral("99999999999999999999"), registry).isError());

        DurationRules extension;
        extension.negativeIsError = true;
        QVERIFY(checkDuration(QStringLiteral("-1s"), extension).isError());
        QCOMPARE(checkDuration(QStringLiteral("0s"), extension).ns, 0);
    }

    // Pins counts: empty is the default, bounds are enforced with the caller's message.
    void counts()
    {
        QCOMPARE(checkCount(QString(), 10, 1, 100, QStringLiteral("low")).value, 10);
        QCOMPARE(checkCount(QStringLiteral(" 7 "), 10, 1, 100, QStringLiteral("low")).value, 7);
        QCOMPARE(checkCount(QStringLiteral("0"), 10, 1, 100, QStringLiteral("low")).message,
                 QStringLiteral("low"));
        QVERIFY(checkCount(QStringLiteral("101"), 10, 1, 100, QStringLiteral("low")).isError());
        QVERIFY(checkCount(QStringLiteral("1e3"), 10, 1, 100, QStringLiteral("low")).isError());
    }

    // Pins URL acceptance: the same rule as the loader (absolute http/https with a host).
    void urls()
    {
        QVERIFY(!checkEndpointUrl(QStringLiteral("https://h.example/x?y=1")).isError());
        QVERIFY(!checkEndpointUrl(QStringLiteral("HTTP://127.0.0.1:5050/events")).isError());
        QVERIFY(!checkEndpointUrl(QStringLiteral("http://[::1]:5050/events")).isError());
        QVERIFY(checkEndpointUrl(QStringLiteral("unix:///run/sock")).isError());
        QVERIFY(checkEndpointUrl(QStringLiteral("/events")).isError());
        QVERIFY(checkEndpointUrl(QStringLiteral(" http://h/x")).isError());
        QVERIFY(checkEndpointUrl(QStringLiteral("http://h a/x")).isError());
        // The reason is shown next to the field; QUrl's error would quote the password and query.
        const FieldCheck bad = checkEndpointUrl(QStringLiteral("http://user:pa55@h:99999/x?token=t0k"));
        QVERIFY(bad.isError());
        QVERIFY2(!bad.message.contains(QLatin1String("pa55")) && !bad.message.contains(QLatin1String("t0k")),
                 qPrintable(bad.message));
    }

    // Pins header rows: names must be HTTP tokens, values without names and line breaks refused.
    void headerRows()
    {
        const QString bearer = QStringLiteral("Bearer x");
        QCOMPARE(checkHeaderRow(QStringLiteral("Authorization"), bearer).severity, FieldCheck::Ok);
        QCOMPARE(checkHeaderRow(QString(), QString()).severity, FieldCheck::Ok);
        QVERIFY(checkHeaderRow(QString(), QStringLiteral("v")).isError());
        QVERIFY(checkHeaderRow(QStringLiteral("X Token"), QStringLiteral("v")).isError());
        QVERIFY(checkHeaderRow(QStringLiteral("X-Token:"), QStringLiteral("v")).isError());
        const QString injected = QStringLiteral("a\r\nEvil: 1");
        QVERIFY(checkHeaderRow(QStringLiteral("X-Token"), injected).isError());
        QCOMPARE(checkHeaderRow(QStringLiteral("X-Token"), QString()).severity,
                 FieldCheck::Warning);
    }

    // Pins name rules: required, unique, surrounding spaces only warned.
    void names()
    {
        QVERIFY(checkEndpointName(QString(), {}).isError());
        QVERIFY(checkEndpointName(QStringLiteral("a"), {QStringLiteral("a")}).isError());
        QCOMPARE(checkEndpointName(QStringLiteral("A"), {QStringLiteral("a")}).severity,
                 FieldCheck::Ok);
        QCOMPARE(checkEndpointName(QStringLiteral(" a"), {}).severity, FieldCheck::Warning);
    }
};

// No widgets: the checks are plain functions.
QTEST_GUILESS_MAIN(TestEndpointChecks)
#include "tst_endpointchecks.moc"
