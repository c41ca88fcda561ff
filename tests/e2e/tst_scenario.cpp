// The issue's headless scenario, as CI would run it: `hookscope --headless --config` with the
// generator feeding one healthy, one flaky (30% failures, and answers slower than its endpoint's
// timeout now and then) and one down-then-healing built-in test endpoint. After SIGTERM every
// receiver has every generated event (0 lost), and repeats only where a timeout explains them.
#include "networkcalls.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

const QByteArray Scenario = R"(hookscope:
  admin: {listen: 127.0.0.1:0}
  testendpoints:
    - name: healthy
    - name: flaky
      mode: failrate
      failrate: 0.3
      seed: 7
      # Now and then slower than the endpoint's 60ms timeout: the sender retries an event the
      # receiver already took, which is a duplicate the timeout explains.
      delay: 0ms
      latency: uniform
      delaymax: 90ms
    - name: healing
      mode: downthenheal
      down: 2s
  generator:
    rate: 20
    duration: 3s
    seed: 11
notifications:
  endpoints:
    - name: healthy
      url: testendpoint://healthy
      threshold: 3
      backoff: 100ms
    - name: flaky
      url: testendpoint://flaky
      timeout: 60ms
      threshold: 3
      backoff: 100ms
    - name: healing
      url: testendpoint://healing
      threshold: 3
      backoff: 200ms
)";

} // namespace

class tst_Scenario final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void generatorToFaultyReceiversLosesNothing()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString config = dir.filePath(QStringLiteral("scenario.yml"));
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(Scenario);
        file.close();

        QProcess process;
        QString output;
        process.setProgram(QStringLiteral(HOOKSCOPE_BINARY));
        process.setArguments({QStringLiteral("--headless"), QStringLiteral("--config"), config,
                              QStringLiteral("--status-interval"), QStringLiteral("0"),
                              QStringLiteral("--shutdown-deadline"), QStringLiteral("10s")});
        process.setProcessChannelMode(QProcess::MergedChannels);
        connect(&process, &QProcess::readyRead, this, [&] { output += QString::fromUtf8(process.readAll()); });
        process.start();
        QVERIFY(process.waitForStarted(5000));
        const QRegularExpression banner(QStringLiteral("admin (http://[0-9.:]+)/debug/vars"));
        QRegularExpressionMatch match;
        QVERIFY2(QTest::qWaitFor([&] {
                     match = banner.match(output);
                     return match.hasMatch() || process.state() == QProcess::NotRunning;
                 }, 10000) && match.hasMatch(),
                 qPrintable(output));
        const QUrl vars(match.captured(1) + QStringLiteral("/debug/vars"));

        // The generator runs 3 s; the healing endpoint refuses the first 2 s. Wait until the
        // generator is done and every queue is empty, then read each endpoint's timeouts.
        QNetworkAccessManager network;
        QJsonArray endpoints;
        qint64 lastEventsIn = -1;
        const bool drained = QTest::qWaitFor([&] {
            const QJsonObject hookscope = hookscope::test::getJson(network, vars).value(QLatin1String("hookscope")).toObject();
            const QJsonArray registry = hookscope::test::getJson(network, vars).value(QLatin1String("registry")).toObject()
                                            .value(QLatin1String("notifications")).toObject()
                                            .value(QLatin1String("endpoints")).toArray();
            const qint64 eventsIn = hookscope.value(QLatin1String("eventsIn")).toInteger();
            const bool stable = eventsIn > 40 && eventsIn == lastEventsIn;
            lastEventsIn = eventsIn;
            if (!stable || registry.size() != 3)
                return false;
            for (const QJsonValue &e : registry) {
                if (e.toObject().value(QLatin1String("Metrics")).toObject().value(QLatin1String("Pending")).toInt() != 0)
                    return false;
            }
            endpoints = hookscope.value(QLatin1String("endpoints")).toArray();
            return true;
        }, 25000);
        QVERIFY2(drained, qPrintable(output));
        QHash<QString, qint64> timeouts;
        for (const QJsonValue &e : std::as_const(endpoints)) {
            const QJsonObject endpoint = e.toObject();
            timeouts.insert(endpoint.value(QLatin1String("name")).toString(),
                            endpoint.value(QLatin1String("errorClasses")).toObject().value(QLatin1String("timeout")).toInteger());
        }
        QCOMPARE(timeouts.size(), 3);

        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 15000));
        output += QString::fromUtf8(process.readAll());
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(output.contains(QStringLiteral("stopped: every queue drained")), qPrintable(output));

        // The final receiver lines: what each test endpoint took, against what was generated.
        const QRegularExpression line(QStringLiteral(
            "receiver (\\S+) accepted=(\\d+) unique=(\\d+) dup=(\\d+) order=(\\d+) lost=(\\S+) generated=(\\d+) requests=(\\d+) rejected=(\\d+)"));
        QHash<QString, QRegularExpressionMatch> last;
        for (auto it = line.globalMatch(output); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            last.insert(m.captured(1), m);
        }
        QCOMPARE(last.size(), 3);
        for (const QString &name : {QStringLiteral("healthy"), QStringLiteral("flaky"), QStringLiteral("healing")}) {
            const QRegularExpressionMatch &m = last.value(name);
            const QString what = name + QStringLiteral(": ") + m.captured(0);
            const qint64 generated = m.captured(7).toLongLong();
            QVERIFY2(generated >= 40, qPrintable(what));
            QVERIFY2(m.captured(6) == QStringLiteral("0"), qPrintable(what));                 // nothing lost
            QVERIFY2(m.captured(3).toLongLong() == generated, qPrintable(what));             // every event, once
            QVERIFY2(m.captured(4).toLongLong() <= timeouts.value(name), qPrintable(what + QStringLiteral(" timeouts=%1").arg(timeouts.value(name))));
            QVERIFY2(m.captured(5) == QStringLiteral("0"), qPrintable(what));                 // in order
        }
        QCOMPARE(last.value(QStringLiteral("healthy")).captured(4), QStringLiteral("0"));
        QVERIFY2(last.value(QStringLiteral("flaky")).captured(9).toInt() > 0, qPrintable(output));   // it did fail
        qInfo("timeouts: flaky %lld; duplicates at flaky: %s", timeouts.value(QStringLiteral("flaky")),
              qPrintable(last.value(QStringLiteral("flaky")).captured(4)));
    }
};

QTEST_GUILESS_MAIN(tst_Scenario)
#include "tst_scenario.moc"
