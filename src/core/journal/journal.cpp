#include "core/journal/journal.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>
#include <QMutexLocker>

#include <limits>

namespace hookscope {

Q_LOGGING_CATEGORY(lcJournal, "hookscope.core.journal")

namespace {

DeadLetterReason reasonFromName(const QString &name)
{
    for (DeadLetterReason reason : {DeadLetterReason::Skipped, DeadLetterReason::Purged,
                                       DeadLetterReason::GaveUp, DeadLetterReason::Closed}) {
        if (deadLetterReasonName(reason) == name)
            return reason;
    }
    return DeadLetterReason::Skipped;
}

} // namespace

Journal::Journal(QObject *parent)
    : QObject(parent)
{
    // A few ms: long enough for the requests that arrive together to share a commit, short enough
    // that an acknowledgement never waits noticeably.
    m_timer.setInterval(2);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!hasFailed())   // while writes fail, only the retry timer starts commits
            startCommit();
    });
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &Journal::retry);
    m_writerThread.setObjectName(QStringLiteral("hookscope-journal"));
    // Records carry their key tagged with the journal that gave it, so two journals in one process
    // (tests, a restart in place) never mistake each other's keys.
    static QAtomicInteger<qint64> instances;
    m_tag = ((instances.fetchAndAddRelaxed(1) % 0x7FFF) + 1) << 48;
}

Journal::~Journal()
{
    if (!m_writer)
        return;
    if (!commitNow())
        qCWarning(lcJournal).noquote() << m_failure << "- closing with" << m_ops.size()
                                       << "changes unwritten (none of them was acknowledged)";
    onWriter([this] {
        m_file.close();   // the SQLite connection goes on the thread that opened it
        return true;
    });
    m_writer->deleteLater();
    m_writerThread.quit();
    m_writerThread.wait();
}

bool Journal::onWriter(const std::function<bool()> &work)
{
    bool result = false;
    QMetaObject::invokeMethod(m_writer, [&] { result = work(); }, Qt::BlockingQueuedConnection);
    return result;
}

bool Journal::open(const QString &path, QString *error, bool resetAfterLoss)
{
    if (m_writer) {
        *error = QStringLiteral("journal %1 is already open").arg(m_path);
        return false;
    }
    m_path = path;
    m_writerThread.start();
    m_writer = new QObject;
    m_writer->moveToThread(&m_writerThread);
    QString why;
    const bool ok = onWriter([&] { return m_file.open(path, &why, resetAfterLoss); });
    m_path = m_file.path();
    m_resetNote = m_file.resetNote();
    if (!ok)
        *error = why;
    return ok;
}

