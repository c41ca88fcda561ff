#include "core/journal/journalqueuestore.h"

#include "core/journal/journal.h"

#include <QLoggingCategory>

namespace hookscope {

Q_LOGGING_CATEGORY(lcJournalStore, "hookscope.core.journal.store")

JournalQueueStore::JournalQueueStore(Journal *journal, const QString &endpoint)
    : m_journal(journal)
    , m_name(endpoint)
{
    m_link->name = endpoint;
}

JournalQueueStore::~JournalQueueStore()
{
    if (m_journal)
        m_journal->setTotalsProvider(m_name, {});
}

QueueStoreFactory JournalQueueStore::factory(Journal *journal)
{
    return [journal = QPointer<Journal>(journal)](const QString &endpoint) {
        return std::make_unique<JournalQueueStore>(journal.data(), endpoint);
    };
}

void JournalQueueStore::alignPositions(quint64 appended)
{
    if (!m_journal)
        return;
    // Both numberings advance by one per enqueued event, so the difference is fixed once the
    // journal has recorded everything this queue holds (at attach and after a restore).
    const QMutexLocker lock(&m_link->mutex);
    m_link->offset = m_journal->queueTail(m_name) - qint64(appended);
}

QueueBacking JournalQueueStore::backing()
{
    if (!m_journal)
        return {};
    QueueBacking backing;
    backing.window = m_journal->queueWindow();
    backing.load = [this](quint64 start, qsizetype count, std::function<void(quint64, const EventBlock &)> done) {
        if (!m_journal) {
            done(start, {});
            return;
        }
        const qint64 offset = m_link->offset;   // written on this thread only
        m_journal->readQueue(m_name, qint64(start) + offset, count, [done, offset](const QueueRows &rows) {
            done(quint64(rows.first - offset), rows.events);
        });
    };
    backing.loadNow = [this](quint64 start, qsizetype count) -> EventBlock {
        if (!m_journal)
            return {};
        const qint64 position = qint64(start) + m_link->offset;
        const QueueRows rows = m_journal->readQueueNow(m_name, position, count);
        if (!rows.error.isEmpty() || (!rows.events.empty() && rows.first != position)) {
            qCWarning(lcJournalStore).noquote()
                << "endpoint" << m_name << "cannot read its queue back:"
                << (rows.error.isEmpty() ? QStringLiteral("rows are missing") : rows.error);
            return {};
        }
        return rows.events;
    };
    backing.detached = [link = m_link, journal = m_journal.data()](quint64 start, qsizetype count,
                                                                 PendingEvents::PageCallback done) {
        QString name;
        qint64 offset = 0;
        {
            const QMutexLocker lock(&link->mutex);
            name = link->name;
            offset = link->offset;
        }
        journal->readQueueDetached(name, qint64(start) + offset, count, [done, offset](const QueueRows &rows) {
            done(quint64(qMax<qint64>(0, rows.first - offset)), rows.events);
        });
    };
    return backing;
}

void JournalQueueStore::recordEnqueued(const EventBlock &events)
{
    if (m_journal)
        m_journal->recordEnqueued(m_name, events);
}

void JournalQueueStore::recordSent(qsizetype headCount)
{
    if (m_journal)
        m_journal->recordSent(m_name, headCount);
}

void JournalQueueStore::recordRemoved(const EventBlock &events, const Removal *dead)
{
    if (!m_journal)
        return;
    if (!dead) {
        m_journal->recordRemoved(m_name, events);
        return;
    }
    const Journal::DeadLetterInfo info{dead->reason, dead->attempts, dead->lastError};
    m_journal->recordRemoved(m_name, events, &info);
}

void JournalQueueStore::recordDeadLettersTaken(const EventBlock &events)
{
    if (m_journal)
        m_journal->recordDeadLettersTaken(m_name, events);
}

void JournalQueueStore::setTotalsProvider(std::function<QByteArray()> provider)
{
    m_totals = std::move(provider);
    if (m_journal)
        m_journal->setTotalsProvider(m_name, m_totals);
}

void JournalQueueStore::markTotalsDirty()
{
    if (m_journal)
        m_journal->markTotalsDirty(m_name);
}

void JournalQueueStore::rename(const QString &to)
{
    if (!m_journal || to == m_name)
        return;
    m_journal->renameEndpoint(m_name, to);
    m_name = to;
    m_journal->setTotalsProvider(m_name, m_totals);
    const QMutexLocker lock(&m_link->mutex);
    m_link->name = to;
}

void JournalQueueStore::beginGroup()
{
    if (m_journal)
        m_journal->beginGroup();
}

void JournalQueueStore::endGroup()
{
    if (m_journal)
        m_journal->endGroup();
}

} // namespace hookscope
