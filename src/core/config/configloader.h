#pragma once

#include "core/config/appconfig.h"
#include "core/config/configdiagnostic.h"
#include "core/config/configsourcemap.h"

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
// hookscope's keys (all optional; the registry ignores unknown endpoint keys, so such a file still
// runs in the registry; unknown keys under hookscope: or in an endpoint are warnings):
//
//   hookscope:
//     ingest:  {listen: 127.0.0.1:5050, token: s3cret, bodylimit: 4194304, timeout: 10s}
//     admin:   {listen: 127.0.0.1:5051}
//     journal: /path/to/queue.db
//   notifications:
//     endpoints:
//       - name: x
//         url: http://...
//         retry: {policy: breaker|exponential, base: 1s, factor: 1s, max: 20s,
//                 maxattempts: 0, maxage: 0s}   # 0: never give up / no age limit
//         batch: 1                              # events per envelope, >= 1
//         paused: false                         # start paused
//
// Durations everywhere are Go duration strings; a bare number is nanoseconds (with a warning).
// A missing or 0 retry base/factor/max or ingest timeout keeps the default; bodylimit must be > 0.
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
