#include "sources/replaysummary.h"

#include <QFileInfo>

namespace hookscope {

namespace {

QString count(qint64 n, const char *one, const char *many)
{
    return QString::number(n) + QLatin1Char(' ') + QLatin1String(n == 1 ? one : many);
}

} // namespace

ReplaySummary ReplaySummary::of(const ReplayLoad &load)
{
    ReplaySummary summary;
    // Names only: the folder is the one the configuration names, and a line stays readable.
    for (const QString &path : load.skipped) {
        summary.skipped << QFileInfo(path).fileName()
                               + QStringLiteral(": not a replay file (.json, .ndjson, .jsonl or .http)");
    }
    for (const ReplayFile &file : load.files) {
        if (file.ok()) {
            ++summary.files;
            summary.events += file.eventCount();
            continue;
        }
        QString why = QFileInfo(file.path).fileName();
        if (file.line > 0)
            why += QStringLiteral(": line ") + QString::number(file.line);
        summary.skipped << why + QStringLiteral(": ") + file.error;
    }
    return summary;
}

QString ReplaySummary::text(qint64 published) const
{
    QString sent;
    if (published < 0)
        sent = count(events, "event", "events") + QStringLiteral(" to publish");
    else if (published < events)
        sent = QStringLiteral("%1 of %2 published").arg(published).arg(count(events, "event", "events"));
    else
        sent = count(published, "event", "events") + QStringLiteral(" published");
    QString line = QStringLiteral("replay: %1, %2, %3 skipped")
                       .arg(count(files, "file", "files"), sent, count(skipped.size(), "file", "files"));
    if (!skipped.isEmpty())
        line += QStringLiteral(" (") + skipped.join(QStringLiteral("; ")) + QLatin1Char(')');
    return line;
}

} // namespace hookscope
