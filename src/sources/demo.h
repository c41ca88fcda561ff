#pragma once

#include "core/config/appconfig.h"
#include "sources/generator.h"

#include <QObject>

#include <functional>

namespace hookscope {

class Scenario;
class TestEndpointServer;

// Timings and rate of the embedded demo; the defaults are what a newcomer sees, tests shrink them.
struct DemoOptions
{
    double rate = 5.0;           // generator events per second, mixed traffic
    double flakyFailRate = 0.3;
    int downMs = 20000;          // down-then-healing: refuses connections this long...
    int upMs = 40000;            // ...then answers for this long, and again (a ~60 s cycle)
    quint32 seed = 0;            // 0: a different stream each run
};

// The embedded demo hookscope starts with no configuration: three built-in test endpoints
// (healthy; flaky, failing 30%; down-then-healing, which refuses connections on its own port for
// 20 s of every minute so its queue visibly sticks and drains), a configuration whose endpoints
// point at them, and a generator of mixed registry traffic at about 5 events per second.
//
// It is just the built-in scenario: scenarioConfig() is the same hookscope.testendpoints /
// generator / endpoints a configuration file could hold, run by a Scenario.
//
// Create and use it on the engine thread: the servers and the generator's timer live on the thread
// that calls start(), and the submit function is called there.
class DemoScenario final : public QObject
{
    Q_OBJECT
public:
    explicit DemoScenario(QObject *parent = nullptr);
    explicit DemoScenario(const DemoOptions &options, QObject *parent = nullptr);
    ~DemoScenario() override;

    // Opens the test endpoints on 127.0.0.1 (free ports). False with a message, nothing left
    // listening, when a port cannot be opened. Calling it again while running does nothing.
    bool start(QString *error);
    // Endpoints "healthy", "flaky", "down-then-healing": registry defaults except threshold 3,
    // backoff 1s, timeout 1s (the fixtures' settings). Empty before start().
    AppConfig config() const;
    // Starts the generator submitting into `submit` (typically Engine::submit), and tells the test
    // endpoints what it submitted (TestEndpointServer::noteSent) so their checks count loss.
    // Does nothing before start().
    void attach(std::function<bool(const EventBlock &)> submit);
    // Stops the generator and closes the test endpoints.
    void stop();

    bool isRunning() const { return m_running; }
    TestEndpointServer *testEndpoints() const;
    Generator *generator() const;

    static QStringList endpointNames();
    // The demo as a configuration: three test endpoints, the generator, and endpoints whose urls
    // are testendpoint://NAME. `seed` 0 stays 0 (a different stream each run).
    static AppConfig scenarioConfig(const DemoOptions &options);

private:
    DemoOptions m_options;
    AppConfig m_config;
    Scenario *m_scenario = nullptr;
    bool m_running = false;
};

} // namespace hookscope