bool Journal::recover(QHash<QString, EndpointRecovery> *endpoints, QString *error)
{
    JournalContents contents;
    QString why;
    if (!m_writer || !onWriter([&] { return m_file.load(&contents, &why, m_window); })) {
        *error = m_writer ? why : QStringLiteral("journal is not open");
        return false;
    }
    m_nextKey = contents.maxKey + 1;
    m_refs.clear();
    m_refBase = contents.references.isEmpty() ? m_nextKey : contents.references.constFirst().first;
    for (const auto &[key, count] : contents.references)
        refsOf(key) = count;
    // One record per event however many endpoints or dead letters refer to it, as before the stop.
    QHash<qint64, EventPtr> byKey;
    auto eventFor = [&](qint64 key) -> EventPtr {
        if (const auto it = byKey.constFind(key); it != byKey.constEnd())
            return it.value();
        const auto stored = contents.events.constFind(key);
        if (stored == contents.events.constEnd()) {
            *error = QStringLiteral("journal %1 is corrupt (event %2 is referenced but missing); move it aside "
                                    "and start again").arg(path()).arg(key);
            return nullptr;
        }
        EventPtr event = EventRecord::fromJournal(stored.value());
        event->setJournalKey(m_tag | key);
        byKey.insert(key, event);
        return event;
    };
    for (auto it = contents.endpoints.constBegin(); it != contents.endpoints.constEnd(); ++it) {
        EndpointRecovery recovered;
        recovered.totals = it->totals;
        Lane &lane = m_lanes[it.key()];
        bool leading = true;
        for (const JournalContents::Queued &row : it->queue) {
            const EventPtr event = eventFor(row.key);
            if (!event)
                return false;
            recovered.queue.push_back(event);
            // Only the head can have been in flight; "sent" rows behind an unsent one cannot occur.
            if (leading && row.sent)
                ++recovered.inFlight;
            else
                leading = false;
        }
        recovered.beyond = qsizetype(it->queueCount) - qsizetype(recovered.queue.size());
        if (it->queueCount > 0) {
            lane.tail = it->queueTail;
            lane.head = it->queueTail - it->queueCount;
        }
        for (const JournalContents::Dead &row : it->dead) {
            const EventPtr event = eventFor(row.key);
            if (!event)
                return false;
            recovered.deadLetters.append({event, reasonFromName(row.reason),
                                          QDateTime::fromMSecsSinceEpoch(row.atMs, Qt::UTC), row.attempts,
                                          row.lastError});
        }
        if (!it->dead.isEmpty())
            lane.deadTail = it->dead.constLast().position + 1;
        endpoints->insert(it.key(), recovered);
    }
    // Rows nothing refers to any more (none are written that way, but a journal is not trusted
    // blindly) are dropped with the next commit.
    for (const qint64 key : contents.orphans)
        push({JournalOp::DeleteEvent, {}, key, 0, 0, 0, {}, {}, {}});
    return true;
}

namespace {
constexpr qint64 KeyMask = (qint64(1) << 48) - 1;
} // namespace

qint64 &Journal::refsOf(qint64 key)
{
    if (m_refs.empty())
        m_refBase = key;
    if (key < m_refBase) {
        m_refs.insert(m_refs.begin(), size_t(m_refBase - key), 0);
        m_refBase = key;
    }
    const size_t index = size_t(key - m_refBase);
    if (index >= m_refs.size())
        m_refs.resize(index + 1, 0);
    return m_refs[index];
}

qint64 Journal::keyOf(const EventRecord &event) const
{
    const qint64 tagged = event.journalKey();
    if ((tagged & ~KeyMask) != m_tag)
        return 0;
    const qint64 key = tagged & KeyMask;
    if (key < m_refBase || key >= m_refBase + qint64(m_refs.size()) || m_refs[size_t(key - m_refBase)] <= 0)
        return 0;   // its row was deleted with its last reference: journal it afresh
    return key;
}

qint64 Journal::addRef(const EventPtr &event)
{
    qint64 key = keyOf(*event);
    if (key == 0) {
        key = m_nextKey++;
        event->setJournalKey(m_tag | key);
        JournalOp insert;
        insert.kind = JournalOp::InsertEvent;
        insert.key = key;
        insert.event = event;   // held until the commit that writes it, then only by the queues
        push(std::move(insert));
    }
    ++refsOf(key);
    return key;
}

void Journal::release(qint64 key)
{
    if (key < m_refBase || key >= m_refBase + qint64(m_refs.size()))
        return;
    qint64 &refs = m_refs[size_t(key - m_refBase)];
    if (refs <= 0)
        return;
    if (--refs == 0)
        push({JournalOp::DeleteEvent, {}, key, 0, 0, 0, {}, {}, {}});
    while (!m_refs.empty() && m_refs.front() <= 0) {
        m_refs.pop_front();
        ++m_refBase;
    }
}

