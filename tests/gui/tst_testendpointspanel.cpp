// QTEST_MAIN: widgets need a QApplication (offscreen platform in ctest).
#include "core/engine/enginehost.h"
#include "app/widgets/mainwindow.h"
#include "app/models/testendpointrequestsmodel.h"
#include "testing/testendpointserver.h"
#include "app/models/testendpointsmodel.h"
#include "app/widgets/testendpointspanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace hookscope;
using namespace Qt::StringLiterals;

class tst_TestEndpointsPanel : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestEndpointServer> m_server;
    QNetworkAccessManager m_nam;

    int post(const QString &name, const QByteArray &body)
    {
        QNetworkRequest request(m_server->url(name));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        std::unique_ptr<QNetworkReply> reply(m_nam.post(request, body));
        if (!QTest::qWaitFor([&reply] { return reply->isFinished(); }, 5000))
            return -1;
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    template<typename T>
    static T *field(TestEndpointsPanel &panel, const char *name)
    {
        T *widget = panel.findChild<T *>(QLatin1String(name));
        if (!widget)
            qFatal("no field %s", name);
        return widget;
    }

    static void chooseMode(TestEndpointsPanel &panel, TestEndpointBehaviour::Mode mode)
    {
        auto *combo = field<QComboBox>(panel, "testEndpointMode");
        combo->setCurrentIndex(combo->findData(int(mode)));
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<TestEndpointServer>();
        QVERIFY(m_server->listen());
        QVERIFY(m_server->addEndpoint(u"a"_s));
        TestEndpointBehaviour flaky;
        flaky.mode = TestEndpointBehaviour::FailRate;
        flaky.failRate = 0.3;
        QVERIFY(m_server->addEndpoint(u"b"_s, flaky));
    }
    void cleanup() { m_server.reset(); }

    // Without a server the panel says so; with one it lists each endpoint, selects the first and
    // follows the counts live (the timer takes snapshots).
    void listsEndpointsLive()
    {
        TestEndpointsPanel panel;
        panel.setRefreshInterval(20);
        QCOMPARE(panel.model()->rowCount(), 0);
        panel.setServer(m_server.get());
        QCOMPARE(panel.model()->rowCount(), 2);
        QCOMPARE(panel.selectedEndpoint(), u"a"_s);
        QCOMPARE(panel.model()->index(1, TestEndpointsModel::Mode).data().toString(), u"failrate 30%"_s);
        m_server->noteSent(u"s"_s, 2);
        QCOMPARE(post(u"a"_s, R"({"events":[{"id":"x","hookscope":{"seq":1,"stream":"s"}}]})"), 200);
        QTRY_COMPARE(panel.model()->index(0, TestEndpointsModel::Envelopes).data().toLongLong(), 1);
        QCOMPARE(panel.model()->index(0, TestEndpointsModel::Lost).data().toLongLong(), 1);
        QTRY_COMPARE(panel.requestsModel()->rowCount(), 1);
        QCOMPARE(panel.requestsModel()->index(0, TestEndpointRequestsModel::Outcome).data().toString(), u"200 OK"_s);
        panel.selectEndpoint(u"b"_s);
        QCOMPARE(panel.selectedEndpoint(), u"b"_s);
        QCOMPARE(panel.requestsModel()->rowCount(), 0);
        panel.setServer(nullptr);
        QCOMPARE(panel.model()->rowCount(), 0);
    }

    // The form shows the selected endpoint's behaviour and only the fields its mode uses; Apply
    // changes the running endpoint.
    void applyChangesTheRunningEndpoint()
    {
        TestEndpointsPanel panel;
        panel.setServer(m_server.get());
        panel.selectEndpoint(u"b"_s);
        QCOMPARE(field<QComboBox>(panel, "testEndpointMode")->currentData().toInt(),
                 int(TestEndpointBehaviour::FailRate));
        QCOMPARE(field<QDoubleSpinBox>(panel, "testEndpointFailRate")->value(), 0.3);
        panel.show();
        QVERIFY(field<QDoubleSpinBox>(panel, "testEndpointFailRate")->isVisible());
        QVERIFY(!field<QSpinBox>(panel, "testEndpointBodyBytes")->isVisible());

        chooseMode(panel, TestEndpointBehaviour::Status);
        QVERIFY(field<QSpinBox>(panel, "testEndpointStatus")->isVisible());
        QVERIFY(!field<QDoubleSpinBox>(panel, "testEndpointFailRate")->isVisible());
        field<QSpinBox>(panel, "testEndpointStatus")->setValue(429);
        field<QLineEdit>(panel, "testEndpointRetryAfter")->setText(u"2"_s);
        QString error;
        QVERIFY2(panel.applyForm(&error), qPrintable(error));
        QVERIFY(panel.message().contains(u"Applied"_s));
        QTRY_COMPARE(m_server->behaviour(u"b"_s)->mode, TestEndpointBehaviour::Status);
        QCOMPARE(m_server->behaviour(u"b"_s)->status, 429);
        QCOMPARE(m_server->behaviour(u"b"_s)->retryAfter, QByteArray("2"));
        QCOMPARE(m_server->behaviour(u"b"_s)->failRate, 0.3);   // hidden fields keep their values
        QCOMPARE(post(u"b"_s, R"({"events":[{"id":"y"}]})"), 429);

        chooseMode(panel, TestEndpointBehaviour::SlowBody);
        QVERIFY(field<QSpinBox>(panel, "testEndpointBodyBytes")->isVisible());
        QVERIFY(field<QSpinBox>(panel, "testEndpointBodyMs")->isVisible());
        field<QSpinBox>(panel, "testEndpointBodyMs")->setValue(100);
        QVERIFY(panel.applyForm());
        QTRY_COMPARE(m_server->behaviour(u"b"_s)->mode, TestEndpointBehaviour::SlowBody);
        QCOMPARE(post(u"b"_s, R"({"events":[{"id":"z"}]})"), 200);
    }

    // Invalid input is refused with a message naming the problem; the endpoint keeps running as it was.
    void invalidInputIsRefused_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("fieldName");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("complaint");
        QTest::newRow("status 42") << int(TestEndpointBehaviour::Status) << u"testEndpointStatus"_s << u"42"_s << u"status 42"_s;
        QTest::newRow("retry-after") << int(TestEndpointBehaviour::Status) << u"testEndpointRetryAfter"_s << u"soon"_s << u"Retry-After"_s;
        QTest::newRow("slow 0") << int(TestEndpointBehaviour::Slow) << u"testEndpointDelay"_s << u"0"_s << u"positive delay"_s;
        QTest::newRow("slow-body 0 ms") << int(TestEndpointBehaviour::SlowBody) << u"testEndpointBodyMs"_s << u"0"_s << u"slow-body time"_s;
        QTest::newRow("slow-body 0 B") << int(TestEndpointBehaviour::SlowBody) << u"testEndpointBodyBytes"_s << u"0"_s << u"slow-body size"_s;
    }
    void invalidInputIsRefused()
    {
        QFETCH(int, mode);
        QFETCH(QString, fieldName);
        QFETCH(QString, value);
        QFETCH(QString, complaint);
        TestEndpointsPanel panel;
        panel.setServer(m_server.get());
        panel.selectEndpoint(u"a"_s);
        chooseMode(panel, TestEndpointBehaviour::Mode(mode));
        QWidget *target = panel.findChild<QWidget *>(fieldName);
        QVERIFY(target);
        if (auto *spinBox = qobject_cast<QSpinBox *>(target))
            spinBox->setValue(value.toInt());
        else
            qobject_cast<QLineEdit *>(target)->setText(value);
        QString error;
        QVERIFY(!panel.applyForm(&error));
        QVERIFY2(error.contains(complaint), qPrintable(error));
        QVERIFY(panel.message().startsWith(u"Refused"_s));
        QTest::qWait(20);
        QCOMPARE(m_server->behaviour(u"a"_s)->mode, TestEndpointBehaviour::Healthy);
    }

    // A behaviour changed elsewhere shows in the form, unless the operator is editing it.
    void externalChangeReloadsCleanForm()
    {
        TestEndpointsPanel panel;
        panel.setServer(m_server.get());
        panel.selectEndpoint(u"a"_s);
        TestEndpointBehaviour hang;
        hang.mode = TestEndpointBehaviour::Hang;
        QVERIFY(m_server->setBehaviour(u"a"_s, hang));
        panel.refresh();
        QCOMPARE(field<QComboBox>(panel, "testEndpointMode")->currentData().toInt(), int(TestEndpointBehaviour::Hang));
        chooseMode(panel, TestEndpointBehaviour::Garbage);   // the operator starts editing
        TestEndpointBehaviour reset;
        reset.mode = TestEndpointBehaviour::ResetConnection;
        QVERIFY(m_server->setBehaviour(u"a"_s, reset));
        panel.refresh();
        QCOMPARE(field<QComboBox>(panel, "testEndpointMode")->currentData().toInt(), int(TestEndpointBehaviour::Garbage));
    }

    // Export writes the receiver report: every endpoint with counts, checks, recent requests and
    // the definitions; an unwritable path is an error, not a crash.
    void exportReport()
    {
        TestEndpointsPanel panel;
        panel.setServer(m_server.get());
        m_server->noteSent(u"s"_s, 3);
        QCOMPARE(post(u"a"_s, R"({"events":[{"id":"x","hookscope":{"seq":2,"stream":"s"}}]})"), 200);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"report.json"_s);
        QString error;
        QVERIFY2(panel.exportReport(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject report = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY(report.value(u"definitions"_s).toObject().value(u"lost"_s).toString().contains(u"[1, sent]"_s));
        const QJsonArray endpoints = report.value(u"testEndpoints"_s).toArray();
        QCOMPARE(endpoints.size(), 2);
        const QJsonObject a = endpoints.at(0).toObject();
        QCOMPARE(a.value(u"name"_s).toString(), u"a"_s);
        QCOMPARE(a.value(u"checks"_s).toObject().value(u"lost"_s).toInt(), 2);
        QCOMPARE(a.value(u"checks"_s).toObject().value(u"envelopes"_s).toInt(), 1);
        QCOMPARE(a.value(u"recent"_s).toArray().size(), 1);
        QCOMPARE(endpoints.at(1).toObject().value(u"behaviour"_s).toObject().value(u"mode"_s).toString(), u"failrate"_s);

        QVERIFY(!panel.exportReport(dir.filePath(u"missing/dir/report.json"_s), &error));
        QVERIFY(error.contains(u"cannot write"_s));
    }

    // Reset counts clears the selected endpoint's counters and checks only.
    void resetCounts()
    {
        TestEndpointsPanel panel;
        panel.setServer(m_server.get());
        QCOMPARE(post(u"a"_s, R"({"events":[{"id":"x"}]})"), 200);
        panel.refresh();
        QCOMPARE(panel.model()->index(0, TestEndpointsModel::Requests).data().toLongLong(), 1);
        panel.selectEndpoint(u"a"_s);
        QVERIFY(panel.resetCounts());
        QCOMPARE(panel.model()->index(0, TestEndpointsModel::Requests).data().toLongLong(), 0);
        QCOMPARE(m_server->stats(u"a"_s)->checks.envelopes, 0);
    }

    // The main window gets a "Test endpoints" tab for them, reachable by name, and loses it again.
    void mainWindowTab()
    {
        EngineHost host;
        host.start(20);
        MainWindow window(host, AppConfig());
        auto *tabs = window.findChild<QTabWidget *>(u"detailTabs"_s);
        QVERIFY(tabs);
        const int before = tabs->count();
        QCOMPARE(window.testEndpointsPanel(), nullptr);
        window.setTestEndpoints(m_server.get());
        QCOMPARE(tabs->count(), before + 1);
        QVERIFY(window.testEndpointsPanel());
        window.showTab(u"Test endpoints"_s);
        QCOMPARE(tabs->currentWidget(), window.testEndpointsPanel());
        QCOMPARE(window.testEndpointsPanel()->model()->rowCount(), 2);
        window.setTestEndpoints(nullptr);
        QCOMPARE(tabs->count(), before);
        QCOMPARE(window.testEndpointsPanel(), nullptr);
        host.shutdown(0);
    }
};

QTEST_MAIN(tst_TestEndpointsPanel)
#include "tst_testendpointspanel.moc"
