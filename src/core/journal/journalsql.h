#pragma once

#include <QAtomicInt>
#include <QSqlError>
#include <QString>

namespace hookscope::journalsql {

// The few Qt SQL helpers JournalFile, JournalInspector and JournalReader share: not a class, just
// the driver name, unique connection names, and the wording of SQLite errors and refusals.

inline const QString Driver = QStringLiteral("QSQLITE");

// Every QSqlDatabase connection needs a process-wide unique name.
inline QString connectionName(const char *prefix)
{
    static QAtomicInt counter;
    return QStringLiteral("%1-%2").arg(QLatin1String(prefix)).arg(counter.fetchAndAddRelaxed(1));
}

inline QString sqlError(const QSqlError &error)
{
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return text.isEmpty() ? QStringLiteral("unknown SQLite error") : text;
}

inline bool isLockedError(const QString &text)
{
    return text.contains(QLatin1String("locked")) || text.contains(QLatin1String("busy"));
}

// "journal PATH: WHAT (DETAIL)": how every refusal and read failure names the file.
inline QString fail(const QString &path, const QString &what, const QString &detail)
{
    return QStringLiteral("journal %1: %2 (%3)").arg(path, what, detail);
}

} // namespace hookscope::journalsql
