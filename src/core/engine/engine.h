#pragma once

#include "core/base/clock.h"
#include "core/config/endpointconfig.h"
#include "core/engine/broadcaster.h"
#include "core/engine/endpointlist.h"
#include "core/engine/endpointsnapshot.h"
#include "core/model/eventrecord.h"
#include "core/store/queuestore.h"

#include <QMap>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace hookscope {

class AttemptBudget;
class DeadLetterFilter;
class Endpoint;
class Journal;

// The dispatcher: broadcaster, endpoints and the one QNetworkAccessManager they share. Everything
// here runs on one thread (the engine thread); other threads talk to it through EngineHost.
class Engine final : public QObject
{
    Q_OBJECT
public:
    // Every endpoint's chain takes its time from `clock` (a ManualClock runs them in virtual time).
    explicit Engine(QObject *parent = nullptr, Clock &clock = Clock::system());
    ~Engine() override;

    // Makes the endpoint list equal to `configs` (disabled ones are skipped, as the registry does):
    // new names are added, changed ones reconfigured in place (queue kept), missing ones removed.
    void applyEndpoints(const QList<EndpointConfig> &configs);
    bool addEndpoint(const EndpointConfig &config, int index = -1, QString *error = nullptr);
    bool updateEndpoint(const QString &name, const EndpointConfig &config, QString *error = nullptr);
    // Removes an endpoint; what it still had queued is reported in the log and returned.
    qsizetype removeEndpoint(const QString &name);

    // The way in for ingest, the generator and replay. False (nothing accepted) after shutdown.
    bool submit(const EventBlock &events, QString *error = nullptr);

    // Durable mode: endpoints record their queues in `journal` (which the engine then owns). Set it
    // before the endpoints are added, then recover(), then open the ways in.
    void setJournal(Journal *journal);
    Journal *journal() const { return m_journal; }
    // Where endpoints added from now on keep their queues (setJournal installs the journal's).
    // A new backend plugs in here: nothing below the engine changes.
    void setStoreFactory(QueueStoreFactory factory);
    // Gives every configured endpoint back what the journal held for it. Journalled endpoints that
    // are not configured stay in the journal untouched (and are named in the log).
    bool recoverFromJournal(QString *error);

    using SubmitDone = std::function<void(bool ok, const QString &error)>;
    // Like submit(), but `done` runs once the events are durable: at once without a journal, after
    // the group commit that holds them with one (or with ok == false if it failed).
    void submitDurable(const EventBlock &events, SubmitDone done);

    Endpoint *endpoint(const QString &name) const;
    QList<Endpoint *> endpoints() const { return m_endpoints.endpoints(); }
    QNetworkAccessManager *network() const { return m_network; }
    AttemptBudget &attemptBudget() const { return *m_attemptBudget; }   // every endpoint's attempt log shares it

    // Commands by endpoint name; false when there is no such endpoint.
    bool pause(const QString &name);
    bool resume(const QString &name);
    bool retryNow(const QString &name);
    bool skipHead(const QString &name);
    bool purge(const QString &name);
    bool replayDeadLetters(const QString &name, const QSet<QByteArray> &ids = {});
    // Moves the dead letters `filter` matches, of filter.endpoint() or of every endpoint when that
    // is empty, to the tail of `target`'s queue: each endpoint's in their order, endpoints in the
    // configured order, an event dead at several endpoints queued once. With a journal, the queue
    // rows and the dead-letter deletions land in one commit. Returns how many events were queued,
    // or -1 with *error when the target (or the named source) does not exist or is closed:
    // then nothing moved.
    qsizetype moveDeadLetters(const DeadLetterFilter &filter, const QString &target, QString *error = nullptr);

    // Stops accepting, gives every endpoint up to deadlineMs to drain, then reports what each left.
    void shutdown(int deadlineMs, std::function<void(const QMap<QString, qsizetype> &left)> done);

    EngineSnapshot snapshot() const;
    void setIngestStatsProvider(std::function<IngestStats()> provider) { m_ingestStats = std::move(provider); }
    void setAdminAddress(const QString &address) { m_adminAddress = address; }

    // Called with a fresh snapshot at most every intervalMs while something changes.
    void setSnapshotPublisher(std::function<void(std::shared_ptr<const EngineSnapshot>)> publisher,
                              int intervalMs = 100);
    void publishNow();

Q_SIGNALS:
    void endpointsChanged();   // added, removed or reordered

private:
    void markDirty();

    Clock &m_clock;
    QNetworkAccessManager *m_network;
    QueueStoreFactory m_storeFactory;
    std::shared_ptr<AttemptBudget> m_attemptBudget;
    EndpointList m_endpoints;   // configuration order; the endpoints are children of the engine
    Broadcaster m_broadcaster{m_endpoints};
    qint64 m_eventsIn = 0;
    std::function<IngestStats()> m_ingestStats;
    QString m_adminAddress;
    std::function<void(std::shared_ptr<const EngineSnapshot>)> m_publisher;
    QTimer m_publishTimer{this};   // a child, so it moves to the engine thread with us
    bool m_dirty = false;
    Journal *m_journal = nullptr;   // a child; null: in-memory queues, as the registry
};

} // namespace hookscope
