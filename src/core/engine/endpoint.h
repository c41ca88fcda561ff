#pragma once

#include "core/config/endpointconfig.h"
#include "core/engine/attemptlog.h"
#include "core/engine/deadletterfilter.h"
#include "core/engine/deadletters.h"
#include "core/engine/endpointmetrics.h"
#include "core/engine/endpointsnapshot.h"
#include "core/journal/journal.h"
#include "core/chain/eventfilter.h"
#include "core/chain/eventqueue.h"
#include "core/chain/httpsink.h"
#include "core/chain/retryingsink.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>

class QNetworkAccessManager;

namespace hookscope {

// One notification endpoint: filter -> queue -> retrying sink -> HTTP sink, as the registry composes
// it, plus what the registry lacks: operator commands, an attempt log, dead letters, runtime edits
// and a close that never hangs. Lives on the engine thread.
class Endpoint final : public QObject
{
    Q_OBJECT
public:
    Endpoint(const EndpointConfig &config, QNetworkAccessManager *network, QObject *parent = nullptr);
    ~Endpoint() override;

    const EndpointConfig &config() const { return m_config; }
    QString name() const { return m_config.name; }

    // Filters and enqueues; never waits for the network. False once closed.
    bool write(const EventBlock &block);

    // Durable mode: from now on every queue change, dead letter and metric total is recorded in
    // `journal` (which outlives the endpoint). Without one the endpoint is purely in memory.
    void setJournal(Journal *journal);
    // Puts back what the journal held for this endpoint, before any new event is written. Events
    // that were in flight are delivered again and counted as redeliveries.
    void restore(const Journal::EndpointRecovery &recovered);

    // Applies a changed configuration without losing the queue, counters or breaker state.
    void reconfigure(const EndpointConfig &config);

    // Operator commands.
    void pause();
    void resume();
    void retryNow();
    qsizetype skipHead();                                  // head -> dead letters; returns events moved
    qsizetype purge();                                     // whole queue -> dead letters
    qsizetype replayDeadLetters(const QSet<QByteArray> &ids = {});   // back to the tail

    // Replay to any endpoint, in three steps the engine runs inside one journal commit group:
    // take the matching dead letters out of this endpoint's store (in their order), queue events
    // at the tail of the target (its filter is not applied: the operator chose them), then drop
    // the taken dead letters' journal rows here. Entries that could not be queued go back.
    QVector<DeadLetters::Entry> takeDeadLetters(const DeadLetterFilter &filter);
    bool enqueueReplayed(const EventBlock &events);   // false when closed (nothing queued)
    void recordDeadLettersTaken(const QVector<DeadLetters::Entry> &entries);
    void putBackDeadLetters(const QVector<DeadLetters::Entry> &entries);

    // Stops accepting, lets the queue drain for up to deadlineMs, then abandons the attempt in flight.
    // `done` gets the number of events left undelivered (still queued). Never blocks.
    void close(int deadlineMs, std::function<void(qsizetype left)> done);
    bool isClosed() const { return m_queue.isClosed(); }

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
    void handleEgress(const EventBlock &block, const SinkResult &result, bool wasSent);
    void finishClose();
    void installBacking();
    void updateJournalLink();
    HttpSink::Settings httpSettings() const;

    EndpointConfig m_config;
    EventFilter m_filter;
    EndpointMetrics m_metrics;
    std::shared_ptr<AttemptLog> m_attemptLog = std::make_shared<AttemptLog>();
    std::shared_ptr<DeadLetters> m_deadLetters = std::make_shared<DeadLetters>();
    HttpSink m_http;
    RetryingSink m_retrying;
    EventQueue m_queue;
    bool m_paused = false;
    bool m_closed = false;   // close() finished: drained or abandoned
    DeadLetters::Reason m_cancelReason = DeadLetters::Reason::Skipped;
    std::function<void(qsizetype)> m_closeDone;
    QPointer<Journal> m_journal;
    // What the queue view's page reads (on the GUI thread) need to find this queue in the journal:
    // a queue position p is journal position p + offset. Shared so a read can outlive a rename.
    struct JournalLink
    {
        QMutex mutex;
        QString name;
        qint64 offset = 0;
    };
    std::shared_ptr<JournalLink> m_link = std::make_shared<JournalLink>();
    bool m_restoring = false;   // restore() writes to the queue: already journalled
    QTimer m_closeDeadline{this};
};

} // namespace hookscope
