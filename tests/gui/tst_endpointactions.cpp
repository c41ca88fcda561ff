// The Endpoint menu's commands driven as the window drives them, against a real engine thread and
// a fake receiver: the table model follows the engine's snapshots, the actions follow the selected
// row. QTEST_MAIN: the editor dialog needs a QApplication (offscreen platform in ctest).
#include "app/models/endpointtablemodel.h"
#include "app/widgets/endpointactions.h"
#include "app/widgets/endpointeditordialog.h"
#include "core/engine/deadletterfilter.h"
#include "core/engine/engine.h"
#include "core/engine/enginehost.h"
#include "fakehttpserver.h"
#include "testevents.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QWidget>

using namespace hookscope;
using namespace hookscope::test;

namespace {

// What the main window gives the actions: a host, its table model kept up to date, a window.
struct Rig
{
    FakeHttpServer receiver;
    EngineHost host;
    QWidget window;
    EndpointTableModel model;
    EndpointActions actions{host, model, &window};
    QStringList messages;

    Rig()
    {
        host.start(20);
        QObject::connect(&host, &EngineHost::snapshotUpdated, &window, [this] {
            model.setSnapshot(host.snapshot()->endpoints);
            actions.refresh();
        }, Qt::QueuedConnection);
        QObject::connect(&actions, &EndpointActions::message, &window,
                         [this](const QString &text, int) { messages << text; });
        actions.setConfirmation([](const QString &, const QString &) { return true; });
    }
    ~Rig() { host.shutdown(0); }

    void add(const QString &name, bool paused, int events = 0)
    {
        host.call([&](Engine &engine) {
            EndpointConfig config;
            config.name = name;
            config.url = receiver.url(QStringLiteral("/") + name).toString();
            config.paused = paused;
            engine.addEndpoint(config);
            if (events > 0)
                engine.submit(makeEvents(events));
        });
    }
    EndpointSnapshot engineSide(int index) const { return host.snapshot()->endpoints.value(index); }
    const EndpointSnapshot *row(const QString &name) const { return model.endpointAt(model.rowOf(name)); }
};

QList<bool> enabled(const QList<QAction *> &actions)
{
    QList<bool> states;
    for (const QAction *action : actions)
        states << action->isEnabled();
    return states;
}

} // namespace

