#include "demo.h"
#include "runtime.h"
#include "testendpointserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include <memory>

using namespace hookscope;
using namespace Qt::StringLiterals;

// Runtime: the composition the app and the headless mode share. Here: the test endpoints it
// exposes, and what its admin page shows of them.
class tst_Runtime final : public QObject
{
    Q_OBJECT

    QJsonObject debugVars(const QString &address)
    {
        std::unique_ptr<QNetworkReply> reply(
            m_nam.get(QNetworkRequest(QUrl(u"http://%1/debug/vars"_s.arg(address)))));
        if (!QTest::qWaitFor([&reply] { return reply->isFinished(); }, 5000))
            return {};
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

    QNetworkAccessManager m_nam;

private Q_SLOTS:
    // No demo: no test endpoints, and /debug/vars has no testEndpoints key.
    void noTestEndpointsWithoutDemo()
    {
        Runtime runtime;
        AppConfig config;
        config.admin.listen = u"127.0.0.1:0"_s;
        QString error;
        QVERIFY2(runtime.start(config, &error), qPrintable(error));
        QCOMPARE(runtime.testEndpoints(), nullptr);
        const QJsonObject page = debugVars(runtime.adminAddress());
        QVERIFY(page.contains(u"hookscope"_s));
        QVERIFY(!page.value(u"hookscope"_s).toObject().contains(u"testEndpoints"_s));
        runtime.shutdown(0);
    }

    // With the demo: testEndpoints() gives its server (usable from this thread: snapshots and
    // behaviour changes), /debug/vars lists the three with their receiver checks, and the
    // generator's submissions reach their "sent" counts. After shutdown, nullptr.
    void demoTestEndpoints()
    {
        Runtime runtime;
        AppConfig config;
        config.admin.listen = u"127.0.0.1:0"_s;
        QString error;
        QVERIFY2(runtime.start(config, &error), qPrintable(error));
        QVERIFY2(runtime.startDemo(&error), qPrintable(error));
        TestEndpointServer *server = runtime.testEndpoints();
        QVERIFY(server);
        QCOMPARE(server->endpointNames(), DemoScenario::endpointNames());
        QTRY_VERIFY_WITH_TIMEOUT(server->stats(u"healthy"_s)->checks.sent > 0, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(server->stats(u"healthy"_s)->checks.envelopes > 0, 5000);

        const QJsonArray list = debugVars(runtime.adminAddress())
                                    .value(u"hookscope"_s).toObject()
                                    .value(u"testEndpoints"_s).toArray();
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(1).toObject().value(u"name"_s).toString(), u"flaky"_s);
        QCOMPARE(list.at(1).toObject().value(u"behaviour"_s).toObject().value(u"mode"_s).toString(),
                 u"failrate"_s);
        QVERIFY(list.at(0).toObject().value(u"checks"_s).toObject().value(u"sent"_s).toInt() > 0);

        // Changed from this (non-engine) thread; applied on the engine thread.
        TestEndpointBehaviour reset;
        reset.mode = TestEndpointBehaviour::ResetConnection;
        QVERIFY(server->setBehaviour(u"healthy"_s, reset, &error));
        QTRY_COMPARE(server->behaviour(u"healthy"_s)->mode, TestEndpointBehaviour::ResetConnection);
        TestEndpointBehaviour invalid;
        invalid.mode = TestEndpointBehaviour::Status;
        invalid.status = 42;
        QVERIFY(!server->setBehaviour(u"healthy"_s, invalid, &error));
        QVERIFY(error.contains(u"42"_s));

        runtime.shutdown(0);
        QCOMPARE(runtime.testEndpoints(), nullptr);
    }
};

QTEST_GUILESS_MAIN(tst_Runtime)
#include "tst_runtime.moc"