void Journal::readQueue(const QString &endpoint, qint64 position, qsizetype count, RowsCallback done)
{
    if (!m_writer) {
        QueueRows rows;
        rows.error = QStringLiteral("journal is not open");
        done(rows);
        return;
    }
    auto read = [this, endpoint, position, count, done = std::move(done)] {
        // On the writer thread, after the commit that carried everything recorded before the call.
        QueueRows rows = m_file.readQueue(endpoint, position, count, m_tag);
        QMetaObject::invokeMethod(this, [done, rows = std::move(rows)] { done(rows); }, Qt::QueuedConnection);
    };
    if (m_ops.isEmpty() && !hasFailed()) {
        // A commit on its way was posted before this, so the writer runs the read after it.
        QMetaObject::invokeMethod(m_writer, std::move(read), Qt::QueuedConnection);
        return;
    }
    // After the commit that carries the buffered changes; while writes fail, after the one that
    // succeeds again (the rows it needs may be among them).
    m_reads.append(std::move(read));
    schedule();
}

void Journal::readQueueDetached(const QString &endpoint, qint64 position, qsizetype count, RowsCallback done)
{
    QMetaObject::invokeMethod(m_writer, [this, endpoint, position, count, done = std::move(done)] {
        done(m_file.readQueue(endpoint, position, count, m_tag));
    }, Qt::QueuedConnection);
}

QueueRows Journal::readQueueNow(const QString &endpoint, qint64 position, qsizetype count)
{
    QueueRows rows;
    if (!m_writer || !commitNow()) {
        rows.error = hasFailed() ? m_failure : QStringLiteral("journal is not open");
        return rows;
    }
    onWriter([&] {
        rows = m_file.readQueue(endpoint, position, count, m_tag);
        return true;
    });
    return rows;
}

void Journal::recordEnqueued(const QString &endpoint, const EventBlock &events)
{
    Lane &lane = m_lanes[endpoint];
    for (const EventPtr &event : events) {
        const qint64 key = addRef(event);
        push({JournalOp::Enqueue, endpoint, key, lane.tail++, 0, 0, {}, {}, {}});
    }
    markTotalsDirty(endpoint);
}

void Journal::recordSent(const QString &endpoint, qsizetype headCount)
{
    const Lane &lane = m_lanes[endpoint];
    push({JournalOp::MarkSent, endpoint, 0, lane.head, lane.head + headCount, 0, {}, {}, {}});
}

void Journal::recordRemoved(const QString &endpoint, const EventBlock &events, const DeadLetterInfo *dead)
{
    if (events.empty())
        return;
    Lane &lane = m_lanes[endpoint];
    if (dead) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QString reason = deadLetterReasonName(dead->reason);
        for (const EventPtr &event : events) {
            const qint64 key = addRef(event);
            push({JournalOp::AddDeadLetter, endpoint, key, lane.deadTail++, dead->attempts, now, reason,
                  dead->lastError.toUtf8(), {}});
        }
    }
    lane.head = qMin(lane.tail, lane.head + qint64(events.size()));
    push({JournalOp::DequeueBefore, endpoint, 0, lane.head, 0, 0, {}, {}, {}});
    for (const EventPtr &event : events)
        release(keyOf(*event));
    markTotalsDirty(endpoint);
}

void Journal::recordDeadLettersTaken(const QString &endpoint, const EventBlock &events)
{
    for (const EventPtr &event : events) {
        const qint64 key = keyOf(*event);
        if (key == 0)
            continue;
        push({JournalOp::RemoveDeadLetter, endpoint, key, 0, 0, 0, {}, {}, {}});
        release(key);
    }
}

void Journal::forgetEndpoint(const QString &endpoint, const EventBlock &dead)
{
    // While writes fail this cannot read the queue's keys: the rows stay in the journal (and are
    // logged at the next start as an endpoint that is not configured).
    if (!commitNow())
        return;
    QVector<qint64> queued;
    QString error;
    if (!onWriter([&] { return m_file.queueKeys(endpoint, &queued, &error); })) {
        qCWarning(lcJournal).noquote() << error;
        return;
    }
    push({JournalOp::DropEndpoint, endpoint, 0, 0, 0, 0, {}, {}, {}});
    for (const qint64 key : queued)
        release(key);
    for (const EventPtr &event : dead)
        release(keyOf(*event));
    m_lanes.remove(endpoint);
}

