#pragma once

#include "core/config/appconfig.h"

#include <QObject>
#include <QString>
#include <QStringList>

class QAction;
class QWidget;

namespace hookscope {

// Open / Save / Save As for the main window, which owns one and puts the three actions in its
// menus and toolbar. Nothing here touches the engine: a good file is handed out by configOpened()
// and the window applies it; a file with errors is shown in a dialog and nothing is applied.
//
// Saving: saveRequested() is emitted first, synchronously, so a receiver can call
// setCurrentConfig() with the engine's latest state; then that configuration is written. A file
// holding other registry sections (storage:, http:, ...) is only replaced after the user confirms
// (see ConfigFile). The last directory used is remembered in QSettings.
class ConfigActions final : public QObject
{
    Q_OBJECT
public:
    // `window` parents the dialogs and owns this object.
    explicit ConfigActions(QWidget *window);

    QAction *openAction() const { return m_openAction; }
    QAction *saveAction() const { return m_saveAction; }
    QAction *saveAsAction() const { return m_saveAsAction; }

    void setCurrentConfig(const AppConfig &config);
    AppConfig currentConfig() const { return m_config; }
    // The file Save writes to; empty until a file was opened or saved.
    QString currentPath() const { return m_path; }
    void setCurrentPath(const QString &path);

    static QString lastDirectory();

public Q_SLOTS:
    void open();   // file dialog, then openFile()
    void save();   // to currentPath(), or Save As when there is none
    void saveAs(); // file dialog, then saveFile()

    // Without dialogs for the file name (tests, recent files, drag and drop). Errors are still
    // shown in a (window-modal, non-blocking) message box and reported by the signals below.
    bool openFile(const QString &path);
    bool saveFile(const QString &path);

Q_SIGNALS:
    void configOpened(const AppConfig &config);
    void openFailed(const QString &path, const QStringList &errors);
    // The file loaded but has findings; also shown in a box that does not block (configNotesBox).
    void warningsReported(const QString &path, const QStringList &warnings);
    void saveRequested();
    void saved(const QString &path);
    void saveFailed(const QString &path, const QString &error);
    void currentPathChanged(const QString &path);

private:
    void rememberDirectory(const QString &path);
    void showProblem(const QString &title, const QString &text, const QStringList &details);
    void showNotes(const QString &path, const QStringList &warnings);
    bool confirmDroppingSections(const QString &path, const QStringList &sections);

    QWidget *m_window;
    QAction *m_openAction;
    QAction *m_saveAction;
    QAction *m_saveAsAction;
    AppConfig m_config;
    QString m_path;
};

} // namespace hookscope
