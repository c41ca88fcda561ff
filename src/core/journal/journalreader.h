#pragma once

#include "core/journal/journalops.h"

#include <QString>

#include <limits>

namespace hookscope {

// The read-back side of the journal's SQLite file: the state at start, and queue pages and keys
// later, between commits. It only ever SELECTs, through the connection JournalFile opened (so on
// JournalFile's thread), and refuses a journal whose queue or dead letters point at missing events
// rather than skipping them. Cheap to construct: JournalFile makes one per call.
class JournalReader
{
public:
    // `connection`: the QSqlDatabase connection name; `path`: the file, for messages.
    JournalReader(const QString &connection, const QString &path);

    // See JournalFile::load, readQueue and queueKeys.
    bool load(JournalContents *contents, QString *error,
              qsizetype window = std::numeric_limits<qsizetype>::max());
    QueueRows readQueue(const QString &endpoint, qint64 position, qsizetype count, qint64 tag);
    bool queueKeys(const QString &endpoint, QVector<qint64> *keys, QString *error);

private:
    QString fail(const QString &what, const QString &detail) const;

    QString m_connection;
    QString m_path;
};

} // namespace hookscope
