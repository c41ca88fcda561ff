#include "core/journal/journalstatements.h"

#include "core/journal/journalsql.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

namespace hookscope {

using journalsql::sqlError;

namespace {

// Qt binds a null QString as SQL NULL; an empty text is still a text.
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace

struct JournalStatements::Queries
{
    explicit Queries(const QSqlDatabase &db)
        : insertEvent(db), deleteEvent(db), enqueue(db), dequeueBefore(db), markSent(db), addDead(db),
          removeDead(db), setTotals(db), dropQueue(db), dropDead(db), dropTotals(db), renameQueue(db),
          renameDead(db), renameTotals(db), setSequence(db)
    {
    }
    QSqlQuery insertEvent, deleteEvent, enqueue, dequeueBefore, markSent, addDead, removeDead, setTotals,
        dropQueue, dropDead, dropTotals, renameQueue, renameDead, renameTotals, setSequence;
};

JournalStatements::JournalStatements(const QSqlDatabase &db)
    : m_queries(std::make_unique<Queries>(db))
{
}

JournalStatements::~JournalStatements() = default;

bool JournalStatements::prepare(QString *error)
{
    Queries &s = *m_queries;
    const QList<QPair<QSqlQuery *, QString>> all{
        {&s.insertEvent, QStringLiteral("INSERT INTO events(key, event_id, json, accepted_ms, action, media_type, "
                                        "repository, tag) VALUES(?, ?, ?, ?, ?, ?, ?, ?)")},
        {&s.deleteEvent, QStringLiteral("DELETE FROM events WHERE key = ?")},
        {&s.enqueue, QStringLiteral("INSERT INTO queue(endpoint, position, event_key, sent) VALUES(?, ?, ?, 0)")},
        {&s.dequeueBefore, QStringLiteral("DELETE FROM queue WHERE endpoint = ? AND position < ?")},
        {&s.markSent, QStringLiteral("UPDATE queue SET sent = 1 WHERE endpoint = ? AND position >= ? AND position < ?")},
        {&s.addDead, QStringLiteral("INSERT INTO dead_letters(endpoint, position, event_key, reason, at_ms, attempts, "
                                    "last_error) VALUES(?, ?, ?, ?, ?, ?, ?)")},
        {&s.removeDead, QStringLiteral("DELETE FROM dead_letters WHERE endpoint = ? AND event_key = ?")},
        {&s.setTotals, QStringLiteral("INSERT OR REPLACE INTO totals(endpoint, json) VALUES(?, ?)")},
        {&s.dropQueue, QStringLiteral("DELETE FROM queue WHERE endpoint = ?")},
        {&s.dropDead, QStringLiteral("DELETE FROM dead_letters WHERE endpoint = ?")},
        {&s.dropTotals, QStringLiteral("DELETE FROM totals WHERE endpoint = ?")},
        {&s.renameQueue, QStringLiteral("UPDATE queue SET endpoint = ? WHERE endpoint = ?")},
        {&s.renameDead, QStringLiteral("UPDATE dead_letters SET endpoint = ? WHERE endpoint = ?")},
        {&s.renameTotals, QStringLiteral("UPDATE OR REPLACE totals SET endpoint = ? WHERE endpoint = ?")},
        {&s.setSequence, QStringLiteral("UPDATE meta SET value = ? WHERE key = 'commit_seq'")},
    };
    for (const auto &[query, sql] : all) {
        if (!query->prepare(sql)) {
            *error = sqlError(query->lastError());
            return false;
        }
    }
    return true;
}

bool JournalStatements::apply(const JournalOp &op, QString *error)
{
    Queries &s = *m_queries;
    const auto run = [error](QSqlQuery &query, std::initializer_list<QVariant> values) {
        int index = 0;
        for (const QVariant &value : values)
            query.bindValue(index++, value);
        if (query.exec())
            return true;
        *error = sqlError(query.lastError());
        return false;
    };
    const QVariant endpoint(op.endpoint);
    switch (op.kind) {
    case JournalOp::InsertEvent:
        if (!op.event) {
            *error = QStringLiteral("an event to insert is missing");
            return false;
        }
        return run(s.insertEvent, {op.key, notNull(QString::fromUtf8(op.event->id())), op.event->compactJson(),
                                   op.event->acceptedAtMs(), notNull(op.event->action()),
                                   notNull(op.event->mediaType()), notNull(op.event->repository()),
                                   notNull(op.event->tag())});
    case JournalOp::DeleteEvent:
        return run(s.deleteEvent, {op.key});
    case JournalOp::Enqueue:
        return run(s.enqueue, {endpoint, op.position, op.key});
    case JournalOp::DequeueBefore:
        return run(s.dequeueBefore, {endpoint, op.position});
    case JournalOp::MarkSent:
        return run(s.markSent, {endpoint, op.position, op.number});
    case JournalOp::AddDeadLetter:
        return run(s.addDead, {endpoint, op.position, op.key, notNull(op.text), op.at, op.number,
                               notNull(QString::fromUtf8(op.bytes))});
    case JournalOp::RemoveDeadLetter:
        return run(s.removeDead, {endpoint, op.key});
    case JournalOp::SetTotals:
        return run(s.setTotals, {endpoint, op.bytes});
    case JournalOp::DropEndpoint:
        return run(s.dropQueue, {endpoint}) && run(s.dropDead, {endpoint}) && run(s.dropTotals, {endpoint});
    case JournalOp::RenameEndpoint:
        return run(s.renameQueue, {op.text, endpoint}) && run(s.renameDead, {op.text, endpoint})
            && run(s.renameTotals, {op.text, endpoint});
    }
    *error = QStringLiteral("unknown journal operation %1").arg(int(op.kind));
    return false;
}

bool JournalStatements::writeSequence(qint64 sequence, QString *error)
{
    QSqlQuery &query = m_queries->setSequence;
    query.bindValue(0, QString::number(sequence));
    if (query.exec())
        return true;
    *error = sqlError(query.lastError());
    return false;
}

} // namespace hookscope
