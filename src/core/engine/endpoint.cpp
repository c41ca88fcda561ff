#include "core/engine/endpoint.h"

#include "core/base/monotonicclock.h"

#include <QLoggingCategory>

namespace hookscope {

Q_LOGGING_CATEGORY(lcEndpoint, "hookscope.core.endpoint")

Endpoint::Endpoint(const EndpointConfig &config, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_filter(config)
    // Children of the endpoint, so they share its thread affinity whatever thread created it.
    , m_http(network, {}, this)
    , m_retrying(&m_http, RetryPolicy::create(config), this)
    , m_queue(&m_retrying, this)
{
    m_http.setSettings(httpSettings());
    m_http.setAttemptObserver([this](const AttemptRecord &record) {
        m_metrics.recordAttempt(record);
        m_attemptLog->append(record);
        if (m_journal)
            m_journal->markTotalsDirty(m_config.name);
        if (record.outcome == AttemptRecord::Failure || record.outcome == AttemptRecord::Error) {
            qCDebug(lcEndpoint).noquote() << "endpoint" << m_config.name << "attempt"
                                          << record.sequence << "failed:" << record.errorText;
        }
        Q_EMIT changed();
    });
    m_retrying.setLimits(config.maxAttempts, config.maxAgeNs / 1'000'000);
    connect(&m_retrying, &RetryingSink::phaseChanged, this, &Endpoint::changed);
    m_queue.setBatchSize(config.maxBatch);
    m_queue.setListener({
        [this](const EventBlock &block) {
            m_metrics.recordIngress(qint64(block.size()));
            if (m_journal && !m_restoring)
                m_journal->recordEnqueued(m_config.name, block);
        },
        [this](const EventBlock &block, const SinkResult &result, bool wasSent) {
            handleEgress(block, result, wasSent);
        },
    });
    m_queue.setDispatchObserver([this](const EventBlock &block) {
        if (m_journal)
            m_journal->recordSent(m_config.name, qsizetype(block.size()));
    });
    connect(&m_queue, &EventQueue::emptied, this, [this] {
        if (m_closeDone)
            finishClose();
    });
    m_closeDeadline.setSingleShot(true);
    connect(&m_closeDeadline, &QTimer::timeout, this, &Endpoint::finishClose);
    if (config.paused)
        pause();
}

Endpoint::~Endpoint()
{
    // Abandon the attempt in flight before members go away, so no completion reaches a half-destroyed
    // chain.
    m_queue.setListener({});
    m_queue.setDispatchObserver({});
    m_queue.setBacking({});   // no page read of the queue view starts after this
    m_http.setAttemptObserver({});
    if (m_journal)
        m_journal->setTotalsProvider(m_config.name, {});
    m_retrying.cancel();
}

HttpSink::Settings Endpoint::httpSettings() const
{
    HttpSink::Settings settings;
    settings.url = QUrl(m_config.url);
    settings.headers = m_config.headers;
    settings.timeoutMs = m_config.timeoutMs();
    settings.transport = m_config.transport;
    return settings;
}

bool Endpoint::write(const EventBlock &block)
{
    if (m_queue.isClosed())
        return false;
    qint64 dropped = 0;
    const EventBlock kept = m_filter.apply(block, &dropped);
    if (dropped > 0)
        m_metrics.recordDropped(dropped);
    if (!kept.empty())
        m_queue.write(kept);
    Q_EMIT changed();
    return true;
}

void Endpoint::handleEgress(const EventBlock &block, const SinkResult &result, bool wasSent)
{
    m_metrics.recordEgress(qint64(block.size()));
    const int attempts = wasSent ? m_retrying.headAttempts() : 0;
    const QString lastError = wasSent ? m_retrying.lastResult().message : QString();
    if (result.kind == SinkResult::GaveUp)
        m_deadLetters->add(block, DeadLetters::Reason::GaveUp, attempts, result.message);
    else if (result.kind == SinkResult::Cancelled)
        m_deadLetters->add(block, m_cancelReason, attempts, lastError);
    if (m_journal) {
        if (result.kind == SinkResult::GaveUp) {
            const Journal::DeadLetterInfo dead{DeadLetters::Reason::GaveUp, attempts, result.message};
            m_journal->recordRemoved(m_config.name, block, &dead);
        } else if (result.kind == SinkResult::Cancelled) {
            // Closing only stops this process: what was queued stays queued in the journal and is
            // delivered after the restart, instead of turning into "closed" dead letters there.
            if (m_cancelReason != DeadLetters::Reason::Closed) {
                const Journal::DeadLetterInfo dead{m_cancelReason, attempts, lastError};
                m_journal->recordRemoved(m_config.name, block, &dead);
            }
        } else {
            m_journal->recordRemoved(m_config.name, block);
        }
    }
    Q_EMIT changed();
}

void Endpoint::setJournal(Journal *journal)
{
    m_journal = journal;
    if (m_journal)
        m_journal->setTotalsProvider(m_config.name, [this] { return m_metrics.totalsJson(); });
    installBacking();
}

void Endpoint::updateJournalLink()
{
    if (!m_journal)
        return;
    // Both numberings advance by one per enqueued event, so the difference is fixed once the
    // journal has recorded everything this queue holds (at setJournal and after a restore).
    const QMutexLocker lock(&m_link->mutex);
    m_link->name = m_config.name;
    m_link->offset = m_journal->queueTail(m_config.name) - qint64(m_queue.pending()->counters().appended);
}

void Endpoint::installBacking()
{
    if (!m_journal) {
        m_queue.setBacking({});
        return;
    }
    updateJournalLink();
    EventQueue::Backing backing;
    backing.window = m_journal->queueWindow();
    backing.load = [this](quint64 start, qsizetype count,
                          std::function<void(quint64, const EventBlock &)> done) {
        if (!m_journal) {
            done(start, {});
            return;
        }
        const qint64 offset = m_link->offset;   // written on this thread only
        m_journal->readQueue(m_config.name, qint64(start) + offset, count, [done, offset](const QueueRows &rows) {
            done(quint64(rows.first - offset), rows.events);
        });
    };
    backing.loadNow = [this](quint64 start, qsizetype count) -> EventBlock {
        if (!m_journal)
            return {};
        const qint64 position = qint64(start) + m_link->offset;
        const QueueRows rows = m_journal->readQueueNow(m_config.name, position, count);
        if (!rows.error.isEmpty() || (!rows.events.empty() && rows.first != position)) {
            qCWarning(lcEndpoint).noquote() << "endpoint" << m_config.name << "cannot read its queue back:"
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
    m_queue.setBacking(std::move(backing));
}

void Endpoint::restore(const Journal::EndpointRecovery &recovered)
{
    m_restoring = true;
    m_deadLetters->restore(recovered.deadLetters);
    // Only the head comes back into memory; counts Events and Pending as ingress, totals fix Events.
    const qsizetype queued = qsizetype(recovered.queue.size()) + recovered.beyond;
    if (queued > 0) {
        m_metrics.recordIngress(qint64(queued));
        m_queue.restore(recovered.queue, recovered.beyond);
    }
    updateJournalLink();
    m_metrics.restoreTotals(recovered.totals);
    m_metrics.recordRedeliveries(qint64(recovered.inFlight));
    m_restoring = false;
    if (m_journal)
        m_journal->markTotalsDirty(m_config.name);
    Q_EMIT changed();
}

void Endpoint::reconfigure(const EndpointConfig &config)
{
    const bool policyKindChanged = config.retryPolicy != m_config.retryPolicy;
    if (m_journal && config.name != m_config.name) {
        m_journal->renameEndpoint(m_config.name, config.name);
        m_journal->setTotalsProvider(config.name, [this] { return m_metrics.totalsJson(); });
    }
    m_config = config;
    if (m_journal) {
        const QMutexLocker lock(&m_link->mutex);
        m_link->name = config.name;
    }
    m_filter = EventFilter(config);
    m_http.setSettings(httpSettings());
    if (policyKindChanged)
        m_retrying.setPolicy(RetryPolicy::create(config));
    else
        m_retrying.policy().reconfigure(config);
    m_retrying.setLimits(config.maxAttempts, config.maxAgeNs / 1'000'000);
    m_queue.setBatchSize(config.maxBatch);
    Q_EMIT changed();
}

void Endpoint::pause()
{
    m_paused = true;
    m_queue.setPaused(true);
    m_retrying.pause();
    Q_EMIT changed();
}

void Endpoint::resume()
{
    m_paused = false;
    m_retrying.resume();
    m_queue.setPaused(false);
    Q_EMIT changed();
}

void Endpoint::retryNow()
{
    m_retrying.retryNow();
    Q_EMIT changed();
}

qsizetype Endpoint::skipHead()
{
    m_cancelReason = DeadLetters::Reason::Skipped;
    const EventBlock skipped = m_queue.skipHead();   // handleEgress files them as dead letters
    Q_EMIT changed();
    return qsizetype(skipped.size());
}

qsizetype Endpoint::purge()
{
    m_cancelReason = DeadLetters::Reason::Purged;
    const EventBlock purged = m_queue.purge();
    Q_EMIT changed();
    return qsizetype(purged.size());
}

qsizetype Endpoint::replayDeadLetters(const QSet<QByteArray> &ids)
{
    const Journal::CommitGroup group(m_journal.data());   // queued and no longer dead, on disk at once
    const EventBlock events = m_deadLetters->take(ids);
    if (!events.empty() && !m_queue.write(events)) {
        // Closed: put them back rather than lose them.
        m_deadLetters->add(events, DeadLetters::Reason::Closed, 0, QStringLiteral("endpoint closed"));
        return 0;
    }
    // After the write, so the journal enqueues them before it drops their dead-letter rows.
    if (m_journal)
        m_journal->recordDeadLettersTaken(m_config.name, events);
    Q_EMIT changed();
    return qsizetype(events.size());
}

QVector<DeadLetters::Entry> Endpoint::takeDeadLetters(const DeadLetterFilter &filter)
{
    QVector<DeadLetters::Entry> taken
        = m_deadLetters->takeIf([&filter](const DeadLetters::Entry &entry) { return filter.matches(entry); });
    if (!taken.isEmpty())
        Q_EMIT changed();
    return taken;
}

bool Endpoint::enqueueReplayed(const EventBlock &events)
{
    if (events.empty())
        return true;
    if (!m_queue.write(events))
        return false;
    Q_EMIT changed();
    return true;
}

void Endpoint::recordDeadLettersTaken(const QVector<DeadLetters::Entry> &entries)
{
    if (!m_journal || entries.isEmpty())
        return;
    EventBlock events;
    events.reserve(size_t(entries.size()));
    for (const DeadLetters::Entry &entry : entries)
        events.push_back(entry.event);
    m_journal->recordDeadLettersTaken(m_config.name, events);
}

void Endpoint::putBackDeadLetters(const QVector<DeadLetters::Entry> &entries)
{
    if (entries.isEmpty())
        return;
    m_deadLetters->putBack(entries);
    Q_EMIT changed();
}

void Endpoint::close(int deadlineMs, std::function<void(qsizetype)> done)
{
    m_queue.close();
    m_closeDone = std::move(done);
    if (m_queue.size() == 0 || m_paused || deadlineMs <= 0) {
        finishClose();
        return;
    }
    m_closeDeadline.start(deadlineMs);
}

void Endpoint::finishClose()
{
    m_closeDeadline.stop();
    auto done = std::move(m_closeDone);
    m_closeDone = nullptr;
    // What did not drain in time is abandoned, attempt in flight included, and filed as dead letters
    // ("closed") so it stays visible and replayable instead of vanishing as in the registry.
    m_closed = true;
    m_queue.setPaused(true);
    m_retrying.pause();
    m_cancelReason = DeadLetters::Reason::Closed;
    // In durable mode what is not in memory stays in the journal for the next start: not read back.
    const qsizetype left = m_queue.size();
    m_queue.purge(!m_journal);
    if (left > 0)
        qCInfo(lcEndpoint).noquote() << "endpoint" << m_config.name << "closed with" << left
                                     << "events undelivered";
    Q_EMIT changed();
    if (done)
        done(left);
}

EndpointState Endpoint::state() const
{
    if (m_closed)
        return EndpointState::Closed;
    if (m_paused)
        return EndpointState::Paused;
    switch (m_retrying.phase()) {
    case RetryingSink::Phase::Attempting:
        return EndpointState::Sending;
    case RetryingSink::Phase::Waiting:
        return EndpointState::BackingOff;
    case RetryingSink::Phase::Paused:
        return EndpointState::Paused;
    case RetryingSink::Phase::Idle:
        break;
    }
    return m_queue.isClosed() ? EndpointState::Closed : EndpointState::Idle;
}

EndpointSnapshot Endpoint::snapshot() const
{
    EndpointSnapshot s;
    s.config = m_config;
    s.config.paused = m_paused;
    s.state = state();
    m_metrics.fill(s);
    s.consecutiveFailures = m_retrying.policy().consecutiveFailures();
    s.nextAttemptAt = m_retrying.nextAttemptAt();
    const qint64 oldest = m_queue.oldestAcceptedAtMs();
    s.oldestPendingAgeMs = oldest > 0 ? qMax<qint64>(0, QDateTime::currentMSecsSinceEpoch() - oldest) : 0;
    if (oldest > 0)
        s.oldestPendingSince = QDateTime::fromMSecsSinceEpoch(oldest, Qt::UTC);
    if (const EventPtr head = m_queue.head())
        s.headEventId = head->id();
    s.headAttempts = m_queue.inFlight() ? m_retrying.headAttempts() : 0;
    s.deadLetters = m_deadLetters->size();
    s.stores = {m_queue.pending(), m_attemptLog, m_deadLetters};
    return s;
}

} // namespace hookscope
