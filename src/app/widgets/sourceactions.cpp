#include "app/widgets/sourceactions.h"

#include "core/engine/engine.h"
#include "core/engine/enginehost.h"
#include "app/widgets/eventcomposerdialog.h"
#include "app/widgets/replaydialog.h"
#include "app/widgets/shortcutaction.h"
#include "sources/registrywatcher.h"

#include <QAction>
#include <QInputDialog>
#include <QMessageBox>
#include <QWidget>

namespace hookscope {

namespace {

// The GUI's replays run on the engine thread under this name; a new replay replaces the last.
const char ReplayerName[] = "gui-replay";

} // namespace

SourceActions::SourceActions(EngineHost &host, RegistryWatcher *watcher, QWidget *window)
    : QObject(window)
    , m_host(host)
    , m_watcher(watcher)
    , m_window(window)
    , m_watch(new QAction(tr("&Watch a registry…"), this))
    , m_compose(shortcutAction(tr("&Compose event…"), QStringLiteral("Ctrl+Shift+E"),
                               tr("Write one event in a JSON editor and send it to every endpoint"), this))
    , m_replay(new QAction(tr("&Replay…"), this))
{
    m_watch->setToolTip(tr("Show another registry's notification queues from its debug address (/debug/vars)"));
    connect(m_watch, &QAction::triggered, this, &SourceActions::watchRegistry);
    m_replay->setToolTip(tr("Publish envelopes from files or a folder (fixture format, NDJSON)"));
    connect(m_compose, &QAction::triggered, this, &SourceActions::openComposer);
    connect(m_replay, &QAction::triggered, this, &SourceActions::openReplay);
}

void SourceActions::watchRegistry()
{
    bool ok = false;
    const QString address = QInputDialog::getText(
        m_window, tr("Watch a registry"),
        tr("The registry's debug address (its http.debug.addr), e.g. 127.0.0.1:5001.\n"
           "hookscope polls /debug/vars (or /metrics for registry v3) every second."),
        QLineEdit::Normal, QString(), &ok);
    if (!ok || address.trimmed().isEmpty())
        return;
    QString error;
    if (!m_watcher->addRegistry(address, &error))
        QMessageBox::warning(m_window, tr("Watch a registry"), error);
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
