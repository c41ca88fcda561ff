#pragma once

#include "core/config/appconfig.h"
#include "core/engine/enginehost.h"
#include "core/engine/leftoverwriter.h"
#include "sources/adminserver.h"
#include "sources/ingestserver.h"
#include "sources/receiverreport.h"
#include "sources/scenario.h"

#include <QHostAddress>
#include <QMap>
#include <QObject>
#include <QString>

namespace hookscope {

class DemoScenario;
class Engine;
class Generator;
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

    // Starts the engine, its endpoints and listeners, and the configuration's scenario (test
    // endpoints, generator, replay). On a listener error nothing keeps running half-started: the
    // error names the address, and start() returns false. A scenario part that cannot start
    // (a test endpoint's port taken, a malformed replay file) does not fail start(): it is listed
    // in scenarioProblems() and the rest runs.
    bool start(const AppConfig &config, QString *error);
    QList<ScenarioProblem> scenarioProblems() const { return m_problems; }
    // The configuration's replay, for the headless report: what start() loaded and skipped
    // (replayPlan), and what it published (replaySummary: live, then as it stood once the sources
    // stopped at shutdown). Empty without a replay.
    QString replayPlan() const { return m_replayPlan; }
    QString replaySummary();

    EngineHost &host() { return m_host; }
    QString ingestAddress() const { return m_ingestAddress; }   // "127.0.0.1:5050", empty if off
    QString adminAddress() const { return m_adminAddress; }

    // The embedded demo: built-in test endpoints (healthy, flaky, down-then-healing) added as
    // endpoints, and the traffic generator feeding the engine. Runs on the engine thread.
    bool startDemo(QString *error);
    bool demoRunning() const { return m_demo; }

    // The built-in test endpoints: the configuration's (hookscope.testendpoints), else the demo's;
    // nullptr when there are none. Its read functions and setBehaviour() work from any thread.
    TestEndpointServer *testEndpoints() const;
    // The running generator (configuration's, else the demo's), or nullptr. Engine thread only:
    // read it inside host().call().
    Generator *generator() const;
    // Each test endpoint's receiver checks against what the generator sent. Live while running;
    // after shutdown(), the figures taken once the queues had drained (or the deadline passed).
    QList<ReceiverReport> receiverReport();

    // Closes the listeners and stops the sources, drains each endpoint for up to deadlineMs, takes
    // the final receiverReport() once drained, stops the engine thread.
    QMap<QString, qsizetype> shutdown(int deadlineMs);
    // After shutdown() without a journal: every event the engine still held, which would vanish
    // with the process. Per endpoint in configuration order, what the drain left first (head first:
    // the block in flight, then the queue), then that endpoint's older dead letters, which nobody
    // replayed and which are as lost. Empty in durable mode: the journal keeps them.
    QVector<Leftover> leftovers() const { return m_leftovers; }
    // Durable mode: the journal file the undelivered events stay in; empty without one.
    QString journalPath() const { return m_journalPath; }

private:
    // start()'s steps, in the order it runs them; a failing one says why in *error. All but the
    // first run on the engine thread.
    bool resolveListeners(const AppConfig &config, QString *error);
    bool openJournal(Engine &engine, const AppConfig &config, QString *error);
    QList<EndpointConfig> startTestEndpoints(Engine &engine, const AppConfig &config);
    bool addEndpoints(Engine &engine, const QList<EndpointConfig> &endpoints, QString *error);
    bool openIngest(Engine &engine, const AppConfig &config, QString *error);
    bool openAdmin(Engine &engine, const AppConfig &config, QString *error);
    void startTraffic(Engine &engine, const AppConfig &config);

    // shutdown()'s, on the engine thread: the ways in close first, then (once every endpoint has
    // drained, on EngineHost::drained) the final receiver report is taken.
    void stopSources();
    void takeFinalReport();
    static QVector<Leftover> collectLeftovers(const Engine &engine);

    void showTestEndpoints(bool wireGenerator);   // engine thread
    EngineHost m_host;
    IngestOptions m_ingestOptions;   // from the configuration, before the engine starts
    AdminOptions m_adminOptions;
    QString m_ingestAddress;
    QString m_adminAddress;
    bool m_started = false;
    bool m_demo = false;
    // Children of the engine, living on its thread; deleted with it (and forgotten here then).
    Scenario *m_scenario = nullptr;
    DemoScenario *m_demoScenario = nullptr;
    IngestServer *m_ingest = nullptr;
    AdminServer *m_admin = nullptr;
    QList<ScenarioProblem> m_problems;
    QStringList m_fedTestEndpoints;   // test endpoints an enabled, unfiltered endpoint sends to
    QList<ReceiverReport> m_finalReport;
    QString m_replayPlan;
    QString m_finalReplaySummary;
    Engine *m_engine = nullptr;   // lives on its thread; read there only, gone after shutdown()
    QString m_journalPath;
    QVector<Leftover> m_leftovers;
};

// "127.0.0.1:5050", "localhost:0", "[::1]:5050" -> address and port; false with a message otherwise.
bool resolveListenAddress(const QString &text, QHostAddress *address, quint16 *port, QString *error);

} // namespace hookscope
