#pragma once

#include "core/journal/journalops.h"

#include <QString>

#include <memory>

class QSqlDatabase;

namespace hookscope {

// The journal's prepared write statements and how one JournalOp maps onto them. Prepared once per
// open connection (preparing also checks that the file's tables have the columns they name), then
// reused for every operation of every commit. It neither begins nor commits: JournalFile::apply
// wraps a batch of apply() calls and writeSequence() in one transaction.
class JournalStatements
{
public:
    explicit JournalStatements(const QSqlDatabase &db);
    ~JournalStatements();
    JournalStatements(const JournalStatements &) = delete;
    JournalStatements &operator=(const JournalStatements &) = delete;

    // False, with SQLite's reason, when a statement does not fit the file's schema.
    bool prepare(QString *error);
    // One operation; false with SQLite's reason (the caller rolls back).
    bool apply(const JournalOp &op, QString *error);
    // The meta table's commit_seq, what the high-water mark is compared with.
    bool writeSequence(qint64 sequence, QString *error);

private:
    struct Queries;
    std::unique_ptr<Queries> m_queries;
};

} // namespace hookscope