void Journal::renameEndpoint(const QString &from, const QString &to)
{
    if (from == to)
        return;
    push({JournalOp::RenameEndpoint, from, 0, 0, 0, 0, to, {}, {}});
    m_lanes.insert(to, m_lanes.take(from));
}

void Journal::beginGroup()
{
    // The timer cannot fire while the caller records (same thread, no event loop in between); only
    // the batch size could start a commit in the middle, so it is lifted for the group's duration.
    if (m_groupDepth++ == 0) {
        m_groupSavedMaxBatchOps = m_maxBatchOps;
        m_maxBatchOps = std::numeric_limits<int>::max();
    }
}

void Journal::endGroup()
{
    if (m_groupDepth <= 0 || --m_groupDepth > 0)
        return;
    m_maxBatchOps = m_groupSavedMaxBatchOps;
    if (m_ops.size() >= m_maxBatchOps && !hasFailed())
        startCommit();
}

void Journal::setTotalsProvider(const QString &endpoint, std::function<QByteArray()> provider)
{
    m_lanes[endpoint].totals = std::move(provider);
}

void Journal::markTotalsDirty(const QString &endpoint)
{
    Lane &lane = m_lanes[endpoint];
    if (lane.totalsDirty || !lane.totals)
        return;
    lane.totalsDirty = true;
    m_totalsDirty = true;
    schedule();
}

void Journal::push(JournalOp op)
{
    m_ops.append(std::move(op));
    if (m_ops.size() >= m_maxBatchOps && !hasFailed())
        startCommit();
    else
        schedule();
}

void Journal::schedule()
{
    // While a commit is on its way, finishCommit() starts the next one with whatever gathered.
    if (!m_committing && !m_timer.isActive() && !hasFailed() && m_writer)
        m_timer.start();
}

