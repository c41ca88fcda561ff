#pragma once

#include "core/config/endpointconfig.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>

class QAction;
class QWidget;

namespace hookscope {

class DeadLetterFilter;
class Engine;
class EngineHost;
class EndpointTableModel;
struct EndpointSnapshot;

// The Endpoint menu for the main window, which owns one and puts its actions in the menu, the
// toolbar and the table's context menu: add, edit and remove an endpoint, and pause, resume, retry
// now, skip head, purge and replay dead letters on the selected one. Every command is a queued
// call through EngineHost, so the window never waits on the engine.
//
// The window says which endpoint is selected (setSelected()); how it is doing is read from the
// window's table model, so the actions' enabled state follows each snapshot (refresh()). A watched
// registry's rows are read-only: hookscope cannot act inside another process. What happened is
// said through message(), for the status bar.
class EndpointActions final : public QObject
{
    Q_OBJECT
public:
    // `window` parents the dialogs and owns this object; `model` is the window's endpoint table.
    EndpointActions(EngineHost &host, const EndpointTableModel &model, QWidget *window);

    QAction *addAction() const { return m_add; }
    QAction *editAction() const { return m_edit; }
    QAction *removeAction() const { return m_remove; }
    QAction *pauseAction() const { return m_pause; }
    QAction *resumeAction() const { return m_resume; }
    QAction *retryNowAction() const { return m_retryNow; }
    QAction *skipHeadAction() const { return m_skipHead; }
    QAction *purgeAction() const { return m_purge; }
    QAction *replayAction() const { return m_replay; }
    // Pause, resume, retry now, skip head, purge, replay: the commands on the selected endpoint's
    // queue, in menu order.
    QList<QAction *> queueActions() const;

    // The endpoint the commands act on (a row name of the model); empty: none.
    void setSelected(const QString &name);
    QString selected() const { return m_selected; }
    // Enables what the selected endpoint allows now; after each snapshot.
    void refresh();

    // Asks the operator before events move to dead letters or an endpoint goes; tests replace it.
    using Confirmation = std::function<bool(const QString &title, const QString &text)>;
    void setConfirmation(Confirmation confirmation) { m_confirm = std::move(confirmation); }

    void addEndpoint();      // the editor, then the engine
    void editEndpoint();     // the editor on the selected endpoint; its queue is kept
    void removeEndpoint();   // asks first: what it still holds goes with it
    void skipHead();         // asks first
    void purge();            // asks first
    // Sends a confirmed replay of dead letters to the engine; the outcome (how many moved, or why
    // none did) is said in message(), a refusal also in a message box.
    void replayDeadLetters(const DeadLetterFilter &filter, const QString &target);

Q_SIGNALS:
    void message(const QString &text, int timeoutMs);
    // Added from the editor as disabled: never started (the registry skips those too), but the
    // window keeps it so that saving the configuration keeps it.
    void disabledEndpointAdded(const hookscope::EndpointConfig &config);

private:
    void buildEndpointActions();
    void buildQueueActions();
    const EndpointSnapshot *current() const;   // the selected endpoint, if it is this process's
    QStringList existingNames() const;
    void command(const QString &what, std::function<void(Engine &, const QString &)> action);

    EngineHost &m_host;
    const EndpointTableModel &m_model;
    QWidget *m_window;
    QString m_selected;
    Confirmation m_confirm;

    QAction *m_add = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_resume = nullptr;
    QAction *m_retryNow = nullptr;
    QAction *m_skipHead = nullptr;
    QAction *m_purge = nullptr;
    QAction *m_replay = nullptr;
};

} // namespace hookscope
