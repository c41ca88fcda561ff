#include "core/engine/engine.h"

#include "core/config/secretmask.h"
#include "core/engine/attemptbudget.h"
#include "core/engine/deadletterfilter.h"
#include "core/engine/deadlettermove.h"
#include "core/engine/endpoint.h"
#include "core/journal/journal.h"
#include "core/journal/journalqueuestore.h"
#include "core/store/memoryqueuestore.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>

namespace hookscope {

Q_LOGGING_CATEGORY(lcEngine, "hookscope.core.engine")

Engine::Engine(QObject *parent, Clock &clock)
    : QObject(parent)
    , m_clock(clock)
    , m_network(new QNetworkAccessManager(this))
    , m_storeFactory(MemoryQueueStore::factory())
    , m_attemptBudget(std::make_shared<AttemptBudget>())
{
    m_publishTimer.setSingleShot(true);
    connect(&m_publishTimer, &QTimer::timeout, this, &Engine::publishNow);
}

Engine::~Engine()
{
    m_publishTimer.stop();
    // Last totals and queue changes first, while the endpoints that provide them still exist.
    if (m_journal)
        m_journal->commitNow();
    const QList<Endpoint *> endpoints = m_endpoints.endpoints();
    for (Endpoint *endpoint : endpoints) {
        m_endpoints.remove(endpoint);
        delete endpoint;
    }
}

void Engine::applyEndpoints(const QList<EndpointConfig> &configs)
{
    QStringList wanted;
    for (const EndpointConfig &config : configs) {
        if (config.disabled) {
            qCInfo(lcEngine).noquote() << "endpoint" << config.name << "disabled, skipping";
            continue;
        }
        wanted.append(config.name);
    }
    for (Endpoint *endpoint : m_endpoints.endpoints()) {
        if (!wanted.contains(endpoint->name()))
            removeEndpoint(endpoint->name());
    }
    int index = 0;
    for (const EndpointConfig &config : configs) {
        if (config.disabled)
            continue;
        const int existing = m_endpoints.indexOf(config.name);
        if (existing < 0) {
            addEndpoint(config, index);
        } else {
            updateEndpoint(config.name, config);
            m_endpoints.move(existing, index);
        }
        ++index;
    }
    Q_EMIT endpointsChanged();
    markDirty();
}

bool Engine::addEndpoint(const EndpointConfig &config, int index, QString *error)
{
    if (config.name.isEmpty() || m_endpoints.indexOf(config.name) >= 0) {
        if (error)
            *error = config.name.isEmpty() ? QStringLiteral("an endpoint needs a name")
                                           : QStringLiteral("an endpoint named \"%1\" already exists").arg(config.name);
        return false;
    }
    auto *endpoint = new Endpoint(config, m_network, this, m_clock);
    endpoint->setStore(m_storeFactory(config.name));
    endpoint->setAttemptBudget(m_attemptBudget);
    connect(endpoint, &Endpoint::changed, this, &Engine::markDirty);
    m_endpoints.insert(index, endpoint);
    qCInfo(lcEngine).noquote() << "configuring endpoint" << config.name << QStringLiteral("(%1),").arg(maskUrl(config.url))
                               << QStringLiteral("timeout=%1ms threshold=%2 backoff=%3ms")
                                      .arg(config.timeoutMs()).arg(config.threshold).arg(config.backoffMs());
    Q_EMIT endpointsChanged();
    markDirty();
    return true;
}

bool Engine::updateEndpoint(const QString &name, const EndpointConfig &config, QString *error)
{
    Endpoint *target = endpoint(name);
    if (!target) {
        if (error)
            *error = QStringLiteral("no endpoint named \"%1\"").arg(name);
        return false;
    }
    if (config.name != name && endpoint(config.name)) {
        if (error)
            *error = QStringLiteral("an endpoint named \"%1\" already exists").arg(config.name);
        return false;
    }
    if (config.disabled) {
        removeEndpoint(name);
        return true;
    }
    const bool wasPaused = target->state() == EndpointState::Paused;
    target->reconfigure(config);
    if (config.paused && !wasPaused)
        target->pause();
    markDirty();
    return true;
}

qsizetype Engine::removeEndpoint(const QString &name)
{
    Endpoint *target = endpoint(name);
    if (!target)
        return 0;
    m_endpoints.remove(target);
    const qsizetype left = target->queue().size();
    if (left > 0)
        qCWarning(lcEngine).noquote() << "endpoint" << name << "removed with" << left << "events undelivered";
    if (m_journal) {
        // Removing an endpoint is for good, in the journal as in memory.
        EventBlock dead;
        for (const DeadLetters::Entry &entry : target->deadLetters().entries())
            dead.push_back(entry.event);
        m_journal->forgetEndpoint(name, dead);
        target->setStore(nullptr);
    }
    target->disconnect(this);
    target->deleteLater();
    Q_EMIT endpointsChanged();
    markDirty();
    return left;
}

bool Engine::submit(const EventBlock &events, QString *error)
{
    // Accepted now, on the engine's clock: `maxage` and the queue ages count from here, in
    // virtual time too. Before the fan-out, so no other thread has seen these records yet.
    const qint64 acceptedAtMs = m_clock.wallNowMs();
    for (const EventPtr &event : events)
        event->markAccepted(acceptedAtMs);
    if (!m_broadcaster.write(events)) {
        if (error)
            *error = QStringLiteral("the engine is shutting down");
        return false;
    }
    m_eventsIn += qint64(events.size());
    markDirty();
    return true;
}

void Engine::setJournal(Journal *journal)
{
    m_journal = journal;
    if (m_journal) {
        m_journal->setParent(this);
        // The snapshot carries the journal's health (the GUI's status bar, /metrics): publish a
        // change at once rather than with the next event.
        connect(m_journal, &Journal::writableChanged, this, [this] { markDirty(); });
    }
    setStoreFactory(m_journal ? JournalQueueStore::factory(m_journal) : MemoryQueueStore::factory());
}

void Engine::setStoreFactory(QueueStoreFactory factory)
{
    m_storeFactory = factory ? std::move(factory) : MemoryQueueStore::factory();
    for (Endpoint *endpoint : m_endpoints.endpoints())
        endpoint->setStore(m_storeFactory(endpoint->name()));
}

bool Engine::recoverFromJournal(QString *error)
{
    if (!m_journal)
        return true;
    QHash<QString, Journal::EndpointRecovery> recovered;
    if (!m_journal->recover(&recovered, error))
        return false;
    for (auto it = recovered.constBegin(); it != recovered.constEnd(); ++it) {
        Endpoint *target = endpoint(it.key());
        if (!target) {
            qCWarning(lcEngine).noquote() << "journal: endpoint" << it.key() << "is not configured; its"
                                          << qsizetype(it->queue.size()) + it->beyond
                                          << "queued events stay in the journal";
            continue;
        }
        target->restore(it.value());
        qCInfo(lcEngine).noquote() << "journal: endpoint" << it.key() << "recovered"
                                   << qsizetype(it->queue.size()) + it->beyond
                                   << "queued," << it->deadLetters.size() << "dead letters," << it->inFlight
                                   << "to deliver again";
    }
    markDirty();
    return true;
}

void Engine::submitDurable(const EventBlock &events, SubmitDone done)
{
    QString error;
    if (m_journal && m_journal->hasFailed()) {
        done(false, m_journal->failure());
        return;
    }
    if (!submit(events, &error)) {
        done(false, error);
        return;
    }
    if (!m_journal) {
        done(true, {});
        return;
    }
    m_journal->whenDurable(std::move(done));
}

Endpoint *Engine::endpoint(const QString &name) const
{
    return m_endpoints.find(name);
}

#define HOOKSCOPE_ENDPOINT_COMMAND(method, call)    \
    bool Engine::method(const QString &name)        \
    {                                               \
        Endpoint *target = endpoint(name);          \
        if (!target)                                \
            return false;                           \
        target->call();                             \
        return true;                                \
    }
HOOKSCOPE_ENDPOINT_COMMAND(pause, pause)
HOOKSCOPE_ENDPOINT_COMMAND(resume, resume)
HOOKSCOPE_ENDPOINT_COMMAND(retryNow, retryNow)
HOOKSCOPE_ENDPOINT_COMMAND(skipHead, skipHead)
HOOKSCOPE_ENDPOINT_COMMAND(purge, purge)
#undef HOOKSCOPE_ENDPOINT_COMMAND

bool Engine::replayDeadLetters(const QString &name, const QSet<QByteArray> &ids)
{
    Endpoint *target = endpoint(name);
    if (!target)
        return false;
    target->replayDeadLetters(ids);
    return true;
}

qsizetype Engine::moveDeadLetters(const DeadLetterFilter &filter, const QString &targetName, QString *error)
{
    const auto refuse = [error](const QString &why) {
        if (error)
            *error = why;
        qCWarning(lcEngine).noquote() << why;
        return qsizetype(-1);
    };
    Endpoint *target = endpoint(targetName);
    if (!target)
        return refuse(QStringLiteral("cannot replay dead letters to \"%1\": there is no endpoint by that name")
                          .arg(targetName));
    if (target->isClosed())
        return refuse(QStringLiteral("cannot replay dead letters to \"%1\": the endpoint is closed").arg(targetName));
    if (!filter.endpoint().isEmpty() && !endpoint(filter.endpoint()))
        return refuse(QStringLiteral("cannot replay dead letters of \"%1\": there is no endpoint by that name")
                          .arg(filter.endpoint()));

    const Journal::CommitGroup group(m_journal);
    DeadLetterMove move(m_endpoints.endpoints(), filter);
    const EventBlock &events = move.events();
    if (events.empty())
        return 0;
    if (!move.into(target))
        return refuse(QStringLiteral("cannot replay dead letters to \"%1\": the endpoint is closed").arg(targetName));
    qCInfo(lcEngine).noquote() << QStringLiteral("replayed %1 dead letter(s) of %2 (%3) to %4")
                                      .arg(events.size())
                                      .arg(filter.endpoint().isEmpty() ? QStringLiteral("every endpoint") : filter.endpoint(),
                                           filter.describe(), targetName);
    markDirty();
    return qsizetype(events.size());
}

void Engine::shutdown(int deadlineMs, std::function<void(const QMap<QString, qsizetype> &)> done)
{
    m_broadcaster.close();
    if (m_journal) {
        // What the drain delivered is recorded before anyone is told the engine stopped.
        auto report = std::move(done);
        done = [this, report](const QMap<QString, qsizetype> &left) {
            qsizetype kept = 0;
            for (const qsizetype n : left)
                kept += n;
            if (m_journal && m_journal->commitNow() && kept > 0)
                qCInfo(lcEngine).noquote() << "journal:" << kept << "undelivered events stay queued in"
                                           << m_journal->path() << "for the next start";
            if (report)
                report(left);
        };
    }
    const QList<Endpoint *> endpoints = m_endpoints.endpoints();
    if (endpoints.isEmpty()) {
        if (done)
            done({});
        return;
    }
    struct Pending
    {
        int remaining;
        QMap<QString, qsizetype> left;
        std::function<void(const QMap<QString, qsizetype> &)> done;
    };
    auto pending = std::make_shared<Pending>(Pending{int(endpoints.size()), {}, std::move(done)});
    for (Endpoint *endpoint : endpoints) {
        const QString name = endpoint->name();
        endpoint->close(deadlineMs, [pending, name](qsizetype left) {
            pending->left.insert(name, left);
            if (--pending->remaining == 0 && pending->done)
                pending->done(pending->left);
        });
    }
}

EngineSnapshot Engine::snapshot() const
{
    EngineSnapshot snapshot;
    snapshot.takenAt = QDateTime::currentDateTimeUtc();
    snapshot.eventsIn = m_eventsIn;
    snapshot.adminAddress = m_adminAddress;
    if (m_journal) {
        snapshot.journalPath = m_journal->path();
        snapshot.journalWritable = !m_journal->hasFailed();
        snapshot.journalError = m_journal->failure();
    }
    if (m_ingestStats)
        snapshot.ingest = m_ingestStats();
    for (const Endpoint *endpoint : m_endpoints.endpoints())
        snapshot.endpoints.append(endpoint->snapshot());
    return snapshot;
}

void Engine::setSnapshotPublisher(std::function<void(std::shared_ptr<const EngineSnapshot>)> publisher,
                                  int intervalMs)
{
    m_publisher = std::move(publisher);
    m_publishTimer.setInterval(qMax(1, intervalMs));
    publishNow();
}

void Engine::markDirty()
{
    m_dirty = true;
    // Coalesce: one snapshot per interval however many events moved in it.
    if (m_publisher && !m_publishTimer.isActive())
        m_publishTimer.start();
}

void Engine::publishNow()
{
    m_dirty = false;
    if (m_publisher)
        m_publisher(std::make_shared<const EngineSnapshot>(snapshot()));
}

} // namespace hookscope
