#include "app/widgets/sourceactions.h"

#include "core/engine/engine.h"
#include "core/engine/enginehost.h"
#include "app/widgets/eventcomposerdialog.h"
#include "app/widgets/replaydialog.h"
#include "app/widgets/shortcutaction.h"

#include <QAction>
#include <QWidget>

namespace hookscope {

namespace {

// The GUI's replays run on the engine thread under this name; a new replay replaces the last.
const char ReplayerName[] = "gui-replay";

} // namespace

SourceActions::SourceActions(EngineHost &host, QWidget *window)
    : QObject(window)
    , m_host(host)
    , m_window(window)
    , m_compose(shortcutAction(tr("&Compose event…"), QStringLiteral("Ctrl+Shift+E"),
                               tr("Write one event in a JSON editor and send it to every endpoint"), this))
    , m_replay(new QAction(tr("&Replay…"), this))
{
    m_replay->setToolTip(tr("Publish envelopes from files or a folder (fixture format, NDJSON)"));
    connect(m_compose, &QAction::triggered, this, &SourceActions::openComposer);
    connect(m_replay, &QAction::triggered, this, &SourceActions::openReplay);
}

void SourceActions::openComposer()
{
    auto *dialog = new EventComposerDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // One short call per click: the engine answers within one slice of its work, and the dialog
    // can then say whether the event was taken.
    dialog->setSend([this](const EventBlock &events, QString *error) {
        bool ok = false;
        m_host.call([&](Engine &engine) { ok = engine.submit(events, error); });
        return ok;
    });
    dialog->show();
}

void SourceActions::openReplay()
{
    auto *dialog = new ReplayDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setPublish([this](const QList<ReplayEnvelope> &envelopes, Replayer::Pace pace) {
        m_host.post([envelopes, pace](Engine &engine) {
            auto *replayer = engine.findChild<Replayer *>(QLatin1String(ReplayerName), Qt::FindDirectChildrenOnly);
            if (!replayer) {
                replayer = new Replayer(&engine);
                replayer->setObjectName(QLatin1String(ReplayerName));
            }
            Engine *target = &engine;
            replayer->start(envelopes, pace, [target](const EventBlock &events) { return target->submit(events); });
        });
    });
    dialog->show();
}

} // namespace hookscope
