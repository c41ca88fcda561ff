#include "app/widgets/windowlayoutsettings.h"

#include <QMainWindow>
#include <QSettings>

namespace hookscope {

WindowLayoutSettings::WindowLayoutSettings(QMainWindow *window, const QString &group, int defaultWidth,
                                           int defaultHeight)
    : m_window(window)
    , m_group(group)
    , m_defaultWidth(defaultWidth)
    , m_defaultHeight(defaultHeight)
{
}

void WindowLayoutSettings::restore() const
{
    const QSettings settings;
    if (!m_window->restoreGeometry(settings.value(key(QStringLiteral("geometry"))).toByteArray()))
        m_window->resize(m_defaultWidth, m_defaultHeight);
    m_window->restoreState(settings.value(key(QStringLiteral("state"))).toByteArray());
    for (const Part &part : m_parts)
        part.restore(settings.value(key(part.key)).toByteArray());
}

void WindowLayoutSettings::save() const
{
    QSettings settings;
    settings.setValue(key(QStringLiteral("geometry")), m_window->saveGeometry());
    settings.setValue(key(QStringLiteral("state")), m_window->saveState());
    for (const Part &part : m_parts)
        settings.setValue(key(part.key), part.save());
}

} // namespace hookscope
