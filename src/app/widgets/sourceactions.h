#pragma once

#include <QObject>

class QAction;
class QWidget;

namespace hookscope {

class EngineHost;
class RegistryWatcher;

// File → Watch a registry…, Compose event… and Replay…: other registries' queues beside ours, and
// hand-made and captured events into the running engine. The main window owns one and puts its
// actions in the File menu; the dialogs reach the engine through EngineHost like every other source.
class SourceActions final : public QObject
{
    Q_OBJECT
public:
    SourceActions(EngineHost &host, RegistryWatcher *watcher, QWidget *window);

    QAction *watchAction() const { return m_watch; }
    QAction *composeAction() const { return m_compose; }
    QAction *replayAction() const { return m_replay; }

    // Asks for a registry's debug address and adds it to the watcher; a bad one is said in a box.
    void watchRegistry();
    void openComposer();
    void openReplay();

private:
    EngineHost &m_host;
    RegistryWatcher *m_watcher;
    QWidget *m_window;
    QAction *m_watch;
    QAction *m_compose;
    QAction *m_replay;
};

} // namespace hookscope
