#include "core/config/configsourcemap.h"

namespace hookscope {

SourceSpot ConfigSourceMap::spotFor(const QString &path) const
{
    QString candidate = path;
    while (!candidate.isEmpty()) {
        const auto it = spots.constFind(candidate);
        if (it != spots.constEnd())
            return it.value();
        const qsizetype cut = qMax(candidate.lastIndexOf(QLatin1Char('.')),
                                   candidate.lastIndexOf(QLatin1Char('[')));
        if (cut <= 0)
            break;
        candidate.truncate(cut);
    }
    SourceSpot unknown;
    unknown.file = file;
    return unknown;
}

void ConfigSourceMap::removeUnder(const QString &prefix)
{
    for (auto it = spots.begin(); it != spots.end();) {
        if (it.key().startsWith(prefix))
            it = spots.erase(it);
        else
            ++it;
    }
    unknownKeys.removeIf([&prefix](const UnknownKey &key) { return key.path.startsWith(prefix); });
    bareDurations.removeIf(
        [&prefix](const BareDuration &bare) { return bare.path.startsWith(prefix); });
}

QString endpointPath(int index)
{
    return QStringLiteral("notifications.endpoints[") + QString::number(index) + QLatin1Char(']');
}

} // namespace hookscope
