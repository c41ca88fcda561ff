#include "core/engine/engine.h"
#include "core/engine/enginehost.h"
#include "app/widgets/eventcomposerdialog.h"
#include "fixtures.h"
#include "sources/registrywatcher.h"
#include "app/widgets/replaydialog.h"
#include "app/widgets/sourceactions.h"

#include <QAction>
#include <QApplication>
#include <QInputDialog>
#include <QMessageBox>
#include <QTimer>
#include <QTest>
#include <QWidget>

using namespace hookscope;
using namespace Qt::StringLiterals;

namespace {
// Answers the next modal dialog of type T when it is up (QInputDialog::getText and
// QMessageBox::warning block in their own event loops, where this timer still runs).
template<typename T, typename Answer>
void answerModal(QObject *context, Answer answer)
{
    auto *timer = new QTimer(context);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, context, [timer, answer] {
        if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget())) {
            timer->deleteLater();
            timer->stop();
            answer(dialog);
        }
    });
    timer->start();
}
} // namespace

// The File menu's watch, composer and replay: another registry's queues beside ours, and events
// that reach the running engine like any source.
class tst_SourceActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The address typed into the dialog is watched; a bad one is refused in a box that names it,
    // and nothing is added.
    void watchAddsTheTypedRegistry()
    {
        EngineHost host;
        QWidget window;
        RegistryWatcher watcher;
        watcher.setInterval(60'000);   // nothing answers there; the test looks at the list only
        SourceActions actions(host, &watcher, &window);
        QString warning;
        answerModal<QInputDialog>(this, [](QInputDialog *input) {
            input->setTextValue(QStringLiteral("127.0.0.1:5001"));
            input->accept();
        });
        actions.watchAction()->trigger();
        QCOMPARE(watcher.registries(), QStringList{QStringLiteral("127.0.0.1:5001")});

        answerModal<QInputDialog>(this, [](QInputDialog *input) {
            input->setTextValue(QStringLiteral("not an address"));
            input->accept();
        });
        answerModal<QMessageBox>(this, [&warning](QMessageBox *box) {
            warning = box->text();
            box->accept();
        });
        actions.watchAction()->trigger();
        QVERIFY2(warning.contains(QStringLiteral("not an address")), qPrintable(warning));
        QCOMPARE(watcher.registries().size(), 1);
        host.shutdown(0);
    }

    void composedEventReachesTheEngine()
    {
        EngineHost host;
        host.start(20);
        QWidget window;
        RegistryWatcher watcher;
        SourceActions actions(host, &watcher, &window);
        actions.composeAction()->trigger();
        auto *dialog = window.findChild<EventComposerDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->send());
        QTRY_COMPARE(host.snapshot()->eventsIn, 1);
        QVERIFY(dialog->send());   // again: a repeat, as the dialog says
        QTRY_COMPARE(host.snapshot()->eventsIn, 2);
        host.shutdown(0);
    }

    void replayReachesTheEngine()
    {
        EngineHost host;
        host.start(20);
        QWidget window;
        RegistryWatcher watcher;
        SourceActions actions(host, &watcher, &window);
        actions.replayAction()->trigger();
        auto *dialog = window.findChild<ReplayDialog *>();
        QVERIFY(dialog);
        dialog->setPaths({fixtures::path(u"events-default-config"_s)});
        const int events = dialog->start();
        QCOMPARE(events, int(fixtures::list(u"events-default-config"_s, {u"*.json"_s}).size()));
        QTRY_COMPARE(host.snapshot()->eventsIn, events);
        host.shutdown(0);
    }
};

QTEST_MAIN(tst_SourceActions)
#include "tst_sourceactions.moc"
