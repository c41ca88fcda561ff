#pragma once

#include "config/appconfig.h"
#include "config/configdiagnostic.h"
#include "config/configsourcemap.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>

namespace hookscope {

struct ConfigLoadResult
{
    AppConfig config;           // meaningful only when errors is empty
    ConfigDiagnostics errors;   // any error: the configuration is refused (CLI exit code 2)
    ConfigDiagnostics warnings; // loads and runs, but look at these
    ConfigSourceMap source;     // where each key was written (for the UI and the lint)

    bool ok() const { return errors.isEmpty(); }
};

// Reads a configuration file: the registry's config.yml as-is (its `notifications:` section, read
// the way registry 2.8.2 reads it with gopkg.in/yaml.v2) plus hookscope's optional `hookscope:`
// section and per-endpoint extension keys. Other registry sections are ignored.
//
// `environment` supplies the registry's overrides: REGISTRY_NOTIFICATIONS (whole section),
// REGISTRY_NOTIFICATIONS_ENDPOINTS (the endpoint list as YAML), REGISTRY_NOTIFICATIONS_EVENTCONFIG
// and REGISTRY_NOTIFICATIONS_EVENTCONFIG_INCLUDEREFERENCES (the registry matches Go field names,
// so it is EVENTCONFIG, not EVENTS). The default is no overrides; the CLI passes
// QProcessEnvironment::systemEnvironment() to behave like the registry.
class ConfigLoader
{
public:
    static ConfigLoadResult loadFile(const QString &path, const QProcessEnvironment &environment
                                                          = QProcessEnvironment());
    static ConfigLoadResult loadString(const QByteArray &yaml, const QString &sourceName,
                                       const QProcessEnvironment &environment
                                       = QProcessEnvironment());
};

} // namespace hookscope
