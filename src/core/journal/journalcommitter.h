#pragma once

#include "core/journal/journalops.h"
#include "core/journal/journaloutage.h"
#include "core/journal/journalwriter.h"

#include <QObject>
#include <QTimer>
#include <QVector>

#include <functional>

namespace hookscope {

// The journal's group commits. Changes are buffered and written in one transaction (one fsync)
// commitDelayMs after the first change, or sooner once maxBatchOps changes wait; while one commit
// is on its way to the disk the next batch gathers, so a burst of acknowledgements shares one fsync
// instead of paying one each. A group (beginGroup/endGroup) lands whole in one transaction.
//
// A failed commit is rolled back as a whole: its batch goes back in front of what gathered
// meanwhile (the order of the operations is the order of events) and is tried again when the
// JournalOutage's backoff elapses; nothing is reported durable that is not on disk.
//
// Lives on `owner`'s thread (the engine thread): its timers are owner's children and the writer's
// answers are queued to owner, so `owner` must outlive nothing of this (make this its member).
class JournalCommitter final
{
public:
    using DurableCallback = std::function<void(bool ok, const QString &error)>;

    JournalCommitter(QObject *owner, JournalWriter *writer);
    JournalCommitter(const JournalCommitter &) = delete;
    JournalCommitter &operator=(const JournalCommitter &) = delete;

    void setCommitDelayMs(int ms) { m_timer.setInterval(qMax(0, ms)); }
    void setMaxBatchOps(int ops) { m_maxBatchOps = qMax(1, ops); }
    // Runs as each commit starts, to add what is only asked for then (the endpoints' totals).
    void setBeforeCommit(std::function<void(QVector<JournalOp> *ops)> hook) { m_beforeCommit = std::move(hook); }
    // Told when writes start failing (false, why) or succeed again (true).
    void setWritableChanged(std::function<void(bool writable, const QString &reason)> notify)
    {
        m_writableChanged = std::move(notify);
    }

    void push(JournalOp op);
    // Something the before-commit hook adds has changed: a commit is due even with nothing pushed.
    void requestCommit();
    // Runs `read` on the writer after everything pushed so far is committed; while writes fail,
    // after the commit that succeeds again (the rows it needs may be among the buffered ones).
    void read(JournalWriter::Task read);

    void beginGroup();
    void endGroup();

    // See Journal::whenDurable and Journal::commitNow.
    void whenDurable(DurableCallback done);
    bool commitNow();

    const JournalOutage &outage() const { return m_outage; }
    JournalOutage &outage() { return m_outage; }
    bool hasFailed() const { return m_outage.isFailing(); }
    int commitCount() const { return m_commits; }
    qsizetype bufferedOps() const { return m_ops.size(); }

private:
    void schedule();
    void startCommit();
    void finishCommit(bool ok, const QString &error, QVector<JournalOp> failedOps,
                      QVector<JournalWriter::Task> failedReads);
    void waitForWriter();
    void retry();

    QObject *m_owner;
    JournalWriter *m_writer;
    std::function<void(QVector<JournalOp> *ops)> m_beforeCommit;
    std::function<void(bool writable, const QString &reason)> m_writableChanged;
    QVector<JournalWriter::Task> m_reads;   // reads waiting for the buffered changes
    QVector<JournalOp> m_ops;
    QVector<DurableCallback> m_waiters;            // for what is buffered
    QVector<DurableCallback> m_committingWaiters;  // for the commit on its way
    bool m_committing = false;
    bool m_requested = false;   // requestCommit() since the last commit started
    QTimer m_timer;
    int m_maxBatchOps = 4096;
    int m_groupDepth = 0;
    int m_groupSavedMaxBatchOps = 0;   // m_maxBatchOps outside the group
    int m_commits = 0;
    JournalOutage m_outage;
};

} // namespace hookscope
