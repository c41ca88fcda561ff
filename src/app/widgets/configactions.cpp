#include "app/widgets/configactions.h"

#include "app/widgets/configfile.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QWidget>

namespace hookscope {

namespace {

const char kLastDirectoryKey[] = "configFiles/lastDirectory";
constexpr int kErrorsInText = 8; // the rest go to "Show Details..."

QString fileFilter()
{
    return ConfigActions::tr("YAML configuration (*.yml *.yaml);;All files (*)");
}

} // namespace

ConfigActions::ConfigActions(QWidget *window)
    : QObject(window)
    , m_window(window)
    , m_openAction(new QAction(tr("&Open Configuration..."), this))
    , m_saveAction(new QAction(tr("&Save Configuration"), this))
    , m_saveAsAction(new QAction(tr("Save Configuration &As..."), this))
{
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(tr("Load endpoints from a registry config.yml or a hookscope file"));
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setStatusTip(tr("Write the current endpoints back to the configuration file"));
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    m_saveAsAction->setStatusTip(tr("Write the current endpoints to a new file"));
    connect(m_openAction, &QAction::triggered, this, &ConfigActions::open);
    connect(m_saveAction, &QAction::triggered, this, &ConfigActions::save);
    connect(m_saveAsAction, &QAction::triggered, this, &ConfigActions::saveAs);
}

void ConfigActions::setCurrentConfig(const AppConfig &config)
{
    m_config = config;
}

void ConfigActions::setCurrentPath(const QString &path)
{
    if (path == m_path)
        return;
    m_path = path;
    Q_EMIT currentPathChanged(m_path);
}

QString ConfigActions::lastDirectory()
{
    const QString stored = QSettings().value(QLatin1String(kLastDirectoryKey)).toString();
    if (!stored.isEmpty() && QFileInfo(stored).isDir())
        return stored;
    return QStandardPaths::writableLocation(QStandardPaths::HomeLocation);
}

void ConfigActions::rememberDirectory(const QString &path)
{
    QSettings().setValue(QLatin1String(kLastDirectoryKey), QFileInfo(path).absolutePath());
}

void ConfigActions::open()
{
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Configuration"),
                                                      lastDirectory(), fileFilter());
    if (!path.isEmpty())
        openFile(path);
}

bool ConfigActions::openFile(const QString &path)
{
    rememberDirectory(path);
    const ConfigFileResult result = ConfigFile::open(path);
    if (!result.ok()) {
        showProblem(tr("Configuration not loaded"),
                    tr("%1 has %n error(s); nothing was changed.", nullptr,
                       int(result.errors.size()))
                        .arg(QDir::toNativeSeparators(path)),
                    result.errors);
        Q_EMIT openFailed(path, result.errors);
        return false;
    }
    setCurrentConfig(result.config);
    setCurrentPath(path);
    Q_EMIT configOpened(result.config);
    if (!result.warnings.isEmpty()) {
        Q_EMIT warningsReported(path, result.warnings);
        showNotes(path, result.warnings);
    }
    return true;
}

void ConfigActions::showNotes(const QString &path, const QStringList &warnings)
{
    // The lint explains each finding in the registry's terms; show them all, without blocking.
    auto *box = new QMessageBox(QMessageBox::Information, tr("Configuration notes"),
                                tr("%1 loaded with %n note(s) from the lint.", nullptr, int(warnings.size()))
                                    .arg(QDir::toNativeSeparators(path)),
                                QMessageBox::Close, m_window);
    box->setObjectName(QStringLiteral("configNotesBox"));
    box->setDetailedText(warnings.join(QLatin1Char('\n')));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

void ConfigActions::save()
{
    if (m_path.isEmpty())
        saveAs();
    else
        saveFile(m_path);
}

void ConfigActions::saveAs()
{
    const QString start = m_path.isEmpty()
                              ? QString(lastDirectory() + QStringLiteral("/hookscope.yml"))
                              : m_path;
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Save Configuration As"), start,
                                                      fileFilter());
    if (!path.isEmpty())
        saveFile(path);
}

bool ConfigActions::saveFile(const QString &path)
{
    Q_EMIT saveRequested(); // receivers refresh m_config through setCurrentConfig()
    QString error;
    bool ok = ConfigFile::save(path, m_config, &error);
    if (!ok) {
        const QStringList others = ConfigFile::otherSections(path);
        if (!others.isEmpty() && confirmDroppingSections(path, others))
            ok = ConfigFile::save(path, m_config, &error, ConfigFile::Overwrite::DropOtherSections);
        else if (!others.isEmpty())
            return false; // the user chose to keep the file; nothing to report
    }
    if (!ok) {
        showProblem(tr("Configuration not saved"), error, {});
        Q_EMIT saveFailed(path, error);
        return false;
    }
    rememberDirectory(path);
    setCurrentPath(path);
    Q_EMIT saved(path);
    return true;
}

bool ConfigActions::confirmDroppingSections(const QString &path, const QStringList &sections)
{
    // Blocking on purpose: the answer decides whether a registry's settings are deleted.
    QMessageBox box(QMessageBox::Warning, tr("Replace registry configuration?"),
                    tr("%1 is a registry configuration with these sections besides "
                       "notifications: %2.\n\nhookscope writes only the notifications "
                       "settings, so replacing the file removes them. Save to a separate file "
                       "to keep them.")
                        .arg(QDir::toNativeSeparators(path), sections.join(QStringLiteral(", "))),
                    QMessageBox::Cancel, m_window);
    QPushButton *replace = box.addButton(tr("&Replace File"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == replace;
}

void ConfigActions::showProblem(const QString &title, const QString &text,
                                const QStringList &details)
{
    // open(), not exec(): window-modal without a nested event loop, so the engine's snapshots keep
    // flowing and nothing re-enters this object while the box is up.
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("configProblemBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (!details.isEmpty()) {
        QStringList shown = details.mid(0, kErrorsInText);
        if (details.size() > kErrorsInText)
            shown.append(tr("... and %n more.", nullptr, int(details.size() - kErrorsInText)));
        box->setInformativeText(shown.join(QLatin1Char('\n')));
        box->setDetailedText(details.join(QLatin1Char('\n')));
    }
    box->open();
}

} // namespace hookscope
