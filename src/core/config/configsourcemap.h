#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace hookscope {

// A place in a configuration source: a file, or an environment variable holding YAML.
struct SourceSpot
{
    QString file;
    int line = 0;   // 1-based; 0: unknown
    int column = 0; // 1-based; 0: unknown
};

// What the loader saw while reading that the effective AppConfig no longer shows: where each key
// was written and how. The lint works from this, so it needs no YAML library and can also run on a
// configuration built in code (an empty map: findings then carry no line).
struct ConfigSourceMap
{
    struct UnknownKey
    {
        QString path;       // "notifications.endpoints[0].timout"
        QString suggestion; // a known key it probably meant, or empty
        SourceSpot spot;
    };
    struct BareDuration
    {
        QString path; // "notifications.endpoints[1].timeout"
        qint64 nanoseconds = 0;
        SourceSpot spot;
        QString written; // as in the file ("500", "1.5"); empty: QString::number(nanoseconds)
    };

    QString file;                     // the main source (used when a spot is unknown)
    QHash<QString, SourceSpot> spots; // full key path -> where its value starts
    QList<UnknownKey> unknownKeys;
    QList<BareDuration> bareDurations; // durations written as plain integers (= nanoseconds)

    // Where `path` was written; falls back to the longest known parent path, then to the file.
    SourceSpot spotFor(const QString &path) const;
    // Forgets everything under `prefix` (an environment override replaced that subtree).
    void removeUnder(const QString &prefix);
};

// "notifications.endpoints[3]"
QString endpointPath(int index);

} // namespace hookscope
