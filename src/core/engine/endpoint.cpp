#include "core/engine/endpoint.h"

#include "core/store/memoryqueuestore.h"

#include <QLoggingCategory>

namespace hookscope {

Q_LOGGING_CATEGORY(lcEndpoint, "hookscope.core.endpoint")

Endpoint::Endpoint(const EndpointConfig &config, QNetworkAccessManager *network, QObject *parent, Clock &clock)
    : QObject(parent)
    , m_config(config)
    , m_clock(clock)
    , m_filter(config)
    , m_metrics(clock)
    , m_store(std::make_unique<MemoryQueueStore>())
    // Children of the endpoint, so they share its thread affinity whatever thread created it.
    , m_http(network, {}, this, clock)
    , m_retrying(&m_http, RetryPolicy::create(config), this, clock)
    , m_queue(&m_retrying, this)
    , m_closeDeadline(clock.createTimer(this, [this] { finishClose(); }))
{
    m_http.setSettings(httpSettings());
    // A body that trailed its headers reaches the log after the attempt's record.
    m_http.setBodyAmender([this](qint64 sequence, QByteArray body, QString note) {
        m_attemptLog->amendResponseBody(sequence, std::move(body), note);
        Q_EMIT changed();
    });
    m_retrying.setLimits(config.maxAttempts, config.maxAgeNs / 1'000'000);
    m_queue.setBatchSize(config.maxBatch);
    m_queue.setReporter([this](const SinkResult &report) { handleReport(report); });
    if (config.paused)
        pause();
}

Endpoint::~Endpoint()
{
    // Abandon the attempt in flight before members go away, so no report reaches a half-destroyed
    // chain, and no page read of the queue view starts after this.
    m_queue.setReporter({});
    m_queue.setBacking({});
    m_store.reset();
    m_retrying.cancel(DeadLetterReason::Closed);
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
        enqueue(kept);
    Q_EMIT changed();
    return true;
}

bool Endpoint::enqueue(const EventBlock &events)
{
    // Counted and stored before the queue sees them: it may hand them on (and report them gone)
    // inside write(), and the store must never see a removal before the enqueue.
    if (m_queue.isClosed())
        return false;
    m_metrics.recordIngress(qint64(events.size()));
    m_store->recordEnqueued(events);
    return m_queue.write(events);
}

void Endpoint::handleReport(const SinkResult &report)
{
    if (report.attempt)
        recordAttempt(*report.attempt);
    switch (report.kind) {
    case SinkResult::Attempting:
        if (report.attempts == 1 && !report.block.empty())
            m_store->recordSent(qsizetype(report.block.size()));
        break;
    case SinkResult::Attempted:
    case SinkResult::Waiting:
        break;
    case SinkResult::Drained:
        if (m_closeDone)
            finishClose();
        break;
    case SinkResult::Ok:
    case SinkResult::Failed:
    case SinkResult::GaveUp:
    case SinkResult::Cancelled:
        handleLeft(report);
        break;
    }
    Q_EMIT changed();
}

void Endpoint::recordAttempt(const AttemptRecord &attempt)
{
    m_metrics.recordAttempt(attempt);
    m_attemptLog->append(attempt);
    m_store->markTotalsDirty();
    if (attempt.outcome == AttemptRecord::Failure || attempt.outcome == AttemptRecord::Error) {
        qCDebug(lcEndpoint).noquote() << "endpoint" << m_config.name << "attempt" << attempt.sequence
                                      << "failed:" << attempt.errorText;
    }
}

void Endpoint::handleLeft(const SinkResult &result)
{
    const EventBlock &block = result.block;
    if (block.empty())
        return;
    m_metrics.recordEgress(qint64(block.size()));
    if (result.kind != SinkResult::GaveUp && result.kind != SinkResult::Cancelled) {
        m_store->recordRemoved(block, nullptr);
        return;
    }
    const DeadLetterReason reason = result.deadLetterReason();
    const QString lastError = result.kind == SinkResult::GaveUp ? result.message : result.lastError;
    m_deadLetters->add(block, reason, result.attempts, lastError);
    // Closing a durable store's endpoint only stops this process: what was queued stays queued
    // there and is delivered after the restart, instead of turning into "closed" dead letters.
    if (reason == DeadLetterReason::Closed && m_store->isDurable())
        return;
    const QueueStore::Removal dead{reason, result.attempts, lastError};
    m_store->recordRemoved(block, &dead);
}

void Endpoint::setStore(std::unique_ptr<QueueStore> store)
{
    m_store = store ? std::move(store) : std::make_unique<MemoryQueueStore>();
    m_store->setTotalsProvider([this] { return m_metrics.totalsJson(); });
    m_store->alignPositions(m_queue.pending()->counters().appended);
    m_queue.setBacking(m_store->backing());
}

void Endpoint::restore(const QueueRecovery &recovered)
{
    m_deadLetters->restore(recovered.deadLetters);
    // Only the head comes back into memory; counts Events and Pending as ingress, totals fix Events.
    const qsizetype queued = qsizetype(recovered.queue.size()) + recovered.beyond;
    if (queued > 0) {
        m_metrics.recordIngress(qint64(queued));
        m_queue.restore(recovered.queue, recovered.beyond);
    }
    m_store->alignPositions(m_queue.pending()->counters().appended);
    m_metrics.restoreTotals(recovered.totals);
    m_metrics.recordRedeliveries(qint64(recovered.inFlight));
    m_store->markTotalsDirty();
    Q_EMIT changed();
}

void Endpoint::reconfigure(const EndpointConfig &config)
{
    const bool policyKindChanged = config.retryPolicy != m_config.retryPolicy;
    m_store->rename(config.name);
    m_config = config;
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
    m_retrying.pause();
    Q_EMIT changed();
}

void Endpoint::resume()
{
    m_retrying.resume();
    Q_EMIT changed();
}

void Endpoint::retryNow()
{
    m_retrying.retryNow();
    Q_EMIT changed();
}

qsizetype Endpoint::skipHead()
{
    const EventBlock skipped = m_queue.skipHead(DeadLetterReason::Skipped);   // handleLeft files them
    Q_EMIT changed();
    return qsizetype(skipped.size());
}

qsizetype Endpoint::purge()
{
    const EventBlock purged = m_queue.purge(DeadLetterReason::Purged);
    Q_EMIT changed();
    return qsizetype(purged.size());
}

qsizetype Endpoint::replayDeadLetters(const QSet<QByteArray> &ids)
{
    const QueueStore::Group group(*m_store);   // queued and no longer dead, stored at once
    const EventBlock events = m_deadLetters->take(ids);
    if (!events.empty() && !enqueue(events)) {
        // Closed: put them back rather than lose them.
        m_deadLetters->add(events, DeadLetterReason::Closed, 0, QStringLiteral("endpoint closed"));
        return 0;
    }
    // After the enqueue, so the store enqueues them before it drops their dead-letter rows.
    m_store->recordDeadLettersTaken(events);
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
    if (!enqueue(events))
        return false;
    Q_EMIT changed();
    return true;
}

void Endpoint::recordDeadLettersTaken(const QVector<DeadLetters::Entry> &entries)
{
    if (entries.isEmpty())
        return;
    EventBlock events;
    events.reserve(size_t(entries.size()));
    for (const DeadLetters::Entry &entry : entries)
        events.push_back(entry.event);
    m_store->recordDeadLettersTaken(events);
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
    if (m_queue.size() == 0 || isPaused() || deadlineMs <= 0) {
        finishClose();
        return;
    }
    m_closeDeadline->start(deadlineMs);
}

void Endpoint::finishClose()
{
    m_closeDeadline->stop();
    auto done = std::move(m_closeDone);
    m_closeDone = nullptr;
    // What did not drain in time is abandoned, attempt in flight included, and filed as dead letters
    // ("closed") so it stays visible and replayable instead of vanishing as in the registry.
    m_retrying.pause();
    // With a durable store what is not in memory stays there for the next start: not read back.
    const qsizetype left = m_queue.size();
    m_queue.purge(DeadLetterReason::Closed, !m_store->isDurable());
    if (left > 0)
        qCInfo(lcEndpoint).noquote() << "endpoint" << m_config.name << "closed with" << left
                                     << "events undelivered";
    Q_EMIT changed();
    if (done)
        done(left);
}

EndpointState Endpoint::state() const
{
    // Closed once close() has finished (the queue stopped accepting and nothing drains any more).
    if (m_queue.isClosed() && !m_closeDone)
        return EndpointState::Closed;
    if (isPaused())
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
    s.config.paused = isPaused();
    s.state = state();
    m_metrics.fill(s);
    s.consecutiveFailures = m_retrying.policy().consecutiveFailures();
    s.nextAttemptAt = m_retrying.nextAttemptAt();
    const qint64 oldest = m_queue.oldestAcceptedAtMs();
    s.oldestPendingAgeMs = oldest > 0 ? m_clock.ageOfWallMs(oldest) : 0;
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