class tst_EndpointActions final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Nothing selected, or a name the table does not have: every command is off. A paused endpoint
    // with a queue: resume, skip head and purge on, pause off; nothing to replay yet.
    void actionsFollowTheSelectedEndpoint()
    {
        Rig rig;
        rig.add(QStringLiteral("ep"), true, 2);
        QTRY_VERIFY(rig.row(QStringLiteral("ep")) && rig.row(QStringLiteral("ep"))->metrics.pending == 2);
        const QList<QAction *> all = QList<QAction *>{rig.actions.editAction(), rig.actions.removeAction()}
                                     + rig.actions.queueActions();
        QCOMPARE(enabled(all), QList<bool>(8, false));
        QVERIFY(rig.actions.addAction()->isEnabled());   // adding needs no selection

        rig.actions.setSelected(QStringLiteral("ep"));
        QVERIFY(rig.actions.editAction()->isEnabled());
        QVERIFY(rig.actions.removeAction()->isEnabled());
        QVERIFY(!rig.actions.pauseAction()->isEnabled());
        QVERIFY(rig.actions.resumeAction()->isEnabled());
        QVERIFY(!rig.actions.retryNowAction()->isEnabled());
        QVERIFY(rig.actions.skipHeadAction()->isEnabled());
        QVERIFY(rig.actions.purgeAction()->isEnabled());
        QVERIFY(!rig.actions.replayAction()->isEnabled());

        rig.actions.setSelected(QStringLiteral("ghost"));
        QCOMPARE(enabled(all), QList<bool>(8, false));
    }

    // A watched registry's row is in the table but read-only: no command acts on it.
    void watchedRowsAreReadOnly()
    {
        Rig rig;
        EndpointSnapshot remote;
        remote.config.name = QStringLiteral("down @ 127.0.0.1:5001");
        remote.remoteSource = QStringLiteral("127.0.0.1:5001");
        remote.metrics.pending = 5;
        rig.model.setSnapshot({remote});
        rig.actions.setSelected(remote.config.name);
        QVERIFY(!rig.actions.editAction()->isEnabled());
        QVERIFY(!rig.actions.skipHeadAction()->isEnabled());
        bool asked = false;
        rig.actions.setConfirmation([&](const QString &, const QString &) {
            asked = true;
            return true;
        });
        rig.actions.purge();
        rig.actions.removeEndpoint();
        QVERIFY(!asked);
        QVERIFY(rig.messages.isEmpty());
    }

    // Pause and resume reach the engine and are said in a message; the actions follow the state.
    void pauseAndResumeReachTheEngine()
    {
        Rig rig;
        rig.add(QStringLiteral("ep"), false);
        QTRY_VERIFY(rig.row(QStringLiteral("ep")));
        rig.actions.setSelected(QStringLiteral("ep"));
        QVERIFY(rig.actions.pauseAction()->isEnabled());
        rig.actions.pauseAction()->trigger();
        QCOMPARE(rig.messages.value(0), QStringLiteral("ep: pause"));
        QTRY_COMPARE(rig.engineSide(0).state, EndpointState::Paused);
        rig.host.post([](Engine &engine) { engine.submit(makeEvents(2)); });
        QTRY_COMPARE(rig.row(QStringLiteral("ep"))->metrics.pending, 2);
        QTRY_VERIFY(rig.actions.resumeAction()->isEnabled());
        QVERIFY(!rig.actions.pauseAction()->isEnabled());
        rig.actions.resumeAction()->trigger();
        QTRY_COMPARE(rig.engineSide(0).metrics.successes, 2);
        QCOMPARE(rig.receiver.requestCount(), 2);
    }

    // Retry now is on while backing off and sends the head again without waiting out the backoff.
    void retryNowSkipsTheBackoff()
    {
        Rig rig;
        rig.receiver.setDefaultStep(FakeStep::respond(500));
        rig.host.call([&](Engine &engine) {
            EndpointConfig config;
            config.name = QStringLiteral("ep");
            config.url = rig.receiver.url().toString();
            config.threshold = 1;
            config.backoffNs = 60'000'000'000;   // nothing would happen for a minute
            engine.addEndpoint(config);
            engine.submit(makeEvents(1));
        });
        rig.actions.setSelected(QStringLiteral("ep"));
        QTRY_VERIFY(rig.actions.retryNowAction()->isEnabled());
        const int before = rig.receiver.requestCount();
        rig.receiver.setDefaultStep(FakeStep::respond(200));
        rig.actions.retryNowAction()->trigger();
        QTRY_COMPARE(rig.engineSide(0).metrics.successes, 1);
        QVERIFY(rig.receiver.requestCount() > before);
    }

    // Skip head asks first, naming the head event; declined, nothing moves; accepted, the head
    // becomes a dead letter and the rest of the queue stays.
    void skipHeadAsksFirst()
    {
        Rig rig;
        rig.add(QStringLiteral("ep"), true, 3);
        QTRY_VERIFY(rig.row(QStringLiteral("ep")) && rig.row(QStringLiteral("ep"))->metrics.pending == 3);
        rig.actions.setSelected(QStringLiteral("ep"));
        QString asked;
        rig.actions.setConfirmation([&](const QString &, const QString &text) {
            asked = text;
            return false;
        });
        rig.actions.skipHeadAction()->trigger();
        QVERIFY2(asked.contains(QStringLiteral("ev-0")), qPrintable(asked));
        QVERIFY(rig.messages.isEmpty());
        rig.actions.setConfirmation([](const QString &, const QString &) { return true; });
        rig.actions.skipHeadAction()->trigger();
        QTRY_COMPARE(rig.engineSide(0).deadLetters, 1);
        QCOMPARE(rig.engineSide(0).metrics.pending, 2);
    }

    // Purge moves the whole queue to dead letters; Replay dead letters puts them back.
    void purgeThenReplay()
    {
        Rig rig;
        rig.add(QStringLiteral("ep"), true, 3);
        QTRY_VERIFY(rig.row(QStringLiteral("ep")) && rig.row(QStringLiteral("ep"))->metrics.pending == 3);
        rig.actions.setSelected(QStringLiteral("ep"));
        QString asked;
        rig.actions.setConfirmation([&](const QString &, const QString &text) {
            asked = text;
            return true;
        });
        rig.actions.purgeAction()->trigger();
        QVERIFY2(asked.contains(QStringLiteral("all 3 pending")), qPrintable(asked));
        QTRY_COMPARE(rig.engineSide(0).deadLetters, 3);
        QCOMPARE(rig.engineSide(0).metrics.pending, 0);
        QTRY_VERIFY(rig.actions.replayAction()->isEnabled());
        QVERIFY(!rig.actions.purgeAction()->isEnabled());
        rig.actions.replayAction()->trigger();
        QTRY_COMPARE(rig.engineSide(0).metrics.pending, 3);
        QCOMPARE(rig.engineSide(0).deadLetters, 0);
    }

    // Remove says what goes with the endpoint; declined, it stays.
    void removeSaysWhatIsDiscarded()
    {
        Rig rig;
        rig.add(QStringLiteral("ep"), true, 2);
        QTRY_VERIFY(rig.row(QStringLiteral("ep")) && rig.row(QStringLiteral("ep"))->metrics.pending == 2);
        rig.actions.setSelected(QStringLiteral("ep"));
        QString asked;
        bool answer = false;
        rig.actions.setConfirmation([&](const QString &, const QString &text) {
            asked = text;
            return answer;
        });
        rig.actions.removeAction()->trigger();
        QVERIFY2(asked.contains(QStringLiteral("2 pending event(s)")), qPrintable(asked));
        answer = true;
        rig.actions.removeAction()->trigger();
        QTRY_VERIFY(rig.host.snapshot()->endpoints.isEmpty());
        QCOMPARE(rig.messages.value(0), QStringLiteral("ep removed"));
    }

    // Add opens the editor; an accepted endpoint starts in the engine. One added as disabled is
    // not started but handed to the window (which keeps it for saving).
    void addFromTheEditor()
    {
        Rig rig;
        QSignalSpy kept(&rig.actions, &EndpointActions::disabledEndpointAdded);
        const auto fill = [&](const QString &name, bool disabled) {
            QTimer::singleShot(100, &rig.window, [&rig, name, disabled] {
                auto *dialog = qobject_cast<EndpointEditorDialog *>(QApplication::activeModalWidget());
                QVERIFY(dialog);
                auto *nameEdit = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
                auto *urlEdit = dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit"));
                auto *disabledCheck = dialog->findChild<QCheckBox *>(QStringLiteral("disabledCheck"));
                QVERIFY(nameEdit && urlEdit && disabledCheck);
                nameEdit->setText(name);
                urlEdit->setText(rig.receiver.url().toString());
                disabledCheck->setChecked(disabled);
                dialog->accept();
            });
        };
        fill(QStringLiteral("fresh"), false);
        rig.actions.addEndpoint();
        QTRY_COMPARE(rig.host.snapshot()->endpoints.size(), 1);
        QCOMPARE(rig.engineSide(0).config.name, QStringLiteral("fresh"));
        QCOMPARE(rig.messages.value(0), QStringLiteral("fresh added"));

        fill(QStringLiteral("later"), true);
        rig.actions.addEndpoint();
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.first().first().value<EndpointConfig>().name, QStringLiteral("later"));
        QTest::qWait(100);
        QCOMPARE(rig.host.snapshot()->endpoints.size(), 1);
    }

    // A replay of dead letters to another endpoint says how many moved; one to an endpoint that
    // does not exist is refused by name, in a message and a (non-modal) box, and nothing moves.
    void replayToATargetOrARefusal()
    {
        Rig rig;
        rig.add(QStringLiteral("a"), true, 2);
        rig.add(QStringLiteral("b"), true);
        rig.host.call([](Engine &engine) { engine.purge(QStringLiteral("a")); });
        // Snapshots are published on their own cadence: wait until the window's copy has them.
        QTRY_COMPARE(rig.engineSide(0).deadLetters, 2);
        DeadLetterFilter all;
        all.setEndpoint(QStringLiteral("a"));
        rig.actions.replayDeadLetters(all, QStringLiteral("ghost"));
        QTRY_VERIFY(!rig.messages.isEmpty());
        QVERIFY2(rig.messages.last().contains(QStringLiteral("\"ghost\"")), qPrintable(rig.messages.last()));
        auto *box = rig.window.findChild<QMessageBox *>(QStringLiteral("replayRefusedBox"));
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("Nothing was moved")));
        box->close();
        QCOMPARE(rig.engineSide(0).deadLetters, 2);

        rig.actions.replayDeadLetters(all, QStringLiteral("b"));
        QTRY_COMPARE(rig.messages.size(), 2);
        QCOMPARE(rig.messages.last(), QStringLiteral("a: 2 dead letter(s) moved to b's queue"));
        QTRY_COMPARE(rig.engineSide(1).metrics.pending, 2);
    }
};

QTEST_MAIN(tst_EndpointActions)
#include "tst_endpointactions.moc"
