#include "journal/journal.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <limits>

namespace hookscope {

Q_LOGGING_CATEGORY(lcJournal, "hookscope.core.journal")

namespace {

DeadLetters::Reason reasonFromName(const QString &name)
{
    for (DeadLetters::Reason reason : {DeadLetters::Reason::Skipped, DeadLetters::Reason::Purged,
                                       DeadLetters::Reason::GaveUp, DeadLetters::Reason::Closed}) {
        if (deadLetterReasonName(reason) == name)
            return reason;
    }
    return DeadLetters::Reason::Skipped;
}

} // namespace

Journal::Journal(QObject *parent)
    : QObject(parent)
{
    // A few ms: long enough for the requests that arrive together to share a commit, short enough
    // that an acknowledgement never waits noticeably.
    m_timer.setInterval(2);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Journal::startCommit);
    m_writerThread.setObjectName(QStringLiteral("hookscope-journal"));
}

Journal::~Journal()
{
    if (!m_writer)
        return;
    commitNow();
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

bool Journal::open(const QString &path, QString *error)
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
    const bool ok = onWriter([&] { return m_file.open(path, &why); });
    m_path = m_file.path();
    if (!ok)
        *error = why;
    return ok;
}

bool Journal::recover(QHash<QString, EndpointRecovery> *endpoints, QString *error)
{
    JournalContents contents;
    QString why;
    if (!m_writer || !onWriter([&] { return m_file.load(&contents, &why); })) {
        *error = m_writer ? why : QStringLiteral("journal is not open");
        return false;
    }
    m_nextKey = contents.maxKey + 1;
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
        byKey.insert(key, event);
        m_refs.insert(event.get(), {event, key, 0});
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
            ++m_refs[event.get()].refs;
            recovered.queue.push_back(event);
            // Only the head can have been in flight; "sent" rows behind an unsent one cannot occur.
            if (leading && row.sent)
                ++recovered.inFlight;
            else
                leading = false;
        }
        if (!it->queue.isEmpty()) {
            lane.head = it->queue.constFirst().position;
            lane.tail = it->queue.constLast().position + 1;
        }
        for (const JournalContents::Dead &row : it->dead) {
            const EventPtr event = eventFor(row.key);
            if (!event)
                return false;
            ++m_refs[event.get()].refs;
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
    for (auto it = contents.events.constBegin(); it != contents.events.constEnd(); ++it) {
        if (!byKey.contains(it.key()))
            push({JournalOp::DeleteEvent, {}, it.key(), 0, 0, 0, {}, {}, {}});
    }
    return true;
}

qint64 Journal::addRef(const EventPtr &event)
{
    auto it = m_refs.find(event.get());
    if (it == m_refs.end()) {
        const qint64 key = m_nextKey++;
        it = m_refs.insert(event.get(), {event, key, 0});
        JournalOp insert;
        insert.kind = JournalOp::InsertEvent;
        insert.key = key;
        insert.event = event;
        push(std::move(insert));
    }
    ++it->refs;
    return it->key;
}

void Journal::release(const EventPtr &event)
{
    const auto it = m_refs.find(event.get());
    if (it == m_refs.end())
        return;
    if (--it->refs <= 0) {
        push({JournalOp::DeleteEvent, {}, it->key, 0, 0, 0, {}, {}, {}});
        m_refs.erase(it);
    }
}

void Journal::recordEnqueued(const QString &endpoint, const EventBlock &events)
{
    if (hasFailed())
        return;
    Lane &lane = m_lanes[endpoint];
    for (const EventPtr &event : events) {
        const qint64 key = addRef(event);
        push({JournalOp::Enqueue, endpoint, key, lane.tail++, 0, 0, {}, {}, {}});
    }
    markTotalsDirty(endpoint);
}

void Journal::recordSent(const QString &endpoint, qsizetype headCount)
{
    if (hasFailed())
        return;
    const Lane &lane = m_lanes[endpoint];
    push({JournalOp::MarkSent, endpoint, 0, lane.head, lane.head + headCount, 0, {}, {}, {}});
}

void Journal::recordRemoved(const QString &endpoint, const EventBlock &events, const DeadLetterInfo *dead)
{
    if (hasFailed() || events.empty())
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
        release(event);
    markTotalsDirty(endpoint);
}

void Journal::recordDeadLettersTaken(const QString &endpoint, const EventBlock &events)
{
    if (hasFailed())
        return;
    for (const EventPtr &event : events) {
        const auto it = m_refs.constFind(event.get());
        if (it == m_refs.constEnd())
            continue;
        push({JournalOp::RemoveDeadLetter, endpoint, it->key, 0, 0, 0, {}, {}, {}});
        release(event);
    }
}

void Journal::forgetEndpoint(const QString &endpoint, const EventBlock &queued, const EventBlock &dead)
{
    if (hasFailed())
        return;
    push({JournalOp::DropEndpoint, endpoint, 0, 0, 0, 0, {}, {}, {}});
    for (const EventPtr &event : queued)
        release(event);
    for (const EventPtr &event : dead)
        release(event);
    m_lanes.remove(endpoint);
}

void Journal::renameEndpoint(const QString &from, const QString &to)
{
    if (from == to || hasFailed())
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
    if (m_ops.size() >= m_maxBatchOps)
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
    if (m_ops.size() >= m_maxBatchOps)
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
    if (m_committing || hasFailed() || !m_writer)
        return;
    for (auto it = m_lanes.begin(); it != m_lanes.end(); ++it) {
        if (it->totalsDirty && it->totals)
            m_ops.append({JournalOp::SetTotals, it.key(), 0, 0, 0, 0, {}, it->totals(), {}});
        it->totalsDirty = false;
    }
    m_totalsDirty = false;
    if (m_ops.isEmpty()) {
        const QVector<DurableCallback> waiters = std::exchange(m_waiters, {});
        for (const DurableCallback &done : waiters)
            done(true, {});
        return;
    }
    m_committing = true;
    m_committingWaiters = std::exchange(m_waiters, {});
    QMetaObject::invokeMethod(m_writer, [this, ops = std::exchange(m_ops, {})] {
        QString error;
        const bool ok = m_file.apply(ops, &error);
        QMetaObject::invokeMethod(this, [this, ok, error] { finishCommit(ok, error); }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void Journal::finishCommit(bool ok, const QString &error)
{
    m_committing = false;
    if (ok)
        ++m_commits;
    else
        fail(error);
    const QVector<DurableCallback> waiters = std::exchange(m_committingWaiters, {});
    for (const DurableCallback &done : waiters)
        done(ok, m_failure);
    if (hasFailed()) {
        const QVector<DurableCallback> later = std::exchange(m_waiters, {});
        for (const DurableCallback &done : later)
            done(false, m_failure);
        return;
    }
    // Group commit: what gathered during that fsync goes now, in one transaction.
    if (!m_ops.isEmpty() || !m_waiters.isEmpty() || m_totalsDirty)
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
    for (;;) {
        if (!m_committing)
            startCommit();
        if (!m_committing)
            return !hasFailed();
        waitForWriter();
    }
}

void Journal::fail(const QString &error)
{
    // Nothing later can be trusted to land after a failed commit: stop accepting for good and say
    // so, rather than acknowledge events that only live in memory.
    m_failure = error;
    m_ops.clear();
    qCCritical(lcJournal).noquote() << error << "- new events are refused until hookscope restarts";
}

} // namespace hookscope
