// DetailTabs: the selected endpoint's panels, the optional Test endpoints tab, and the queue
// panel's buttons wired to the Endpoint menu's commands.
#include "app/widgets/detailtabs.h"

#include "app/models/endpointtablemodel.h"
#include "app/widgets/chartspanel.h"
#include "app/widgets/deadletterspanel.h"
#include "app/widgets/endpointactions.h"
#include "app/widgets/queuepanel.h"
#include "app/widgets/statusespanel.h"
#include "app/widgets/testendpointspanel.h"
#include "core/engine/engine.h"
#include "core/engine/enginehost.h"
#include "testing/testendpointserver.h"

#include <QAction>
#include <QTest>
#include <QWidget>

using namespace hookscope;

namespace {

EndpointSnapshot snapshotOf(EngineHost &host, const QString &name)
{
    for (const EndpointSnapshot &e : host.snapshot()->endpoints) {
        if (e.config.name == name)
            return e;
    }
    return {};
}

// The tabs as the window has them: with the Endpoint menu's commands over a model of endpoints.
struct Tabs
{
    EngineHost host;
    EndpointTableModel model;
    QWidget window;
    EndpointActions actions{host, model, &window};
    DetailTabs tabs{&actions, &window};
};

} // namespace

class tst_DetailTabs final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tabsAndTitles()
    {
        Tabs t;
        DetailTabs &tabs = t.tabs;
        QCOMPARE(tabs.count(), 5);
        tabs.showTab(QStringLiteral("dead LETTERS"));   // without the mnemonic, any case
        QCOMPARE(tabs.currentWidget(), tabs.deadLettersPanel());
        tabs.showTab(QStringLiteral("no such tab"));
        QCOMPARE(tabs.currentWidget(), tabs.deadLettersPanel());
        tabs.showTab(QStringLiteral("Queue"));
        QCOMPARE(tabs.currentWidget(), tabs.queuePanel());
    }

    // Every panel shows the endpoint it is given; none empties them all.
    void panelsFollowTheEndpoint()
    {
        Tabs t;
        DetailTabs &tabs = t.tabs;
        EndpointSnapshot e;
        e.config.name = QStringLiteral("audit");
        e.config.url = QStringLiteral("http://127.0.0.1:9/audit");
        e.metrics.statuses.insert(QStringLiteral("202 Accepted"), 3);
        e.metrics.successes = 3;
        tabs.setEndpoint(&e);
        QCOMPARE(tabs.chartsPanel()->endpointName(), QStringLiteral("audit"));
        auto *statuses = tabs.findChild<StatusesPanel *>();
        QVERIFY(statuses);
        QVERIFY2(statuses->summary().startsWith(QStringLiteral("3 event-attempt(s): 3 delivered")),
                 qPrintable(statuses->summary()));
        tabs.setEndpoint(nullptr);
        QVERIFY(tabs.chartsPanel()->endpointName().isEmpty());
        QVERIFY2(!statuses->summary().contains(QStringLiteral("delivered")), qPrintable(statuses->summary()));
    }

    // The Test endpoints tab comes and goes with the server, and follows an endpoint's URL.
    void testEndpointsTab()
    {
        Tabs t;
        DetailTabs &tabs = t.tabs;
        TestEndpointServer server;
        QString error;
        QVERIFY2(server.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        QVERIFY(server.addEndpoint(QStringLiteral("first")));
        QVERIFY(server.addEndpoint(QStringLiteral("second")));
        tabs.followTestEndpoint(server.url(QStringLiteral("second")));   // no tab yet: nothing to do
        QVERIFY(!tabs.testEndpointsPanel());
        tabs.setTestEndpoints(&server);
        QCOMPARE(tabs.count(), 6);
        QVERIFY(tabs.testEndpointsPanel());
        tabs.followTestEndpoint(server.url(QStringLiteral("second")));
        QCOMPARE(tabs.testEndpointsPanel()->selectedEndpoint(), QStringLiteral("second"));
        tabs.followTestEndpoint(QUrl(QStringLiteral("http://hooks.example/x")));   // not ours: kept
        QCOMPARE(tabs.testEndpointsPanel()->selectedEndpoint(), QStringLiteral("second"));
        tabs.setTestEndpoints(nullptr);
        QCOMPARE(tabs.count(), 5);
        QVERIFY(!tabs.testEndpointsPanel());
    }

    // The queue panel's Resume and Pause are the Endpoint menu's commands on the selected endpoint.
    void queueButtonsAreTheEndpointCommands()
    {
        Tabs t;
        EngineHost &host = t.host;
        DetailTabs &tabs = t.tabs;
        EndpointTableModel &model = t.model;
        EndpointActions &actions = t.actions;
        host.start(20);
        host.call([](Engine &engine) {
            EndpointConfig config;
            config.name = QStringLiteral("held");
            config.url = QStringLiteral("http://127.0.0.1:9/held");
            config.paused = true;
            engine.addEndpoint(config);
        });
        QTRY_COMPARE(snapshotOf(host, QStringLiteral("held")).state, EndpointState::Paused);
        model.setSnapshot(host.snapshot()->endpoints);
        actions.setSelected(QStringLiteral("held"));
        QVERIFY(actions.resumeAction()->isEnabled());
        Q_EMIT tabs.queuePanel()->resumeRequested();
        QTRY_VERIFY(snapshotOf(host, QStringLiteral("held")).state != EndpointState::Paused);
        model.setSnapshot(host.snapshot()->endpoints);
        actions.refresh();
        QVERIFY(actions.pauseAction()->isEnabled());
        Q_EMIT tabs.queuePanel()->pauseRequested();
        QTRY_COMPARE(snapshotOf(host, QStringLiteral("held")).state, EndpointState::Paused);
        host.shutdown(0);
    }
};

QTEST_MAIN(tst_DetailTabs)
#include "tst_detailtabs.moc"
