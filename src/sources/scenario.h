#pragma once

#include "core/config/appconfig.h"
#include "core/model/eventrecord.h"
#include "sources/replaysummary.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace hookscope {

class Generator;
class Replayer;
class TestEndpointServer;

// Something in the scenario that did not start. Config: the file asks for something impossible
// (unknown mode, invalid status, a malformed replay file). Runtime: the machine refused (port in
// use). The rest of the scenario runs either way.
struct ScenarioProblem
{
    enum Kind { Config, Runtime };
    Kind kind = Config;
    QString message;
};

// What hookscope.testendpoints, .generator and .replay describe, running: the built-in test
// endpoints (one TestEndpointServer, each endpoint on its own 127.0.0.1 port so "down" really
// refuses), the traffic generator and the replay of captured envelopes, both submitting into the
// engine like any source. The embedded demo is one such scenario (DemoScenario).
//
// Create and use it on the engine thread: servers and timers live on the thread of start().
class Scenario final : public QObject
{
    Q_OBJECT
public:
    using Submit = std::function<bool(const EventBlock &)>;

    explicit Scenario(QObject *parent = nullptr);
    ~Scenario() override;

    // Opens the test endpoints. One that cannot start (bad settings, port taken) is reported in
    // problems() with its name and left out; the others run. `sourceFile` prefixes the messages.
    void startTestEndpoints(const QList<TestEndpointConfig> &endpoints, const QString &sourceFile);
    // `endpoints` with each "testendpoint://NAME" url replaced by that test endpoint's real URL.
    // A reference to one that did not start keeps its url, so deliveries fail visibly (the
    // problem is reported already) instead of the endpoint vanishing with its queue.
    QList<EndpointConfig> resolveEndpoints(const QList<EndpointConfig> &endpoints) const;

    // Starts the generator (when enabled) and the replay (when files are given). Replay files are
    // all loaded first: a malformed one is reported (file and line) and publishes nothing.
    void startTraffic(const AppConfig &config, Submit submit);
    // Stops generating and replaying; the test endpoints keep answering (queues still drain).
    void stopTraffic();
    // Stops everything and closes the test endpoints.
    void stop();

    // Null when the scenario has no test endpoints / no generator / no replay.
    TestEndpointServer *testEndpoints() const { return m_server; }
    Generator *generator() const { return m_generator; }
    Replayer *replayer() const { return m_replayer; }
    QList<ScenarioProblem> problems() const { return m_problems; }
    // What the replay took, skipped and published so far ("replay: 3 files, 120 events published,
    // ..."); with `planned`, what it is about to publish. Empty when there is no replay.
    QString replaySummary(bool planned = false) const;
    bool hasConfigProblem() const;

private:
    void report(ScenarioProblem::Kind kind, const QString &message);
    void startGenerator(const AppConfig &config);
    void startReplay(const AppConfig &config);

    TestEndpointServer *m_server = nullptr;
    Generator *m_generator = nullptr;
    Replayer *m_replayer = nullptr;
    QTimer m_durationTimer;
    Submit m_submit;
    QList<ScenarioProblem> m_problems;
    ReplaySummary m_replaySummary;
    bool m_replayLoaded = false;
};

} // namespace hookscope
