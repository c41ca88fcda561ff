#pragma once

#include "core/config/endpointconfig.h"
#include "core/engine/attemptlog.h"
#include "core/engine/deadletterfilter.h"
#include "core/engine/deadletters.h"
#include "core/engine/endpointmetrics.h"
#include "core/engine/endpointsnapshot.h"
#include "core/chain/eventfilter.h"
#include "core/chain/eventqueue.h"
#include "core/chain/httpsink.h"
#include "core/chain/retryingsink.h"
#include "core/store/queuestore.h"

#include <QObject>
#include <QSet>

#include <functional>

class QNetworkAccessManager;

namespace hookscope {

// One notification endpoint: filter -> queue -> retrying sink -> HTTP sink, as the registry composes
// it, plus what the registry lacks: operator commands, an attempt log, dead letters, runtime edits
// and a close that never hangs. Lives on the engine thread.
//
// Its stages report to it through one reporter (the queue's, see SinkResult); commands pass their
// reason down. "Paused" is the retrying sink's, "closed" the queue's. What outlives the process
// is its QueueStore's business: the endpoint tells the store every change and never asks which
// store it has. Time comes from the Clock it was given, nothing else.
class Endpoint final : public QObject
{
    Q_OBJECT
public:
    Endpoint(const EndpointConfig &config, QNetworkAccessManager *network, QObject *parent = nullptr,
             Clock &clock = Clock::system());
    ~Endpoint() override;

    const EndpointConfig &config() const { return m_config; }
    QString name() const { return m_config.name; }

    // Filters and enqueues; never waits for the network. False once closed.
    bool write(const EventBlock &block);

    // From now on every queue change, dead letter and metric total is told to `store`. Set before
    // any event is written; the default is a MemoryQueueStore (nothing outlives the process).
    void setStore(std::unique_ptr<QueueStore> store);
    // Puts back what the store held for this endpoint, before any new event is written. Events
    // that were in flight are delivered again and counted as redeliveries.
    void restore(const QueueRecovery &recovered);

    // Applies a changed configuration without losing the queue, counters or breaker state.
    void reconfigure(const EndpointConfig &config);

    // Operator commands.
    void pause();
    void resume();
    void retryNow();
    qsizetype skipHead();                                  // head -> dead letters; returns events moved
    qsizetype purge();                                     // whole queue -> dead letters
    qsizetype replayDeadLetters(const QSet<QByteArray> &ids = {});   // back to the tail

    // Replay to any endpoint, in three steps the engine runs inside one store group:
    // take the matching dead letters out of this endpoint's store (in their order), queue events
    // at the tail of the target (its filter is not applied: the operator chose them), then drop
    // the taken dead letters' stored rows here. Entries that could not be queued go back.
    QVector<DeadLetters::Entry> takeDeadLetters(const DeadLetterFilter &filter);
    bool enqueueReplayed(const EventBlock &events);   // false when closed (nothing queued)
    void recordDeadLettersTaken(const QVector<DeadLetters::Entry> &entries);
    void putBackDeadLetters(const QVector<DeadLetters::Entry> &entries);

    // Stops accepting, lets the queue drain for up to deadlineMs, then abandons the attempt in flight.
    // `done` gets the number of events left undelivered (still queued). Never blocks.
    void close(int deadlineMs, std::function<void(qsizetype left)> done);
    bool isClosed() const { return m_queue.isClosed(); }
    bool isPaused() const { return m_retrying.isPaused(); }

    EndpointState state() const;
    EndpointSnapshot snapshot() const;
    const EventQueue &queue() const { return m_queue; }
    const AttemptLog &attemptLog() const { return *m_attemptLog; }
    void setAttemptBudget(std::shared_ptr<AttemptBudget> budget) { m_attemptLog->setBudget(std::move(budget)); }
    const DeadLetters &deadLetters() const { return *m_deadLetters; }
    const EndpointMetrics &metrics() const { return m_metrics; }

Q_SIGNALS:
    void changed();   // anything a snapshot shows may have changed

private:
    bool enqueue(const EventBlock &events);
    void handleReport(const SinkResult &report);
    void recordAttempt(const AttemptRecord &attempt);
    void handleLeft(const SinkResult &result);
    void finishClose();
    HttpSink::Settings httpSettings() const;

    EndpointConfig m_config;
    Clock &m_clock;
    EventFilter m_filter;
    EndpointMetrics m_metrics;
    std::shared_ptr<AttemptLog> m_attemptLog = std::make_shared<AttemptLog>();
    std::shared_ptr<DeadLetters> m_deadLetters = std::make_shared<DeadLetters>();
    std::unique_ptr<QueueStore> m_store;
    HttpSink m_http;
    RetryingSink m_retrying;
    EventQueue m_queue;
    // Set from close() until the queue drained or the deadline passed.
    std::function<void(qsizetype)> m_closeDone;
    std::unique_ptr<ClockTimer> m_closeDeadline;
};

} // namespace hookscope
