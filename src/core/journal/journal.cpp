#include "core/journal/journal.h"

#include <QDateTime>
#include <QLoggingCategory>

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
    m_committer.setBeforeCommit([this](QVector<JournalOp> *ops) { addDirtyTotals(ops); });
    m_committer.setWritableChanged([this](bool writable, const QString &reason) {
        Q_EMIT writableChanged(writable, reason);
    });
}

Journal::~Journal()
{
    if (!m_writer.isRunning())
        return;
    if (!commitNow())
        qCWarning(lcJournal).noquote() << failure() << "- closing with" << bufferedOps()
                                       << "changes unwritten (none of them was acknowledged)";
    m_writer.stop();   // closes the file on the writer thread, which opened it
}

bool Journal::open(const QString &path, QString *error, bool resetAfterLoss)
{
    if (m_writer.isRunning()) {
        *error = QStringLiteral("journal %1 is already open").arg(m_path);
        return false;
    }
    m_path = path;
    m_writer.start();
    QString why;
    const bool ok = m_writer.run([&](JournalFile &file) { return file.open(path, &why, resetAfterLoss); });
    m_path = m_writer.file().path();
    m_resetNote = m_writer.file().resetNote();
    if (!ok)
        *error = why;
    return ok;
}

bool Journal::recover(QHash<QString, EndpointRecovery> *endpoints, QString *error)
{
    JournalContents contents;
    QString why;
    if (!m_writer.run([&](JournalFile &file) { return file.load(&contents, &why, m_window); })) {
        *error = m_writer.isRunning() ? why : QStringLiteral("journal is not open");
        return false;
    }
    m_refs.restore(contents.maxKey, contents.references);
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
        event->setJournalKey(m_refs.tagged(key));
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

qint64 Journal::addRef(const EventPtr &event)
{
    qint64 key = keyOf(*event);
    if (key == 0) {
        key = m_refs.newKey();
        event->setJournalKey(m_refs.tagged(key));
        JournalOp insert;
        insert.kind = JournalOp::InsertEvent;
        insert.key = key;
        insert.event = event;   // held until the commit that writes it, then only by the queues
        push(std::move(insert));
    }
    m_refs.add(key);
    return key;
}

void Journal::release(qint64 key)
{
    if (m_refs.release(key))   // the last reference: the event's row goes too
        push({JournalOp::DeleteEvent, {}, key, 0, 0, 0, {}, {}, {}});
}

void Journal::readQueue(const QString &endpoint, qint64 position, qsizetype count, RowsCallback done)
{
    if (!m_writer.isRunning()) {
        QueueRows rows;
        rows.error = QStringLiteral("journal is not open");
        done(rows);
        return;
    }
    auto read = [this, endpoint, position, count, tag = m_refs.tag(), done = std::move(done)](JournalFile &file) {
        // On the writer thread, after the commit that carried everything recorded before the call.
        QueueRows rows = file.readQueue(endpoint, position, count, tag);
        QMetaObject::invokeMethod(this, [done, rows = std::move(rows)] { done(rows); }, Qt::QueuedConnection);
    };
    m_committer.read(std::move(read));
}

void Journal::readQueueDetached(const QString &endpoint, qint64 position, qsizetype count, RowsCallback done)
{
    m_writer.post([endpoint, position, count, tag = m_refs.tag(), done = std::move(done)](JournalFile &file) {
        done(file.readQueue(endpoint, position, count, tag));
    });
}

QueueRows Journal::readQueueNow(const QString &endpoint, qint64 position, qsizetype count)
{
    QueueRows rows;
    if (!m_writer.isRunning() || !commitNow()) {
        rows.error = hasFailed() ? failure() : QStringLiteral("journal is not open");
        return rows;
    }
    m_writer.run([&](JournalFile &file) {
        rows = file.readQueue(endpoint, position, count, m_refs.tag());
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
    if (!m_writer.run([&](JournalFile &file) { return file.queueKeys(endpoint, &queued, &error); })) {
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
    m_committer.requestCommit();
}

void Journal::addDirtyTotals(QVector<JournalOp> *ops)
{
    // Asked for now rather than at each change: a busy endpoint's totals change per event.
    for (auto it = m_lanes.begin(); it != m_lanes.end(); ++it) {
        if (it->totalsDirty && it->totals)
            ops->append({JournalOp::SetTotals, it.key(), 0, 0, 0, 0, {}, it->totals(), {}});
        it->totalsDirty = false;
    }
}

qint64 Journal::setMaxPageCount(qint64 pages)
{
    qint64 result = -1;
    m_writer.run([&](JournalFile &file) {
        result = file.setMaxPageCount(pages);
        return true;
    });
    return result;
}

bool Journal::checkpointNow()
{
    QString error;
    return m_writer.isRunning() && commitNow() && m_writer.run([&](JournalFile &file) { return file.checkpoint(&error); });
}

void Journal::setCheckpointEvery(int commits)
{
    m_writer.run([&](JournalFile &file) {
        file.setCheckpointEvery(commits);
        return true;
    });
}

} // namespace hookscope
