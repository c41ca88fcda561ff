#include "core/journal/journalreader.h"

#include "core/journal/journalsql.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

namespace hookscope {

using journalsql::sqlError;

JournalReader::JournalReader(const QString &connection, const QString &path)
    : m_connection(connection), m_path(path)
{
}

QString JournalReader::fail(const QString &what, const QString &detail) const
{
    return journalsql::fail(m_path, what, detail);
}

namespace {

EventRecord::Stored storedFrom(const QSqlQuery &query, int first)
{
    return {query.value(first).toByteArray(), query.value(first + 1).toLongLong(),
            query.value(first + 2).toString(), query.value(first + 3).toString(),
            query.value(first + 4).toString(), query.value(first + 5).toString(),
            query.value(first + 6).toString()};
}

const QString EventColumns = QStringLiteral("e.json, e.accepted_ms, e.event_id, e.action, e.media_type, "
                                            "e.repository, e.tag");

} // namespace

bool JournalReader::load(JournalContents *contents, QString *error, qsizetype window)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    auto run = [&](const QString &sql) {
        if (query.exec(sql))
            return true;
        *error = fail(QStringLiteral("cannot be read"), sqlError(query.lastError()));
        return false;
    };
    auto corrupt = [&](const QString &what) {
        *error = fail(QStringLiteral("is corrupt (%1)").arg(what),
                      QStringLiteral("move it aside and start again, or salvage it with sqlite3 .recover"));
        return false;
    };
    if (!run(QStringLiteral("SELECT MAX(key) FROM events")))
        return false;
    if (query.next())
        contents->maxKey = query.value(0).toLongLong();
    // A queue or dead-letter row whose event is gone cannot be delivered: refuse rather than skip.
    // `key` is the rowid, so these are index lookups, not scans per row.
    if (!run(QStringLiteral("SELECT (SELECT COUNT(*) FROM queue WHERE event_key NOT IN (SELECT key FROM events)) + "
                            "(SELECT COUNT(*) FROM dead_letters WHERE event_key NOT IN (SELECT key FROM events))")))
        return false;
    if (query.next() && query.value(0).toLongLong() > 0)
        return corrupt(QStringLiteral("%1 queue or dead-letter rows refer to missing events").arg(query.value(0).toLongLong()));
    if (!run(QStringLiteral("SELECT endpoint, COUNT(*), MAX(position) FROM queue GROUP BY endpoint")))
        return false;
    while (query.next()) {
        JournalContents::Endpoint &endpoint = contents->endpoints[query.value(0).toString()];
        endpoint.queueCount = query.value(1).toLongLong();
        endpoint.queueTail = query.value(2).toLongLong() + 1;
    }
    QSqlQuery page(db);
    page.setForwardOnly(true);
    if (!page.prepare(QStringLiteral("SELECT q.position, q.event_key, q.sent, %1 FROM queue q JOIN events e "
                                     "ON e.key = q.event_key WHERE q.endpoint = ? ORDER BY q.position LIMIT ?")
                          .arg(EventColumns))) {
        *error = fail(QStringLiteral("cannot be read"), sqlError(page.lastError()));
        return false;
    }
    for (auto it = contents->endpoints.begin(); it != contents->endpoints.end(); ++it) {
        page.bindValue(0, it.key());
        page.bindValue(1, qint64(qMin<qsizetype>(window, std::numeric_limits<qint64>::max())));
        if (!page.exec()) {
            *error = fail(QStringLiteral("cannot be read"), sqlError(page.lastError()));
            return false;
        }
        while (page.next()) {
            const qint64 key = page.value(1).toLongLong();
            it->queue.append({page.value(0).toLongLong(), key, page.value(2).toInt() != 0});
            if (!contents->events.contains(key))
                contents->events.insert(key, storedFrom(page, 3));
        }
    }
    if (!run(QStringLiteral("SELECT d.endpoint, d.position, d.event_key, d.reason, d.at_ms, d.attempts, d.last_error, %1 "
                            "FROM dead_letters d JOIN events e ON e.key = d.event_key ORDER BY d.endpoint, d.position")
                 .arg(EventColumns)))
        return false;
    while (query.next()) {
        const qint64 key = query.value(2).toLongLong();
        contents->endpoints[query.value(0).toString()].dead.append(
            {query.value(1).toLongLong(), key, query.value(3).toString(), query.value(4).toLongLong(),
             query.value(5).toInt(), query.value(6).toString()});
        if (!contents->events.contains(key))
            contents->events.insert(key, storedFrom(query, 7));
    }
    if (!run(QStringLiteral("SELECT endpoint, json FROM totals")))
        return false;
    while (query.next())
        contents->endpoints[query.value(0).toString()].totals = query.value(1).toByteArray();
    if (!run(QStringLiteral("SELECT event_key, COUNT(*) FROM (SELECT event_key FROM queue UNION ALL "
                            "SELECT event_key FROM dead_letters) GROUP BY event_key ORDER BY event_key")))
        return false;
    while (query.next())
        contents->references.append({query.value(0).toLongLong(), query.value(1).toLongLong()});
    if (!run(QStringLiteral("SELECT key FROM events WHERE key NOT IN (SELECT event_key FROM queue UNION "
                            "SELECT event_key FROM dead_letters)")))
        return false;
    while (query.next())
        contents->orphans.append(query.value(0).toLongLong());
    return true;
}

QueueRows JournalReader::readQueue(const QString &endpoint, qint64 position, qsizetype count, qint64 tag)
{
    QueueRows rows;
    rows.first = position;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral("SELECT q.position, q.event_key, %1 FROM queue q JOIN events e "
                                      "ON e.key = q.event_key WHERE q.endpoint = ? AND q.position >= ? "
                                      "ORDER BY q.position LIMIT ?").arg(EventColumns))) {
        rows.error = fail(QStringLiteral("cannot be read"), sqlError(query.lastError()));
        return rows;
    }
    query.bindValue(0, endpoint);
    query.bindValue(1, position);
    query.bindValue(2, qint64(count));
    if (!query.exec()) {
        rows.error = fail(QStringLiteral("cannot be read"), sqlError(query.lastError()));
        return rows;
    }
    bool first = true;
    while (query.next()) {
        if (first)
            rows.first = query.value(0).toLongLong();
        first = false;
        const EventPtr event = EventRecord::fromJournal(storedFrom(query, 2));
        event->setJournalKey(tag | query.value(1).toLongLong());
        rows.events.push_back(event);
    }
    return rows;
}

bool JournalReader::queueKeys(const QString &endpoint, QVector<qint64> *keys, QString *error)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral("SELECT event_key FROM queue WHERE endpoint = ? ORDER BY position"))) {
        *error = fail(QStringLiteral("cannot be read"), sqlError(query.lastError()));
        return false;
    }
    query.bindValue(0, endpoint);
    if (!query.exec()) {
        *error = fail(QStringLiteral("cannot be read"), sqlError(query.lastError()));
        return false;
    }
    while (query.next())
        keys->append(query.value(0).toLongLong());
    return true;
}

} // namespace hookscope
