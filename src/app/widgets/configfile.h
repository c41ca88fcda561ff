#pragma once

#include "core/config/appconfig.h"

#include <QString>
#include <QStringList>

namespace hookscope {

struct ConfigFileResult
{
    AppConfig config;    // default-constructed unless ok(): nothing half-read is ever handed out
    QStringList errors;  // "file:line:column: message"; any error means the file was refused
    QStringList warnings; // same form; the file loads, but look at these

    bool ok() const { return errors.isEmpty(); }
};

// Opening and saving configuration files for the GUI, over core's ConfigLoader and ConfigWriter.
// No widgets here (headless-testable); the dialogs live in ConfigActions.
//
// Saving over an existing YAML file edits that file's text when only its endpoints changed
// (ConfigPatcher): comments, order and other registry sections (storage:, http: ...) stay. When
// that is not possible (other settings changed too, a layout it does not edit), ConfigWriter
// writes a notifications file (plus hookscope:, and the old file's opening and closing comment
// blocks), not a whole registry config; rather than silently dropping a registry's other sections
// then, save() refuses to overwrite such a file unless told to (Overwrite::DropOtherSections, which
// always writes anew); otherSections() lets the caller ask the user first. The usual answer is
// "Save As" a separate file.
class ConfigFile
{
public:
    enum class Overwrite { RefuseIfOtherSections, DropOtherSections };

    // Loads `path` with the process environment's REGISTRY_NOTIFICATIONS* overrides applied, as
    // the registry and the CLI do.
    static ConfigFileResult open(const QString &path);

    // Writes atomically (QSaveFile: a failed save leaves the old file as it was). On failure
    // returns false and sets *error to a sentence naming the file and the reason.
    static bool save(const QString &path, const AppConfig &config, QString *error,
                     Overwrite overwrite = Overwrite::RefuseIfOtherSections);

    // Top-level sections of the file at `path` that a save would not keep (storage, http, ...),
    // in file order. Empty when the file does not exist or holds only notifications, hookscope
    // and version.
    static QStringList otherSections(const QString &path);
};

} // namespace hookscope
