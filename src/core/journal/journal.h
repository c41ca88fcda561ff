#pragma once

#include "core/base/deadletter.h"
#include "core/journal/journalcommitter.h"
#include "core/journal/journalfile.h"
#include "core/journal/journaloutage.h"
#include "core/journal/journalrefcounts.h"
#include "core/journal/journalwriter.h"
#include "core/model/eventrecord.h"
#include "core/store/queuestore.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace hookscope {

// The durable record of every queue: what each endpoint holds in order, its dead letters and its
// metric totals. Changes are buffered and written in group commits (JournalCommitter): one
// transaction (one fsync) commitDelayMs after the first change, or sooner once maxBatchOps changes
// wait; while one commit is on its way to the disk the next batch gathers, so a burst of
// acknowledgements shares one fsync instead of paying one each. whenDurable() tells a caller when everything recorded before it is on
// disk. Lives on the engine thread, like the endpoints that feed it; the SQLite file is written on a
// thread of its own (JournalWriter) so an fsync never stalls deliveries.
//
// Events are journalled once however many endpoints queue them; the journal counts references
// (queue rows and dead letters) by event key (JournalRefCounts) and deletes an event's row with its
// last reference.
// A record carries its key (EventRecord::journalKey), so the journal holds no pointer to any
// event: the queues keep only a window of each queue in memory and read the rest back from here
// (readQueue), a window at a time.
//
// A failed write (disk full, I/O error) is not the end: the batch stays buffered, in order, and is
// tried again with backoff (100 ms doubling to 5 s, JournalOutage) until a write succeeds; meanwhile
// the journal says it cannot write (hasFailed(), health(), writableChanged), so ingest answers 503 with the
// reason and the registry retries. Nothing is acknowledged that is not on disk.
class Journal final : public QObject
{
    Q_OBJECT
public:
    using DurableCallback = std::function<void(bool ok, const QString &error)>;

    struct DeadLetterInfo
    {
        DeadLetterReason reason = DeadLetterReason::Skipped;
        int attempts = 0;
        QString lastError;
    };

    // One endpoint's state as read back at start.
    using EndpointRecovery = QueueRecovery;

    explicit Journal(QObject *parent = nullptr);
    ~Journal() override;   // commits what is still buffered

    // See JournalFile::open for `resetAfterLoss` (--journal-reset) and resetNote().
    bool open(const QString &path, QString *error, bool resetAfterLoss = false);
    QString path() const { return m_path; }
    QString resetNote() const { return m_resetNote; }
    void setCommitDelayMs(int ms) { m_committer.setCommitDelayMs(ms); }
    void setMaxBatchOps(int ops) { m_committer.setMaxBatchOps(ops); }

    // How many events of each queue stay in memory (durable mode); the rest is read back from the
    // journal as the head drains. Set before recover().
    void setQueueWindow(qsizetype events) { m_window = qMax<qsizetype>(1, events); }
    qsizetype queueWindow() const { return m_window; }
    static constexpr qsizetype DefaultQueueWindow = 10000;

    // Reads the journal back, once, right after open() and before anything is recorded: each
    // queue's first queueWindow() events and its length, all dead letters, totals.
    bool recover(QHash<QString, EndpointRecovery> *endpoints, QString *error);

    // Queue pages, by journal position (see queueTail). readQueue is for the engine thread: it
    // reads after everything recorded before it is committed and calls `done` on the engine thread.
    // readQueueDetached may be called from any thread (the GUI): it reads what is committed, and
    // calls `done` on the journal's writer thread. readQueueNow blocks until the read is done.
    using RowsCallback = std::function<void(const QueueRows &rows)>;
    void readQueue(const QString &endpoint, qint64 position, qsizetype count, RowsCallback done);
    void readQueueDetached(const QString &endpoint, qint64 position, qsizetype count, RowsCallback done);
    QueueRows readQueueNow(const QString &endpoint, qint64 position, qsizetype count);
    // The position the endpoint's next enqueued event gets; its queue is [tail - size, tail).
    qint64 queueTail(const QString &endpoint) const { return m_lanes.value(endpoint).tail; }

