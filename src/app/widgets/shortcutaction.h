#pragma once

#include <QKeySequence>
#include <QString>

class QAction;
class QObject;

namespace hookscope {

// The window's commands (endpoint, queue and source actions) are each an action with a label, one
// keyboard shortcut and a tooltip that names the shortcut; made in one place so every command is
// built alike. An empty `tip` leaves the tooltip at Qt's default (the label).
QAction *shortcutAction(const QString &text, const QKeySequence &shortcut, const QString &tip,
                        QObject *parent);

} // namespace hookscope
