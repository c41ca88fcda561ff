#include "core/config/configloader.h"

#include "core/config/configlint.h"
#include "core/config/configreader_p.h"
#include "core/config/secretmask.h"

#include <QFile>

#include <algorithm>
#include <tuple>

namespace hookscope {

using configyaml::Reader;

namespace {

// Parses YAML text; on a syntax error records it (yaml-cpp's mark gives line and column).
bool parseYaml(const QByteArray &yaml, const QString &file, ConfigLoadResult *result,
               YAML::Node *out)
{
    try {
        *out = YAML::Load(yaml.toStdString());
        return true;
    } catch (const YAML::Exception &e) {
        const int line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
        const int column = e.mark.column >= 0 ? e.mark.column + 1 : 0;
        result->errors.append(
            {file, line, column,
             QStringLiteral("YAML syntax error: ") + maskUrlsInText(QString::fromStdString(e.msg))});
        return false;
    }
}

// The registry's environment overrides (configuration/parser.go): REGISTRY_ + upper-cased Go field
// names joined by "_", the value being YAML for that field, applied in sorted order.
void applyEnvironment(const QProcessEnvironment &environment, ConfigLoadResult *result)
{
    QStringList names;
    const QString prefix = QStringLiteral("REGISTRY_NOTIFICATIONS");
    for (const QString &name : environment.keys()) {
        if (name == prefix || name.startsWith(prefix + QLatin1Char('_')))
            names.append(name);
    }
    std::sort(names.begin(), names.end());
    for (const QString &name : names) {
        const QString source = QLatin1Char('$') + name;
        const QByteArray value = environment.value(name).toUtf8();
        Reader notes(source, result);
        const bool known = name == prefix || name == prefix + QStringLiteral("_ENDPOINTS")
                           || name == prefix + QStringLiteral("_EVENTCONFIG")
                           || name == prefix + QStringLiteral("_EVENTCONFIG_INCLUDEREFERENCES");
        if (!known) {
            notes.warning({source, 0, 0},
                          QStringLiteral("ignored: the registry only matches Go field names here "
                                         "(REGISTRY_NOTIFICATIONS_ENDPOINTS, "
                                         "REGISTRY_NOTIFICATIONS_EVENTCONFIG_INCLUDEREFERENCES)"));
            continue;
        }
        YAML::Node node;
        if (!parseYaml(value, source, result, &node))
            continue;
        if (name == prefix) {
            result->source.removeUnder(QStringLiteral("notifications"));
            configyaml::readNotificationsSection(node, source, result);
        } else if (name == prefix + QStringLiteral("_ENDPOINTS")) {
            configyaml::readEndpointList(node, source, result);
        } else if (name == prefix + QStringLiteral("_EVENTCONFIG")) {
            configyaml::readEventsSection(node, source, result);
        } else {
            notes.readBool(node, QStringLiteral("notifications.events.includereferences"),
                           &result->config.includeReferences);
        }
        notes.warning(
            {source, 0, 0},
            QStringLiteral("overrides the file's notifications settings (as in the registry)"));
    }
}

// Warnings come from the reader and the lint in separate passes; people read them top to bottom
// like compiler output: the file's in line order, then environment overrides, unplaced ones last.
void sortByPosition(const QString &mainFile, ConfigDiagnostics *diagnostics)
{
    const auto rank = [&mainFile](const ConfigDiagnostic &d) {
        return std::make_tuple(d.file != mainFile, d.file, d.line <= 0, d.line, d.column);
    };
    std::stable_sort(diagnostics->begin(), diagnostics->end(),
                     [&rank](const ConfigDiagnostic &a, const ConfigDiagnostic &b) {
                         return rank(a) < rank(b);
                     });
}

} // namespace

ConfigLoadResult ConfigLoader::loadString(const QByteArray &yaml, const QString &sourceName,
                                          const QProcessEnvironment &environment)
{
    ConfigLoadResult result;
    result.config.sourcePath = sourceName;
    result.source.file = sourceName;
    YAML::Node root;
    if (!parseYaml(yaml, sourceName, &result, &root))
        return result;
    if (root.IsDefined() && !root.IsNull() && !root.IsMap()) {
        Reader(sourceName, &result)
            .error(root, QStringLiteral("(top level)"),
                   QStringLiteral("expected a mapping of sections "
                                  "(notifications:, hookscope:), got ")
                       + configyaml::describe(root));
        return result;
    }
    try {
        configyaml::readConfigRoot(root, sourceName, &result);
        applyEnvironment(environment, &result);
        configyaml::checkTestEndpointReferences(sourceName, &result);
    } catch (const YAML::Exception &e) {
        // Defensive: reads above use only non-throwing accessors, but a yaml-cpp surprise must
        // become a diagnostic, never an escaped exception.
        result.errors.append(
            {sourceName, e.mark.line + 1, e.mark.column + 1, QString::fromStdString(e.msg)});
    }
    result.warnings += ConfigLint::lint(result.config, result.source);
    sortByPosition(sourceName, &result.warnings);
    return result;
}

ConfigLoadResult ConfigLoader::loadFile(const QString &path, const QProcessEnvironment &environment)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ConfigLoadResult result;
        result.config.sourcePath = path;
        result.errors.append({path, 0, 0, QStringLiteral("cannot read: ") + file.errorString()});
        return result;
    }
    return loadString(file.readAll(), path, environment);
}

} // namespace hookscope