void Journal::whenDurable(DurableCallback done)
{
    if (hasFailed()) {
        done(false, m_failure);
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

void Journal::startCommit()
{
    m_timer.stop();
    if (m_committing || !m_writer)
        return;
    for (auto it = m_lanes.begin(); it != m_lanes.end(); ++it) {
        if (it->totalsDirty && it->totals)
            m_ops.append({JournalOp::SetTotals, it.key(), 0, 0, 0, 0, {}, it->totals(), {}});
        it->totalsDirty = false;
    }
    m_totalsDirty = false;
    if (m_ops.isEmpty() && !hasFailed()) {
        for (std::function<void()> &read : std::exchange(m_reads, {}))
            QMetaObject::invokeMethod(m_writer, std::move(read), Qt::QueuedConnection);
        const QVector<DurableCallback> waiters = std::exchange(m_waiters, {});
        for (const DurableCallback &done : waiters)
            done(true, {});
        return;
    }
    // While writes fail this is a retry; with nothing buffered it still commits (the sequence
    // row alone), which tells whether the disk takes writes again.
    m_committing = true;
    m_committingWaiters = std::exchange(m_waiters, {});
    QMetaObject::invokeMethod(m_writer, [this, ops = std::exchange(m_ops, {}), reads = std::exchange(m_reads, {})] {
        QString error;
        if (m_file.apply(ops, &error)) {
            QMetaObject::invokeMethod(this, [this] { finishCommit(true, {}, {}, {}); }, Qt::QueuedConnection);
            // Reads asked for after these changes see them.
            for (const std::function<void()> &read : reads)
                read();
            return;
        }
        // Rolled back as a whole: the batch goes back to the engine thread to be tried again, and
        // the reads waiting for it wait for that.
        QMetaObject::invokeMethod(this, [this, error, ops, reads] { finishCommit(false, error, ops, reads); },
                                  Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void Journal::finishCommit(bool ok, const QString &error, QVector<JournalOp> failedOps,
                           QVector<std::function<void()>> failedReads)
{
    m_committing = false;
    if (ok) {
        ++m_commits;
        if (hasFailed())
            writesAgain();
    } else {
        // In front of what gathered meanwhile: the order of the operations is the order of events.
        failedOps.append(std::move(m_ops));
        m_ops = std::move(failedOps);
        failedReads.append(std::move(m_reads));
        m_reads = std::move(failedReads);
        cannotWrite(error);
    }
    const QVector<DurableCallback> waiters = std::exchange(m_committingWaiters, {});
    for (const DurableCallback &done : waiters)
        done(ok, ok ? QString() : m_failure);
    if (hasFailed()) {
        // Asked while this commit was on its way: their changes are buffered, not on disk, so they
        // are refused too (503, the sender retries); the retry timer takes it from here.
        const QVector<DurableCallback> later = std::exchange(m_waiters, {});
        for (const DurableCallback &done : later)
            done(false, m_failure);
        return;
    }
    // Group commit: what gathered during that fsync goes now, in one transaction.
    if (!m_ops.isEmpty() || !m_waiters.isEmpty() || m_totalsDirty || !m_reads.isEmpty())
        startCommit();
}

void Journal::waitForWriter()
{
    // The writer runs tasks in order: once this no-op ran, the commit before it has posted its
    // completion here, which sendPostedEvents delivers at once.
    QMetaObject::invokeMethod(m_writer, [] {}, Qt::BlockingQueuedConnection);
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

bool Journal::commitNow()
{
    if (!m_writer)
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

void Journal::cannotWrite(const QString &error)
{
    const bool first = m_failure.isEmpty();
    const bool changed = m_failure != error;
    m_failure = error;
    if (first) {
        m_downSinceMs = QDateTime::currentMSecsSinceEpoch();
        m_retryDelayMs = m_retryFirstMs;
        qCCritical(lcJournal).noquote() << error << "- new events are refused (503) until a write succeeds;"
                                        << "retrying, nothing acknowledged is lost";
    } else if (changed) {
        qCWarning(lcJournal).noquote() << error << "- still retrying";
    }
    {
        const QMutexLocker locker(&m_healthMutex);
        m_health = {false, error};
    }
    m_retryTimer.start(m_retryDelayMs);
    m_retryDelayMs = qMin(m_retryMaxMs, m_retryDelayMs * 2);
    if (first || changed)
        Q_EMIT writableChanged(false, error);
}

void Journal::writesAgain()
{
    m_failure.clear();
    m_retryTimer.stop();
    m_retryDelayMs = m_retryFirstMs;
    {
        const QMutexLocker locker(&m_healthMutex);
        m_health = {};
    }
    qCInfo(lcJournal).noquote() << "journal" << m_path << "writes again after"
                                << (QDateTime::currentMSecsSinceEpoch() - m_downSinceMs) << "ms; accepting events";
    Q_EMIT writableChanged(true, {});
}

void Journal::retry()
{
    if (hasFailed() && !m_committing)
        startCommit();
}

Journal::Health Journal::health() const
{
    const QMutexLocker locker(&m_healthMutex);
    return m_health;
}

void Journal::setRetryDelays(int firstMs, int maxMs)
{
    m_retryFirstMs = qMax(1, firstMs);
    m_retryMaxMs = qMax(m_retryFirstMs, maxMs);
    m_retryDelayMs = m_retryFirstMs;
}

qint64 Journal::setMaxPageCount(qint64 pages)
{
    qint64 result = -1;
    if (m_writer)
        onWriter([&] {
            result = m_file.setMaxPageCount(pages);
            return true;
        });
    return result;
}

bool Journal::checkpointNow()
{
    QString error;
    return m_writer && commitNow() && onWriter([&] { return m_file.checkpoint(&error); });
}

void Journal::setCheckpointEvery(int commits)
{
    if (m_writer)
        onWriter([&] {
            m_file.setCheckpointEvery(commits);
            return true;
        });
}

} // namespace hookscope
