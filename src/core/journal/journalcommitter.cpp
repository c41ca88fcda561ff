#include "core/journal/journalcommitter.h"

#include <QCoreApplication>

#include <limits>

namespace hookscope {

JournalCommitter::JournalCommitter(QObject *owner, JournalWriter *writer)
    : m_owner(owner)
    , m_writer(writer)
    , m_timer(owner)
    , m_outage(owner, [this] { retry(); })
{
    // A few ms: long enough for the requests that arrive together to share a commit, short enough
    // that an acknowledgement never waits noticeably.
    m_timer.setInterval(2);
    m_timer.setSingleShot(true);
    QObject::connect(&m_timer, &QTimer::timeout, owner, [this] {
        if (!hasFailed())   // while writes fail, only the retry timer starts commits
            startCommit();
    });
}

void JournalCommitter::push(JournalOp op)
{
    m_ops.append(std::move(op));
    if (m_ops.size() >= m_maxBatchOps && !hasFailed())
        startCommit();
    else
        schedule();
}

void JournalCommitter::requestCommit()
{
    m_requested = true;
    schedule();
}

void JournalCommitter::read(JournalWriter::Task read)
{
    if (m_ops.isEmpty() && !hasFailed()) {
        // A commit on its way was posted before this, so the writer runs the read after it.
        m_writer->post(std::move(read));
        return;
    }
    m_reads.append(std::move(read));
    schedule();
}

void JournalCommitter::beginGroup()
{
    // The timer cannot fire while the caller records (same thread, no event loop in between); only
    // the batch size could start a commit in the middle, so it is lifted for the group's duration.
    if (m_groupDepth++ == 0) {
        m_groupSavedMaxBatchOps = m_maxBatchOps;
        m_maxBatchOps = std::numeric_limits<int>::max();
    }
}

void JournalCommitter::endGroup()
{
    if (m_groupDepth <= 0 || --m_groupDepth > 0)
        return;
    m_maxBatchOps = m_groupSavedMaxBatchOps;
    if (m_ops.size() >= m_maxBatchOps && !hasFailed())
        startCommit();
}

void JournalCommitter::schedule()
{
    // While a commit is on its way, finishCommit() starts the next one with whatever gathered.
    if (!m_committing && !m_timer.isActive() && !hasFailed() && m_writer->isRunning())
        m_timer.start();
}

void JournalCommitter::whenDurable(DurableCallback done)
{
    if (hasFailed()) {
        done(false, m_outage.failure());
        return;
    }
    if (!m_ops.isEmpty()) {
        m_waiters.append(std::move(done));
        schedule();
    } else if (m_committing) {
        // Everything this caller recorded is in the commit on its way.
        m_committingWaiters.append(std::move(done));
    } else {
        done(true, {});
    }
}

void JournalCommitter::startCommit()
{
    m_timer.stop();
    if (m_committing || !m_writer->isRunning())
        return;
    // The hook adds only what changed since it last ran: commitNow() commits until nothing is added.
    if (m_beforeCommit)
        m_beforeCommit(&m_ops);
    m_requested = false;
    if (m_ops.isEmpty() && !hasFailed()) {
        for (JournalWriter::Task &read : std::exchange(m_reads, {}))
            m_writer->post(std::move(read));
        const QVector<DurableCallback> waiters = std::exchange(m_waiters, {});
        for (const DurableCallback &done : waiters)
            done(true, {});
        return;
    }
    // While writes fail this is a retry; with nothing buffered it still commits (the sequence
    // row alone), which tells whether the disk takes writes again.
    m_committing = true;
    m_committingWaiters = std::exchange(m_waiters, {});
    m_writer->post([this, ops = std::exchange(m_ops, {}), reads = std::exchange(m_reads, {})](JournalFile &file) {
        QString error;
        if (file.apply(ops, &error)) {
            QMetaObject::invokeMethod(m_owner, [this] { finishCommit(true, {}, {}, {}); }, Qt::QueuedConnection);
            // Reads asked for after these changes see them.
            for (const JournalWriter::Task &read : reads)
                read(file);
            return;
        }
        // Rolled back as a whole: the batch goes back to the engine thread to be tried again, and
        // the reads waiting for it wait for that.
        QMetaObject::invokeMethod(m_owner, [this, error, ops, reads] { finishCommit(false, error, ops, reads); },
                                  Qt::QueuedConnection);
    });
}

void JournalCommitter::finishCommit(bool ok, const QString &error, QVector<JournalOp> failedOps,
                                    QVector<JournalWriter::Task> failedReads)
{
    m_committing = false;
    if (ok) {
        ++m_commits;
        if (hasFailed()) {
            m_outage.ended(m_writer->file().path());
            if (m_writableChanged)
                m_writableChanged(true, {});
        }
    } else {
        // In front of what gathered meanwhile: the order of the operations is the order of events.
        failedOps.append(std::move(m_ops));
        m_ops = std::move(failedOps);
        failedReads.append(std::move(m_reads));
        m_reads = std::move(failedReads);
        if (m_outage.failed(error) && m_writableChanged)
            m_writableChanged(false, error);
    }
    const QVector<DurableCallback> waiters = std::exchange(m_committingWaiters, {});
    for (const DurableCallback &done : waiters)
        done(ok, ok ? QString() : m_outage.failure());
    if (hasFailed()) {
        // Asked while this commit was on its way: their changes are buffered, not on disk, so they
        // are refused too (503, the sender retries); the retry timer takes it from here.
        const QVector<DurableCallback> later = std::exchange(m_waiters, {});
        for (const DurableCallback &done : later)
            done(false, m_outage.failure());
        return;
    }
    // Group commit: what gathered during that fsync goes now, in one transaction.
    if (!m_ops.isEmpty() || !m_waiters.isEmpty() || m_requested || !m_reads.isEmpty())
        startCommit();
}

void JournalCommitter::waitForWriter()
{
    // The writer runs tasks in order: once this no-op ran, the commit before it has posted its
    // completion to the owner, which sendPostedEvents delivers at once.
    m_writer->drain();
    QCoreApplication::sendPostedEvents(m_owner, QEvent::MetaCall);
}

bool JournalCommitter::commitNow()
{
    if (!m_writer->isRunning())
        return false;
    // While writes fail: one more attempt, and false if it fails too.
    bool tried = false;
    for (;;) {
        if (!m_committing) {
            if (tried && hasFailed())
                return false;
            startCommit();
            tried = true;
            if (!m_committing)
                return !hasFailed();
        }
        waitForWriter();
    }
}

void JournalCommitter::retry()
{
    if (hasFailed() && !m_committing)
        startCommit();
}

} // namespace hookscope
