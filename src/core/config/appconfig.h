#pragma once

#include "core/config/endpointconfig.h"
#include "core/config/scenarioconfig.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace hookscope {

// hookscope.ingest: the registry-facing receiver (POST /events).
struct IngestConfig
{
    QString listen;                          // "host:port"; empty: no ingest listener
    QString token;                           // empty: no bearer token required
    qint64 bodyLimitBytes = 4 * 1024 * 1024; // a registry envelope is 1 to 3 KB
    int requestTimeoutMs = 10000;            // a request must be in within this, from its first byte
    bool validate = true;                    // each event needs id, timestamp, action, target (400)
    int maxEvents = 1000;                    // per envelope; the registry sends 1 (413 beyond)
    // Host names (optionally name:port) answered besides loopback ones (421 otherwise).
    QStringList allowedHosts;

    bool operator==(const IngestConfig &other) const;
    bool operator!=(const IngestConfig &other) const { return !(*this == other); }
};

// hookscope.admin: /debug/vars and /metrics.
struct AdminConfig
{
    QString listen; // "host:port"; empty: no admin listener
    QStringList allowedHosts; // as IngestConfig::allowedHosts

    bool operator==(const AdminConfig &other) const
    {
        return listen == other.listen && allowedHosts == other.allowedHosts;
    }
    bool operator!=(const AdminConfig &other) const { return !(*this == other); }
};

// Everything a configuration file says, effective values (defaults applied).
struct AppConfig
{
    // All endpoints in file order, disabled ones included (disabled == true) so the UI can list
    // them; the engine starts only enabledEndpoints(), as the registry does.
    QList<EndpointConfig> endpoints;
    bool includeReferences = false; // notifications.events.includereferences
    IngestConfig ingest;
    AdminConfig admin;
    QString journalPath; // empty: in-memory queues, as the registry
    // hookscope.attemptlog.budget: the bytes every endpoint's attempt log keeps, together.
    qint64 attemptLogBudgetBytes = 32 * 1024 * 1024;
    // --journal-reset (command line only, never in the file): a journal refused because committed
    // data is missing is moved aside (PATH.reset-TIMESTAMP) and a new one started.
    bool journalReset = false;
    // The scenario: built-in test endpoints, generated traffic and replayed envelopes.
    QList<TestEndpointConfig> testEndpoints; // hookscope.testendpoints
    GeneratorConfig generator;               // hookscope.generator
    ReplayConfig replay;                     // hookscope.replay
    QString sourcePath;  // file it was loaded from; empty when built in code

    QList<EndpointConfig> enabledEndpoints() const;
    bool hasScenario() const
    {
        return !testEndpoints.isEmpty() || generator.enabled || !replay.isEmpty();
    }

    // Compares content only: sourcePath says where the content came from, not what it is, so a
    // configuration written out and read back compares equal.
    bool operator==(const AppConfig &other) const;
    bool operator!=(const AppConfig &other) const { return !(*this == other); }
};

} // namespace hookscope
