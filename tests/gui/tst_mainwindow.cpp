// The window driven as an operator drives it, against a real engine thread and a fake receiver.
// QTEST_MAIN: the window needs a QApplication (offscreen platform in ctest).
#include "app/widgets/deadletterfilterbar.h"
#include "app/widgets/deadletterspanel.h"
#include "app/widgets/endpointactions.h"
#include "app/models/deadlettersmodel.h"
#include "app/models/endpointtablemodel.h"
#include "core/engine/deadletterfilter.h"
#include "core/engine/engine.h"
#include "core/engine/enginehost.h"
#include "fakehttpserver.h"
#include "app/widgets/configfile.h"
#include "app/widgets/endpointeditordialog.h"
#include "fixtures.h"
#include "sources/registrywatcher.h"
#include "app/widgets/mainwindow.h"
#include "testing/testendpointserver.h"
#include "app/widgets/testendpointspanel.h"
#include "testevents.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QStatusBar>
#include <QLineEdit>
#include <QTimer>
#include <QLabel>
#include <QMessageBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

QAction *actionNamed(QMainWindow &window, const QString &text)
{
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text().remove(QLatin1Char('&')) == text)
            return action;
    }
    return nullptr;
}

} // namespace

class tst_MainWindow final : public QObject
{
    Q_OBJECT
private Q_SLOTS:

    // Selecting an endpoint that posts to a built-in test endpoint selects that one in the Test
    // endpoints tab.
    void selectingAnEndpointFollowsItsTestEndpoint()
    {
        TestEndpointServer server;
        QString error;
        QVERIFY2(server.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        QVERIFY(server.addEndpoint(QStringLiteral("first")));
        QVERIFY(server.addEndpoint(QStringLiteral("second")));
        EngineHost host;
        host.start(20);
        host.call([&](Engine &engine) {
            for (const QString &name : {QStringLiteral("first"), QStringLiteral("second")}) {
                EndpointConfig config;
                config.name = QStringLiteral("to-") + name;
                config.url = server.url(name).toString();
                config.paused = true;
                engine.addEndpoint(config);
            }
        });
        MainWindow window(host, AppConfig());
        window.setTestEndpoints(&server);
        QTRY_COMPARE(window.endpointModel()->rowCount(), 2);
        window.selectEndpoint(QStringLiteral("to-second"));
        QCOMPARE(window.testEndpointsPanel()->selectedEndpoint(), QStringLiteral("second"));
        window.selectEndpoint(QStringLiteral("to-first"));
        QCOMPARE(window.testEndpointsPanel()->selectedEndpoint(), QStringLiteral("first"));
        window.setTestEndpoints(nullptr);
        host.shutdown(0);
    }

    // Opening a configuration whose endpoints point at testendpoint://NAME: the running test
    // endpoint of that name is used; an unknown one is said (not silently left to fail).
    void appliedConfigResolvesRunningTestEndpoints()
    {
        TestEndpointServer server;
        QString error;
        QVERIFY2(server.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        QVERIFY(server.addEndpoint(QStringLiteral("healthy")));
        EngineHost host;
        host.start(20);
        MainWindow window(host, AppConfig());
        window.setTestEndpoints(&server);
        AppConfig config;
        config.sourcePath = QStringLiteral("/tmp/scenario.yml");
        EndpointConfig running;
        running.name = QStringLiteral("to-healthy");
        running.url = QStringLiteral("testendpoint://healthy");
        EndpointConfig missing;
        missing.name = QStringLiteral("to-missing");
        missing.url = QStringLiteral("testendpoint://missing");
        config.endpoints = {running, missing};
        window.applyConfig(config);
        QTRY_COMPARE(host.snapshot()->endpoints.size(), 2);
        QCOMPARE(host.snapshot()->endpoints.value(0).config.url, server.url(QStringLiteral("healthy")).toString());
        QCOMPARE(host.snapshot()->endpoints.value(1).config.url, QStringLiteral("testendpoint://missing"));
        auto *box = window.findChild<QMessageBox *>();
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("missing")), qPrintable(box->text()));
        QVERIFY(!box->text().contains(QStringLiteral("called healthy")));
        box->close();
        window.setTestEndpoints(nullptr);
        host.shutdown(0);
    }
    // File > Save of what runs: a disabled second endpoint (which the engine never creates) stays
    // second, and the file's comments stay, so an unchanged save leaves the file as it was.
    void saveKeepsFileOrderAndComments()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hookscope.yml"));
        const QByteArray yaml = "notifications:\n  endpoints:\n"
                                "    # one\n    - name: a\n      url: http://127.0.0.1:9/a\n"
                                "    # two, off\n    - name: b\n      disabled: true\n      url: http://127.0.0.1:9/b\n"
                                "    # three\n    - name: c\n      url: http://127.0.0.1:9/c\n";
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(yaml);
        file.close();
        const ConfigFileResult opened = ConfigFile::open(path);
        QVERIFY(opened.ok());
        EngineHost host;
        host.start(20);
        MainWindow window(host, opened.config);
        window.applyConfig(opened.config);
        QTRY_COMPARE(window.endpointModel()->rowCount(), 2);   // the window has seen what runs
        QAction *save = actionNamed(window, QStringLiteral("Save Configuration"));
        QVERIFY(save);
        save->trigger();
        QVERIFY(!window.findChild<QMessageBox *>());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), yaml);
        file.close();
        host.shutdown(0);
    }

    // An endpoint answering 400 to its head: one click on the row shows the head event, the
    // receiver's response body and the skip action; skipping files it as a dead letter and the
    // queue moves on.
    void findAndSkipPoisonEvent()
    {
        FakeHttpServer receiver;
        FakeStep reject = FakeStep::respond(400);
        reject.body = "manifest digest does not match";
        receiver.setDefaultStep(reject);
        EngineHost host;
        host.start(20);
        host.call([&](Engine &engine) {
            EndpointConfig config;
            config.name = QStringLiteral("strict");
            config.url = receiver.url().toString();
            config.threshold = 1;
            config.backoffNs = 60'000'000'000;   // stays backing off while we look
            engine.addEndpoint(config);
            engine.submit(makeEvents(3));
        });
        MainWindow window(host, AppConfig());
        window.endpointActions()->setConfirmation([](const QString &, const QString &) { return true; });
        window.show();
        QTRY_COMPARE(window.endpointModel()->rowCount(), 1);
        QTRY_COMPARE(window.endpointModel()->endpointAt(0)->state, EndpointState::BackingOff);
        window.selectEndpoint(QStringLiteral("strict"));
        auto *banner = window.findChild<QLabel *>(QStringLiteral("headBanner"));
        QVERIFY(banner);
        QTRY_VERIFY2(banner->text().contains(QStringLiteral("manifest digest does not match")), qPrintable(banner->text()));
        QVERIFY(banner->text().contains(QStringLiteral("ev-0")));
        QAction *skip = actionNamed(window, QStringLiteral("Skip head"));
        QVERIFY(skip && skip->isEnabled());
        receiver.setDefaultStep(FakeStep::respond(200));
        skip->trigger();
        QTRY_COMPARE(host.snapshot()->endpoints.value(0).deadLetters, 1);
        host.post([](Engine &engine) { engine.retryNow(QStringLiteral("strict")); });
        QTRY_COMPARE(host.snapshot()->endpoints.value(0).metrics.successes, 2);
        QCOMPARE(host.snapshot()->endpoints.value(0).metrics.pending, 0);
    }

    // Pause and resume from the menu reach the engine; the actions follow the state.
    void pauseResume()
    {
        FakeHttpServer receiver;
        EngineHost host;
        host.start(20);
        host.call([&](Engine &engine) {
            EndpointConfig config;
            config.name = QStringLiteral("ep");
            config.url = receiver.url().toString();
            engine.addEndpoint(config);
        });
        MainWindow window(host, AppConfig());
        window.show();
        QTRY_COMPARE(window.endpointModel()->rowCount(), 1);
        window.selectEndpoint(QStringLiteral("ep"));
        QAction *pause = actionNamed(window, QStringLiteral("Pause"));
        QAction *resume = actionNamed(window, QStringLiteral("Resume"));
        QVERIFY(pause && resume);
        QVERIFY(pause->isEnabled());
        pause->trigger();
        QTRY_COMPARE(host.snapshot()->endpoints.value(0).state, EndpointState::Paused);
        host.post([](Engine &engine) { engine.submit(makeEvents(2)); });
        QTRY_COMPARE(window.endpointModel()->endpointAt(0)->metrics.pending, 2);
        QTRY_VERIFY(resume->isEnabled());
        QVERIFY(!pause->isEnabled());
        resume->trigger();
        QTRY_COMPARE(host.snapshot()->endpoints.value(0).metrics.successes, 2);
        QCOMPARE(receiver.requestCount(), 2);
    }

    // A watched registry's endpoints join the table, named after the registry, and are read-only.
    void watchedRegistryRows()
    {
        FakeHttpServer registry;
        FakeStep page = FakeStep::respond(200);
        page.body = fixtures::read(QStringLiteral("expvar-5-recovered.json"));
        registry.setDefaultStep(page);
        EngineHost host;
        host.start(20);
        MainWindow window(host, AppConfig());
        window.show();
        window.registryWatcher()->setInterval(100);
        QVERIFY(window.registryWatcher()->addRegistry(QStringLiteral("127.0.0.1:%1").arg(registry.port())));
        const QString down = QStringLiteral("down @ 127.0.0.1:%1").arg(registry.port());
        QTRY_VERIFY(window.endpointModel()->rowOf(down) >= 0);
        const EndpointSnapshot *e = window.endpointModel()->endpointAt(window.endpointModel()->rowOf(down));
        QCOMPARE(e->metrics.pending, 33);
        QVERIFY(e->isRemote());
        window.selectEndpoint(down);
        QAction *pause = actionNamed(window, QStringLiteral("Pause"));
        QVERIFY(pause && !pause->isEnabled());
    }

    // Endpoint -> Edit: the operator changes the URL and threshold in the editor; the running
    // engine uses them for the next attempt and keeps the queue.
    void editorChangesTheEngine()
    {
        FakeHttpServer wrong;
        wrong.setDefaultStep(FakeStep::respond(404));
        FakeHttpServer right;
        EngineHost host;
        host.start(20);
        host.call([&](Engine &engine) {
            EndpointConfig config;
            config.name = QStringLiteral("ep");
            config.url = wrong.url().toString();
            config.threshold = 1;
            config.backoffNs = 100'000'000;
            engine.addEndpoint(config);
            engine.submit(makeEvents(3));
        });
        MainWindow window(host, AppConfig());
        window.show();
        QTRY_COMPARE(window.endpointModel()->rowCount(), 1);
        window.selectEndpoint(QStringLiteral("ep"));
        bool edited = false;
        QTimer::singleShot(200, this, [&] {
            auto *dialog = qobject_cast<EndpointEditorDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            auto *url = dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit"));
            auto *threshold = dialog->findChild<QLineEdit *>(QStringLiteral("thresholdEdit"));
            QVERIFY(url && threshold);
            url->clear();
            QTest::keyClicks(url, right.url().toString());
            threshold->clear();
            QTest::keyClicks(threshold, QStringLiteral("4"));
            dialog->accept();
            edited = true;
        });
        window.endpointActions()->editEndpoint();
        QVERIFY(edited);
        QTRY_COMPARE(host.snapshot()->endpoints.value(0).metrics.successes, 3);
        QCOMPARE(host.snapshot()->endpoints.value(0).config.threshold, 4);
        QCOMPARE(host.snapshot()->endpoints.value(0).config.url, right.url().toString());
        QCOMPARE(right.requestCount(), 3);
    }

    // The status bar names the ingest address and totals.
    void statusBar()
    {
        EngineHost host;
        host.start(20);
        MainWindow window(host, AppConfig());
        window.setIngestAddress(QStringLiteral("127.0.0.1:5050"));
        QCOMPARE(window.findChild<QLabel *>(QStringLiteral("ingestLabel"))->text(),
                 QStringLiteral("Ingest: http://127.0.0.1:5050/events"));
        QTRY_VERIFY(window.findChild<QLabel *>(QStringLiteral("totalsLabel"))->text().contains(QStringLiteral("0 endpoint(s)")));
    }

    // Dead letters of one endpoint replayed by filter into another from the Dead letters panel;
    // a target that does not exist is refused by name and nothing moves.
    void replayMatchingDeadLettersToAnotherEndpoint()
    {
        FakeHttpServer receiver;
        EngineHost host;
        host.start(20);
        host.call([&](Engine &engine) {
            for (const QString &name : {QStringLiteral("a"), QStringLiteral("b")}) {
                EndpointConfig config;
                config.name = name;
                config.url = receiver.url(QStringLiteral("/") + name).toString();
                config.paused = true;
                engine.addEndpoint(config);
            }
            engine.submit({makeEvent("p-0"), makeEvent("l-0", QStringLiteral("pull")), makeEvent("p-1")});
            engine.purge(QStringLiteral("a"));
        });
        MainWindow window(host, AppConfig());
        window.show();
        QTRY_COMPARE(window.endpointModel()->rowCount(), 2);
        window.selectEndpoint(QStringLiteral("a"));
        auto *panel = window.findChild<DeadLettersPanel *>();
        QVERIFY(panel);
        QTRY_COMPARE(panel->model()->rowCount(), 3);
        QStringList offered;
        panel->setTargetChooser([&](const QString &, const QStringList &endpoints, int count, const QString &) {
            offered = endpoints;
            return count == 2 ? QStringLiteral("b") : QString();
        });
        panel->filterBar()->actionField()->setCurrentText(QStringLiteral("push"));
        panel->replayMatching();
        QCOMPARE(offered, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QTRY_COMPARE(host.snapshot()->endpoints.value(1).metrics.pending, 5);
        QTRY_COMPARE(panel->model()->rowCount(), 1);
        QTRY_VERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("2 dead letter(s) moved to b")));

        DeadLetterFilter all;
        all.setEndpoint(QStringLiteral("a"));
        window.endpointActions()->replayDeadLetters(all, QStringLiteral("ghost"));
        QTRY_VERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("\"ghost\"")));
        QCOMPARE(host.snapshot()->endpoints.value(0).deadLetters, 1);
    }

    // The status bar says whether this session is durable and where its journal is.
    void statusBarShowsTheSessionJournal()
    {
        EngineHost host;
        host.start(20);
        MainWindow window(host, AppConfig());
        auto *label = window.findChild<QLabel *>(QStringLiteral("journalLabel"));
        QVERIFY(label);
        QCOMPARE(label->text(), QStringLiteral("Queues: in memory"));
        window.setSessionJournal({QStringLiteral("/var/lib/hookscope/q.db"), SessionJournal::Source::Preference});
        QCOMPARE(label->text(), QStringLiteral("Queues: durable, journal /var/lib/hookscope/q.db (preference)"));
        QVERIFY(label->toolTip().contains(QStringLiteral("new sessions")));
        AppConfig configured;
        configured.journalPath = QStringLiteral("/srv/q.db");
        MainWindow fromConfig(host, configured);
        QCOMPARE(fromConfig.findChild<QLabel *>(QStringLiteral("journalLabel"))->text(),
                 QStringLiteral("Queues: durable, journal /srv/q.db (configuration)"));
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
