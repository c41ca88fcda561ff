#include "app/widgets/shortcutaction.h"

#include <QAction>

namespace hookscope {

QAction *shortcutAction(const QString &text, const QKeySequence &shortcut, const QString &tip,
                        QObject *parent)
{
    auto *action = new QAction(text, parent);
    action->setShortcut(shortcut);
    if (!tip.isEmpty())
        action->setToolTip(tip);
    return action;
}

} // namespace hookscope
