#include "app/logmasking.h"

#include <QTest>

using namespace hookscope;

namespace {
QStringList seen;
QtMessageHandler qtTestHandler = nullptr;
void recordingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    seen.append(message);
    if (qtTestHandler)
        qtTestHandler(type, context, message);
}
} // namespace

// Every log line reaches the previous handler with its URLs masked.
class tst_LogMasking : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void masksUrlsInLogLines()
    {
        qtTestHandler = qInstallMessageHandler(recordingHandler);
        LogMasking::install();
        QVERIFY(LogMasking::installed());
        LogMasking::install();   // a second install does not wrap itself
        qInfo("configuring endpoint a (http://user:pa55@h:1/e?token=t0k&x=1), timeout=1000ms");
        qWarning() << "failed:" << QStringLiteral("Error transferring https://h/e?sig=t0k - server replied: Bad");
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen.at(0), QStringLiteral("configuring endpoint a (http://user:***@h:1/e?token=***&x=1), timeout=1000ms"));
        QVERIFY2(!seen.at(1).contains(QLatin1String("t0k")) && seen.at(1).contains(QLatin1String("sig=***")),
                 qPrintable(seen.at(1)));
    }
};

QTEST_GUILESS_MAIN(tst_LogMasking)
#include "tst_logmasking.moc"
