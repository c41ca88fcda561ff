#pragma once

#include <QObject>

class QAction;
class QWidget;

namespace hookscope {

class EngineHost;

// File → Compose event… and File → Replay…: hand-made and captured events into the running engine.
// The main window owns one and puts its actions in the File menu; the dialogs reach the engine
// through EngineHost like every other source.
class SourceActions final : public QObject
{
    Q_OBJECT
public:
    SourceActions(EngineHost &host, QWidget *window);

    QAction *composeAction() const { return m_compose; }
    QAction *replayAction() const { return m_replay; }

    void openComposer();
    void openReplay();

private:
    EngineHost &m_host;
    QWidget *m_window;
    QAction *m_compose;
    QAction *m_replay;
};

} // namespace hookscope
