#include "sources/statusline.h"

#include <QTest>

using namespace hookscope;

// The headless status line: greppable key=value pairs, never a secret.
class tst_StatusLine final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shape()
    {
        EndpointSnapshot e;
        e.config.name = QStringLiteral("primary");
        e.metrics.pending = 3;
        e.lastStatus = 200;
        const QString line = formatStatusLine(e);
        QVERIFY2(line.startsWith(QStringLiteral("ep primary state=")), qPrintable(line));
        QVERIFY(line.contains(QStringLiteral(" pending=3 ")));
        QVERIFY(line.endsWith(QStringLiteral("err_text=\"\"")));
    }

    // A URL in the error text (or in a name) shows masked; quotes become apostrophes.
    void urlsMasked()
    {
        EndpointSnapshot e;
        e.config.name = QStringLiteral("https://h/hook?token=t0k");
        e.lastError = QStringLiteral("Error transferring http://u:pa55@h/e?sig=t0k - server replied: \"Bad\"");
        const QString line = formatStatusLine(e);
        QVERIFY2(!line.contains(QLatin1String("pa55")) && !line.contains(QLatin1String("t0k")), qPrintable(line));
        QVERIFY(line.startsWith(QStringLiteral("ep https://h/hook?token=*** ")));
        QVERIFY2(line.endsWith(QStringLiteral("err_text=\"Error transferring http://u:***@h/e?sig=*** - server replied: 'Bad'\"")),
                 qPrintable(line));
    }

    // An endpoint loaded as misconfigured says why at the end of its line, quotes as apostrophes.
    void misconfiguredSaysWhy()
    {
        EndpointSnapshot e;
        e.config.name = QStringLiteral("bad");
        e.config.url = QStringLiteral("ftp://u:pa55@h/x");
        e.config.misconfigured = endpointUrlProblem(e.config.url);
        const QString line = formatStatusLine(e);
        QVERIFY2(line.endsWith(QStringLiteral("err_text=\"\" misconfigured (url 'ftp://u:***@h/x' has scheme "
                                              "'ftp': only http and https are delivered)")),
                 qPrintable(line));
    }

    void ages()
    {
        QCOMPARE(formatAge(1500), QStringLiteral("1.5s"));
        QCOMPARE(formatAge(123'000), QStringLiteral("2m03s"));
        QCOMPARE(formatAge(3'720'000), QStringLiteral("1h02m"));
        QCOMPARE(formatAge(-5), QStringLiteral("0.0s"));
    }
};

QTEST_GUILESS_MAIN(tst_StatusLine)
#include "tst_statusline.moc"
