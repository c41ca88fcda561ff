#pragma once

#include "core/base/endpointstate.h"
#include "core/base/errorclass.h"
#include "core/config/endpointconfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QMap>
#include <QString>
#include <QVector>

#include <memory>

namespace hookscope {

class AttemptLog;
class DeadLetters;
class PendingEvents;

// Live, thread-safe views of an endpoint's big collections, kept alive by whoever holds them (the
// GUI pages through them at its own pace; copying a million queued events per snapshot would not do).
struct EndpointStores
{
    std::shared_ptr<const PendingEvents> pending;
    std::shared_ptr<const AttemptLog> attempts;
    std::shared_ptr<const DeadLetters> deadLetters;
};

// The registry's EndpointMetrics, counted exactly as registry 2.8.2 counts them (see the spec, 3.1):
// Failures and Errors count event-attempts; Statuses is keyed "<code> <Go status text>".
struct RegistryMetrics
{
    qint64 pending = 0;
    qint64 events = 0;
    qint64 successes = 0;
    qint64 failures = 0;
    qint64 errors = 0;
    QMap<QString, qint64> statuses;
    bool operator==(const RegistryMetrics &o) const
    {
        return pending == o.pending && events == o.events && successes == o.successes
            && failures == o.failures && errors == o.errors && statuses == o.statuses;
    }
};

// A value copy of one endpoint, safe to hand to another thread.
struct EndpointSnapshot
{
    EndpointConfig config;
    EndpointState state = EndpointState::Idle;
    RegistryMetrics metrics;
    // hookscope's own
    QMap<QString, qint64> errorClasses;   // errorClassName -> attempts
    int consecutiveFailures = 0;
    int lastStatus = 0;                   // 0: none yet
    QString lastError;                    // last failure/error text, empty after a success
    QDateTime lastErrorAt;
    QDateTime lastSuccessAt;
    QDateTime nextAttemptAt;              // valid while backing off
    qint64 oldestPendingAgeMs = 0;        // 0 when the queue is empty (at snapshot time)
    QDateTime oldestPendingSince;         // when the head event was accepted; ages move on from it
    QByteArray headEventId;               // the event blocking the queue (or being sent)
    int headAttempts = 0;                 // attempts made for the current head
    qint64 deadLetters = 0;
    qint64 droppedByFilter = 0;
    qint64 redeliveries = 0;              // events sent again after a restart (in flight at the stop)
    double latencyP50Ms = 0;
    double latencyP95Ms = 0;
    double latencyP99Ms = 0;
    double deliveredPerSecond = 0;        // over the last 10 s
    EndpointStores stores;
    // Set for endpoints of a watched registry (attach mode): where they were read from. Such rows
    // are read-only: hookscope cannot pause or skip inside another process.
    QString remoteSource;
    bool isRemote() const { return !remoteSource.isEmpty(); }
    // Attach mode: when the watched registry was last seen restarting (its counters reset and
    // what it had queued gone), and what was said about it; kept on its rows for a while.
    QDateTime remoteRestartedAt;
    QString remoteRestartNote;
};

struct IngestStats
{
    QString listenAddress;                // empty: not listening
    qint64 requests = 0;
    qint64 accepted = 0;                  // envelopes answered 2xx
    qint64 eventsAccepted = 0;
    qint64 rejected = 0;                  // 4xx answers
    qint64 timedOut = 0;
};

struct EngineSnapshot
{
    QVector<EndpointSnapshot> endpoints;  // in configuration order
    IngestStats ingest;
    QString adminAddress;
    qint64 eventsIn = 0;                  // events written to the broadcaster
    QString journalPath;                  // durable mode's journal; empty: in-memory queues
    bool journalWritable = true;          // false while its writes fail (ingest answers 503)
    QString journalError;                 // why, while it cannot write
    QDateTime takenAt;
};

} // namespace hookscope
