#include "core/engine/engine.h"
#include "core/engine/enginehost.h"
#include "app/widgets/eventcomposerdialog.h"
#include "fixtures.h"
#include "app/widgets/replaydialog.h"
#include "app/widgets/sourceactions.h"

#include <QAction>
#include <QTest>
#include <QWidget>

using namespace hookscope;
using namespace Qt::StringLiterals;

// The File menu's composer and replay reach the running engine like any source.
class tst_SourceActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void composedEventReachesTheEngine()
    {
        EngineHost host;
        host.start(20);
        QWidget window;
        SourceActions actions(host, &window);
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
        SourceActions actions(host, &window);
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
