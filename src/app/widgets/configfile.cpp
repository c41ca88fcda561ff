#include "app/widgets/configfile.h"

#include "core/config/configloader.h"
#include "core/config/configpatcher.h"
#include "core/config/configwriter.h"

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QSaveFile>

#include <algorithm>

namespace hookscope {

namespace {

QStringList toStrings(const ConfigDiagnostics &diagnostics)
{
    QStringList out;
    out.reserve(diagnostics.size());
    for (const ConfigDiagnostic &d : diagnostics)
        out.append(d.toString());
    return out;
}

} // namespace

ConfigFileResult ConfigFile::open(const QString &path)
{
    const ConfigLoadResult loaded
        = ConfigLoader::loadFile(path, QProcessEnvironment::systemEnvironment());
    ConfigFileResult result;
    result.errors = toStrings(loaded.errors);
    result.warnings = toStrings(loaded.warnings);
    if (result.ok())
        result.config = loaded.config;
    return result;
}

QStringList ConfigFile::otherSections(const QString &path)
{
    if (!QFileInfo::exists(path))
        return {};
    // The loader remembers where every key was written; top-level keys have no dot in their path.
    // No environment: overrides say nothing about what is in the file.
    const ConfigLoadResult loaded = ConfigLoader::loadFile(path);
    QList<QPair<int, QString>> found;
    for (auto it = loaded.source.spots.cbegin(); it != loaded.source.spots.cend(); ++it) {
        const QString &key = it.key();
        if (key.contains(QLatin1Char('.')) || key.contains(QLatin1Char('['))
            || key == QLatin1String("notifications") || key == QLatin1String("hookscope")
            || key == QLatin1String("version")) {
            continue;
        }
        found.append({it.value().line, key});
    }
    std::sort(found.begin(), found.end());
    QStringList sections;
    for (const auto &entry : found)
        sections.append(entry.second);
    return sections;
}

bool ConfigFile::save(const QString &path, const AppConfig &config, QString *error,
                      Overwrite overwrite)
{
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const QString shown = QDir::toNativeSeparators(path);
    if (path.isEmpty())
        return fail(QStringLiteral("No file name given."));
    // Saving over a YAML file: edit its text where only endpoints changed, which keeps its
    // comments, its order and its other sections (ConfigPatcher says what is kept); otherwise
    // write it anew.
    std::optional<QByteArray> patched;
    QByteArray existingText;
    if (QFileInfo::exists(path)) {
        QFile existing(path);
        if (existing.open(QIODevice::ReadOnly))
            existingText = existing.readAll();
        if (overwrite == Overwrite::RefuseIfOtherSections && existing.isOpen())
            patched = ConfigPatcher::patch(existingText, path, config);
    }
    if (!patched && overwrite == Overwrite::RefuseIfOtherSections) {
        const QStringList others = otherSections(path);
        if (!others.isEmpty()) {
            return fail(QStringLiteral("%1 also holds registry settings (%2) that hookscope does "
                                       "not keep: saving would remove them. Save to another "
                                       "file, or confirm to replace it with the notifications "
                                       "settings only.")
                            .arg(shown, others.join(QStringLiteral(", "))));
        }
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("Cannot write %1: %2").arg(shown, file.errorString()));
    const QByteArray yaml = patched ? *patched
                                    : ConfigPatcher::keepOuterComments(existingText, ConfigWriter::toYaml(config));
    if (file.write(yaml) != yaml.size()) {
        const QString why = file.errorString();
        file.cancelWriting();
        return fail(QStringLiteral("Cannot write %1: %2").arg(shown, why));
    }
    if (!file.commit())
        return fail(QStringLiteral("Cannot save %1: %2").arg(shown, file.errorString()));
    return true;
}

} // namespace hookscope
