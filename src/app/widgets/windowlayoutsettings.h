#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

class QMainWindow;

namespace hookscope {

// Remembers how the operator arranged a window (geometry, docks and toolbars, splitters, column
// widths and sort order) in QSettings under one group, and puts it back on the next start. A
// window with nothing saved yet gets its default size; a saved state that no longer fits (a
// splitter or column added since) is ignored by Qt's restoreState, never misapplied.
class WindowLayoutSettings final
{
public:
    WindowLayoutSettings(QMainWindow *window, const QString &group, int defaultWidth, int defaultHeight);

    // Anything with saveState()/restoreState(const QByteArray &), such as QSplitter or QHeaderView.
    template<typename Part>
    void track(const QString &key, Part *part)
    {
        m_parts.append({key, [part] { return part->saveState(); },
                        [part](const QByteArray &state) { part->restoreState(state); }});
    }

    void restore() const;
    void save() const;

private:
    struct Part
    {
        QString key;
        std::function<QByteArray()> save;
        std::function<void(const QByteArray &)> restore;
    };

    QString key(const QString &name) const { return m_group + QLatin1Char('/') + name; }

    QMainWindow *m_window;
    QString m_group;
    int m_defaultWidth;
    int m_defaultHeight;
    QList<Part> m_parts;
};

} // namespace hookscope