    // What endpoints report, in the order it happens to their queues.
    void recordEnqueued(const QString &endpoint, const EventBlock &events);
    void recordSent(const QString &endpoint, qsizetype headCount);
    // The first events.size() events of the queue left it; `dead` files them as dead letters.
    void recordRemoved(const QString &endpoint, const EventBlock &events, const DeadLetterInfo *dead = nullptr);
    void recordDeadLettersTaken(const QString &endpoint, const EventBlock &events);
    // The endpoint is gone for good: its queue, dead letters and totals leave the journal. Reads the
    // queue's event keys back (blocking: removing an endpoint is rare) since most are not in memory.
    void forgetEndpoint(const QString &endpoint, const EventBlock &dead);
    // The endpoint was renamed in place: its rows follow it.
    void renameEndpoint(const QString &from, const QString &to);

    // Changes recorded between beginGroup() and endGroup() land in one transaction, however many
    // there are: a dead-letter replay must never be on disk half done (rows gone from one endpoint
    // but not yet queued at the other). Groups nest; use CommitGroup.
    void beginGroup() { m_committer.beginGroup(); }
    void endGroup() { m_committer.endGroup(); }
    class CommitGroup
    {
    public:
        explicit CommitGroup(Journal *journal) : m_journal(journal) { if (m_journal) m_journal->beginGroup(); }
        ~CommitGroup() { if (m_journal) m_journal->endGroup(); }
        CommitGroup(const CommitGroup &) = delete;
        CommitGroup &operator=(const CommitGroup &) = delete;
    private:
        Journal *m_journal;
    };

    // Totals are asked for at commit time from endpoints marked dirty since the last commit.
    void setTotalsProvider(const QString &endpoint, std::function<QByteArray()> provider);
    void markTotalsDirty(const QString &endpoint);

    // `done` runs once everything recorded so far is durable (ok) or can never be (error). Runs at
    // once when nothing is waiting to be written.
    void whenDurable(DurableCallback done) { m_committer.whenDurable(std::move(done)); }
    // Writes everything buffered and waits for it (and for a commit already on its way): for
    // shutdown and tests. Blocks the calling thread for the fsync.
    bool commitNow() { return m_committer.commitNow(); }

    // Engine thread: true while writes fail (and are being retried); failure() says why.
    bool hasFailed() const { return m_committer.hasFailed(); }
    QString failure() const { return m_committer.outage().failure(); }
    // The same, from any thread (the listeners' /healthz, the GUI): writable, and reason (empty
    // while writable).
    using Health = JournalOutage::Health;
    Health health() const { return m_committer.outage().health(); }
    // Backoff between attempts after a failed write: `firstMs`, doubling up to `maxMs`.
    void setRetryDelays(int firstMs, int maxMs) { m_committer.outage().setRetryDelays(firstMs, maxMs); }

    // Test seams, run on the writer thread: see JournalFile::setMaxPageCount and checkpoint().
    qint64 setMaxPageCount(qint64 pages);
    bool checkpointNow();
    void setCheckpointEvery(int commits);
    int commitCount() const { return m_committer.commitCount(); }
    qsizetype bufferedOps() const { return m_committer.bufferedOps(); }

private:
    struct Lane
    {
        qint64 head = 0;       // position of the first queued event
        qint64 tail = 0;       // position the next enqueued event gets
        qint64 deadTail = 0;
        std::function<QByteArray()> totals;
        bool totalsDirty = false;
    };
    qint64 keyOf(const EventRecord &event) const { return m_refs.liveKey(event.journalKey()); }
    qint64 addRef(const EventPtr &event);
    void release(qint64 key);
    void push(JournalOp op) { m_committer.push(std::move(op)); }
    void addDirtyTotals(QVector<JournalOp> *ops);

    QString m_path;
    JournalWriter m_writer;   // only its tasks touch the file
    QHash<QString, Lane> m_lanes;
    JournalRefCounts m_refs;
    qsizetype m_window = DefaultQueueWindow;
    QString m_resetNote;
    JournalCommitter m_committer{this, &m_writer};

Q_SIGNALS:
    // Emitted on the engine thread when writes start failing or succeed again.
    void writableChanged(bool writable, const QString &reason);
};

} // namespace hookscope
