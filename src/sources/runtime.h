#pragma once

#include "config/appconfig.h"
#include "engine/enginehost.h"

#include <QHostAddress>
#include <QMap>
#include <QObject>
#include <QString>

namespace hookscope {

class TestEndpointServer;

// The running dispatcher as the app and the headless mode use it: the engine on its thread, its
// endpoints from the configuration, and the ingest and admin listeners, which live on the engine
// thread too so that accepting an envelope and enqueueing it are one step.
class Runtime final : public QObject
{
    Q_OBJECT
public:
    explicit Runtime(QObject *parent = nullptr);
    ~Runtime() override;

    // Starts the engine, its endpoints and listeners. On a listener error nothing keeps running
    // half-started: the error names the address, and start() returns false.
    bool start(const AppConfig &config, QString *error);

    EngineHost &host() { return m_host; }
    QString ingestAddress() const { return m_ingestAddress; }   // "127.0.0.1:5050", empty if off
    QString adminAddress() const { return m_adminAddress; }

    // The embedded demo: built-in test endpoints (healthy, flaky, down-then-healing) added as
    // endpoints, and the traffic generator feeding the engine. Runs on the engine thread.
    bool startDemo(QString *error);
    bool demoRunning() const { return m_demo; }
    // The built-in test endpoints running in this process (the demo's), or nullptr when none.
    // They live on the engine thread; their setters and snapshots are safe from any thread.
    TestEndpointServer *testEndpoints() const { return m_testEndpoints; }

    // Closes the listeners, drains each endpoint for up to deadlineMs, stops the engine thread.
    QMap<QString, qsizetype> shutdown(int deadlineMs);

private:
    EngineHost m_host;
    QString m_ingestAddress;
    QString m_adminAddress;
    bool m_started = false;
    bool m_demo = false;
    // Set on the engine thread inside a blocking call(), read by the owner's thread afterwards;
    // cleared by shutdown() before the engine deletes the server.
    TestEndpointServer *m_testEndpoints = nullptr;
};

// "127.0.0.1:5050", "localhost:0", "[::1]:5050" -> address and port; false with a message otherwise.
bool resolveListenAddress(const QString &text, QHostAddress *address, quint16 *port, QString *error);

} // namespace hookscope
