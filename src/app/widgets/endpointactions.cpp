#include "app/widgets/endpointactions.h"

#include "app/models/endpointtablemodel.h"
#include "app/widgets/endpointeditordialog.h"
#include "app/widgets/shortcutaction.h"
#include "core/engine/deadletterfilter.h"
#include "core/engine/engine.h"
#include "core/engine/enginehost.h"

#include <QAction>
#include <QKeySequence>
#include <QMessageBox>
#include <QWidget>

namespace hookscope {

EndpointActions::EndpointActions(EngineHost &host, const EndpointTableModel &model, QWidget *window)
    : QObject(window)
    , m_host(host)
    , m_model(model)
    , m_window(window)
    , m_confirm([window](const QString &title, const QString &text) {
        return QMessageBox::question(window, title, text) == QMessageBox::Yes;
    })
{
    buildEndpointActions();
    buildQueueActions();
    refresh();
}

void EndpointActions::buildEndpointActions()
{
    m_add = shortcutAction(tr("&Add…"), QStringLiteral("Ctrl+N"),
        tr("Add an endpoint; it starts at once and gets events from now on (Ctrl+N)"), this);
    m_edit = new QAction(tr("&Edit…"), this);
    m_edit->setShortcuts({QKeySequence(QStringLiteral("Ctrl+E")), QKeySequence(Qt::Key_F2)});
    m_edit->setToolTip(tr("Change URL, headers, timeouts, retry policy or filters; the queue is kept (Ctrl+E)"));
    m_remove = shortcutAction(tr("Re&move…"), QStringLiteral("Ctrl+Del"), QString(), this);
    connect(m_add, &QAction::triggered, this, &EndpointActions::addEndpoint);
    connect(m_edit, &QAction::triggered, this, &EndpointActions::editEndpoint);
    connect(m_remove, &QAction::triggered, this, &EndpointActions::removeEndpoint);
}

void EndpointActions::buildQueueActions()
{
    m_pause = shortcutAction(tr("&Pause"), QStringLiteral("Ctrl+P"),
                             tr("Stop delivering; events keep queueing (Ctrl+P)"), this);
    m_resume = shortcutAction(tr("Res&ume"), QStringLiteral("Ctrl+Shift+P"),
                              tr("Deliver again from the head of the queue (Ctrl+Shift+P)"), this);
    m_retryNow = shortcutAction(tr("&Retry now"), QStringLiteral("Ctrl+R"),
                                tr("Skip the backoff wait and attempt the head event now (Ctrl+R)"), this);
    m_skipHead = shortcutAction(tr("S&kip head"), QStringLiteral("Ctrl+K"),
                                tr("Move the blocking head event to dead letters (Ctrl+K)"), this);
    m_purge = shortcutAction(tr("Pur&ge queue…"), QStringLiteral("Ctrl+Shift+Del"),
                             tr("Move every pending event to dead letters (Ctrl+Shift+Del)"), this);
    m_replay = shortcutAction(tr("Replay &dead letters"), QStringLiteral("Ctrl+Shift+R"),
                              tr("Put every dead letter back at the tail of the queue (Ctrl+Shift+R)"), this);

    connect(m_pause, &QAction::triggered, this, [this] {
        command(tr("pause"), [](Engine &engine, const QString &name) { engine.pause(name); });
    });
    connect(m_resume, &QAction::triggered, this, [this] {
        command(tr("resume"), [](Engine &engine, const QString &name) { engine.resume(name); });
    });
    connect(m_retryNow, &QAction::triggered, this, [this] {
        command(tr("retry now"), [](Engine &engine, const QString &name) { engine.retryNow(name); });
    });
    connect(m_skipHead, &QAction::triggered, this, &EndpointActions::skipHead);
    connect(m_purge, &QAction::triggered, this, &EndpointActions::purge);
    connect(m_replay, &QAction::triggered, this, [this] {
        command(tr("replay"), [](Engine &engine, const QString &name) { engine.replayDeadLetters(name); });
    });
}

QList<QAction *> EndpointActions::queueActions() const
{
    return {m_pause, m_resume, m_retryNow, m_skipHead, m_purge, m_replay};
}

void EndpointActions::setSelected(const QString &name)
{
    m_selected = name;
    refresh();
}

const EndpointSnapshot *EndpointActions::current() const
{
    const EndpointSnapshot *e = m_model.endpointAt(m_model.rowOf(m_selected));
    return e && !e->isRemote() ? e : nullptr;
}

void EndpointActions::refresh()
{
    const EndpointSnapshot *e = current();
    const bool has = e != nullptr;
    const bool paused = has && e->state == EndpointState::Paused;
    m_pause->setEnabled(has && !paused);
    m_resume->setEnabled(paused);
    m_retryNow->setEnabled(has && e->state == EndpointState::BackingOff);
    m_skipHead->setEnabled(has && e->metrics.pending > 0);
    m_purge->setEnabled(has && e->metrics.pending > 0);
    m_replay->setEnabled(has && e->deadLetters > 0);
    m_edit->setEnabled(has);
    m_remove->setEnabled(has);
}

void EndpointActions::command(const QString &what, std::function<void(Engine &, const QString &)> action)
{
    if (!current())
        return;
    const QString name = m_selected;
    m_host.post([name, action](Engine &engine) { action(engine, name); });
    Q_EMIT message(tr("%1: %2").arg(name, what), 3000);
}

void EndpointActions::skipHead()
{
    const EndpointSnapshot *e = current();
    if (!e || e->metrics.pending == 0)
        return;
    const QString text = tr("Move the head event %1 of \"%2\" (attempt %3) to dead letters?\n"
                            "1 event leaves the queue; you can replay it from Dead letters.")
                             .arg(QString::fromUtf8(e->headEventId), e->config.name)
                             .arg(e->headAttempts);
    if (m_confirm(tr("Skip head event"), text))
        command(tr("skip head"), [](Engine &engine, const QString &name) { engine.skipHead(name); });
}

void EndpointActions::purge()
{
    const EndpointSnapshot *e = current();
    if (!e || e->metrics.pending == 0)
        return;
    const QString text = tr("Move all %1 pending event(s) of \"%2\" to dead letters?\n"
                            "You can replay them from Dead letters.")
                             .arg(e->metrics.pending)
                             .arg(e->config.name);
    if (m_confirm(tr("Purge queue"), text))
        command(tr("purge"), [](Engine &engine, const QString &name) { engine.purge(name); });
}

QStringList EndpointActions::existingNames() const
{
    QStringList names;
    for (int row = 0; row < m_model.rowCount(); ++row)
        names.append(m_model.endpointAt(row)->config.name);
    return names;
}

void EndpointActions::addEndpoint()
{
    EndpointEditorDialog dialog(m_window);
    dialog.setMode(EndpointEditorDialog::Add);
    dialog.setExistingNames(existingNames());
    if (dialog.exec() != QDialog::Accepted)
        return;
    const EndpointConfig config = dialog.config();
    if (config.disabled) {
        Q_EMIT disabledEndpointAdded(config);
        Q_EMIT message(tr("%1 is disabled: not started").arg(config.name), 5000);
        return;
    }
    m_host.post([config](Engine &engine) { engine.addEndpoint(config); });
    Q_EMIT message(tr("%1 added").arg(config.name), 3000);
}

void EndpointActions::editEndpoint()
{
    const EndpointSnapshot *e = current();
    if (!e)
        return;
    // A copy: the dialog runs an event loop, in which a snapshot can replace the model's rows.
    const EndpointConfig before = e->config;
    EndpointEditorDialog dialog(m_window);
    dialog.setMode(EndpointEditorDialog::Edit);
    dialog.setExistingNames(existingNames());
    dialog.setConfig(before);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString name = before.name;
    const EndpointConfig edited = dialog.config();
    m_host.post([name, edited](Engine &engine) { engine.updateEndpoint(name, edited); });
    Q_EMIT message(tr("%1 updated; the next attempt uses the new settings").arg(edited.name), 5000);
}

void EndpointActions::removeEndpoint()
{
    const EndpointSnapshot *e = current();
    if (!e)
        return;
    const QString name = e->config.name;
    QString text = tr("Remove endpoint \"%1\"?").arg(name);
    if (e->metrics.pending > 0 || e->deadLetters > 0)
        text += tr("\n%1 pending event(s) and %2 dead letter(s) are discarded with it; export them first "
                   "(Queue → Export pending, Dead letters → Export) to keep them.")
                    .arg(e->metrics.pending)
                    .arg(e->deadLetters);
    if (!m_confirm(tr("Remove endpoint"), text))
        return;
    m_host.post([name](Engine &engine) { engine.removeEndpoint(name); });
    Q_EMIT message(tr("%1 removed").arg(name), 3000);
}

void EndpointActions::replayDeadLetters(const DeadLetterFilter &filter, const QString &target)
{
    const QString source = filter.endpoint();
    m_host.moveDeadLetters(filter, target, this, [this, source, target](qsizetype moved, const QString &error) {
        if (moved < 0) {
            Q_EMIT message(error, 10000);
            // Not modal: the answer arrives later, while the operator may be doing something else.
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Replay dead letters"),
                                        tr("%1\n\nNothing was moved.").arg(error), QMessageBox::Close, m_window);
            box->setObjectName(QStringLiteral("replayRefusedBox"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->setModal(false);
            box->show();
            return;
        }
        Q_EMIT message(source == target
                           ? tr("%1: %2 dead letter(s) back in the queue").arg(source).arg(moved)
                           : tr("%1: %2 dead letter(s) moved to %3's queue").arg(source).arg(moved).arg(target),
                       5000);
    });
}

} // namespace hookscope
