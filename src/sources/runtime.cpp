#include "sources/runtime.h"

#include "sources/adminserver.h"
#include "core/engine/attemptbudget.h"
#include "core/config/listenaddress.h"
#include "sources/demo.h"
#include "core/engine/endpoint.h"
#include "core/engine/engine.h"
#include "sources/generator.h"
#include "sources/ingestserver.h"
#include "core/journal/journal.h"
#include "testing/testendpointserver.h"

#include <QHostAddress>
#include <QLoggingCategory>
#include <QPointer>

namespace hookscope {

Q_LOGGING_CATEGORY(lcRuntime, "hookscope.runtime")

namespace {

// The ingest and admin listeners open alike: listen, or say which one could not and on what, and
// discard it so that a failed start leaves nothing half-open behind.
bool startListener(HttpListener *listener, const char *what, const QString &listen, QString *error)
{
    QString why;
    if (listener->start(&why))
        return true;
    *error = QStringLiteral("%1: cannot listen on %2: %3").arg(QLatin1String(what), listen, why);
    delete listener;
    return false;
}

} // namespace

bool resolveListenAddress(const QString &text, QHostAddress *address, quint16 *port, QString *error)
{
    QString host;
    int number = 0;
    if (!splitListenAddress(text, &host, &number) || number < 0 || number > 65535) {
        *error = QStringLiteral("\"%1\" is not host:port").arg(text);
        return false;
    }
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        *address = QHostAddress(QHostAddress::LocalHost);
    } else {
        *address = QHostAddress(host);
        if (address->isNull()) {
            *error = QStringLiteral("\"%1\": listen on an IP address (127.0.0.1, ::1, 0.0.0.0), not a host name").arg(text);
            return false;
        }
    }
    *port = quint16(number);
    return true;
}

Runtime::Runtime(QObject *parent)
    : QObject(parent)
{
    // Direct: it runs on the engine thread, after the drain and before the engine (and the test
    // endpoints it parents) is deleted, while shutdown() waits for it on this thread.
    connect(&m_host, &EngineHost::drained, this, [this] { takeFinalReport(); }, Qt::DirectConnection);
}

Runtime::~Runtime()
{
    if (m_started)
        shutdown(0);
}

bool Runtime::start(const AppConfig &config, QString *error)
{
    if (!resolveListeners(config, error))
        return false;
    m_host.start();
    m_started = true;
    QString failure;
    m_host.call([&](Engine &engine) {
        m_engine = &engine;
        // In this order: the journal before the endpoints that record in it, the test endpoints'
        // ports before the urls that point at them, every queue back before any way in opens,
        // traffic last, once every endpoint and way in is there. The attempt logs' budget is set
        // once, before any endpoint logs an attempt.
        engine.attemptBudget().setLimit(config.attemptLogBudgetBytes);
        if (!openJournal(engine, config, &failure)
            || !addEndpoints(engine, startTestEndpoints(engine, config), &failure)
            || !openIngest(engine, config, &failure) || !openAdmin(engine, config, &failure))
            return;
        startTraffic(engine, config);
        engine.publishNow();
    });
    if (!failure.isEmpty()) {
        *error = failure;
        shutdown(0);
        return false;
    }
    return true;
}

bool Runtime::resolveListeners(const AppConfig &config, QString *error)
{
    if (!config.ingest.listen.isEmpty()) {
        if (!resolveListenAddress(config.ingest.listen, &m_ingestOptions.address, &m_ingestOptions.port, error)) {
            *error = QStringLiteral("ingest: ") + *error;
            return false;
        }
        m_ingestOptions.token = config.ingest.token.toUtf8();
        m_ingestOptions.bodyLimit = config.ingest.bodyLimitBytes;
        m_ingestOptions.requestTimeoutMs = config.ingest.requestTimeoutMs;
        m_ingestOptions.validate = config.ingest.validate;
        m_ingestOptions.maxEvents = config.ingest.maxEvents;
        m_ingestOptions.allowedHosts = config.ingest.allowedHosts;
    }
    if (!config.admin.listen.isEmpty()
        && !resolveListenAddress(config.admin.listen, &m_adminOptions.address, &m_adminOptions.port, error)) {
        *error = QStringLiteral("admin: ") + *error;
        return false;
    }
    m_adminOptions.allowedHosts = config.admin.allowedHosts;
    return true;
}

// Durable mode only; in-memory queues need nothing here.
bool Runtime::openJournal(Engine &engine, const AppConfig &config, QString *error)
{
    if (config.journalPath.isEmpty())
        return true;
    // Created on the engine thread, where the endpoints that feed it live (its timer and
    // completions run there); the SQLite file itself is written on the journal's own thread.
    auto *journal = new Journal;
    if (!journal->open(config.journalPath, error, config.journalReset)) {
        delete journal;
        return false;
    }
    if (!journal->resetNote().isEmpty())
        qCWarning(lcRuntime).noquote() << journal->resetNote();
    else if (config.journalReset)
        qCInfo(lcRuntime).noquote() << "journal" << journal->path()
                                    << "is intact: --journal-reset left it as it is";
    engine.setJournal(journal);
    m_journalPath = journal->path();
    // Both listeners' /healthz say 503 while the journal cannot write (ingest refuses then).
    const QPointer<Journal> watched(journal);
    const auto problem = [watched] { return watched ? watched->health().reason : QString(); };
    m_ingestOptions.healthProblem = problem;
    m_adminOptions.healthProblem = problem;
    return true;
}

// The configuration's test endpoints, and its endpoints with testendpoint://NAME resolved to them.
QList<EndpointConfig> Runtime::startTestEndpoints(Engine &engine, const AppConfig &config)
{
    if (!config.hasScenario())
        return config.endpoints;
    m_scenario = new Scenario(&engine);
    m_scenario->setObjectName(QStringLiteral("scenario"));
    m_scenario->startTestEndpoints(config.testEndpoints, config.sourcePath);
    for (const EndpointConfig &e : config.endpoints) {
        QString name;
        if (!e.disabled && !e.hasFilter() && TestEndpointUrl::parse(e.url, &name))
            m_fedTestEndpoints << name;
    }
    return m_scenario->resolveEndpoints(config.endpoints);
}

// The endpoints, then (durable mode) what the journal held for each of them.
bool Runtime::addEndpoints(Engine &engine, const QList<EndpointConfig> &endpoints, QString *error)
{
    engine.applyEndpoints(endpoints);
    return engine.recoverFromJournal(error);
}

bool Runtime::openIngest(Engine &engine, const AppConfig &config, QString *error)
{
    if (config.ingest.listen.isEmpty())
        return true;
    // submitDurable answers at once without a journal ("accepted" means "queued") and after the
    // group commit with one ("accepted" means "durable").
    auto *server = new IngestServer(
        m_ingestOptions,
        [&engine](const EventBlock &events, IngestServer::SubmitDone done) { engine.submitDurable(events, std::move(done)); },
        &engine);
    if (!startListener(server, "ingest", config.ingest.listen, error))
        return false;
    m_ingest = server;
    m_ingestAddress = server->listenAddress();
    engine.setIngestStatsProvider([server] { return server->stats(); });
    return true;
}

bool Runtime::openAdmin(Engine &engine, const AppConfig &config, QString *error)
{
    if (config.admin.listen.isEmpty())
        return true;
    auto *server = new AdminServer(m_adminOptions, [&engine] { return engine.snapshot(); }, &engine);
    if (!startListener(server, "admin", config.admin.listen, error))
        return false;
    m_admin = server;
    m_adminAddress = server->listenAddress();
    engine.setAdminAddress(m_adminAddress);
    return true;
}

// The configuration's generator and replay.
void Runtime::startTraffic(Engine &engine, const AppConfig &config)
{
    if (!m_scenario)
        return;
    m_scenario->startTraffic(config, [&engine](const EventBlock &events) { return engine.submit(events); });
    m_problems = m_scenario->problems();
    m_replayPlan = m_scenario->replaySummary(true);
    showTestEndpoints(true);
}

bool Runtime::startDemo(QString *error)
{
    if (!m_started || m_demo)
        return m_demo;
    QString failure;
    m_host.call([&](Engine &engine) {
        auto *demo = new DemoScenario(&engine);
        demo->setObjectName(QStringLiteral("demo"));
        if (!demo->start(&failure)) {
            delete demo;
            return;
        }
        m_demoScenario = demo;
        if (!m_scenario || !m_scenario->testEndpoints())
            m_fedTestEndpoints = DemoScenario::endpointNames();
        for (const EndpointConfig &config : demo->config().endpoints) {
            QString why;
            if (!engine.addEndpoint(config, -1, &why))
                failure = QStringLiteral("demo endpoint %1: %2").arg(config.name, why);
        }
        demo->attach([&engine](const EventBlock &events) { return engine.submit(events); });
        // The demo tells its own test endpoints what its generator sent.
        showTestEndpoints(false);
    });
    if (!failure.isEmpty()) {
        *error = QStringLiteral("demo: ") + failure;
        return false;
    }
    m_demo = true;
    return true;
}

// Engine thread. /debug/vars lists the test endpoints with their receiver checks, and (for the
// configuration's scenario) each test endpoint an enabled endpoint feeds is told how far the
// generator got, so its live "lost" counts against what was really submitted (events the engine
// refused are not counted as sent).
void Runtime::showTestEndpoints(bool wireGenerator)
{
    TestEndpointServer *server = testEndpoints();
    if (m_admin)
        m_admin->setTestEndpoints(server);
    Generator *source = m_scenario ? m_scenario->generator() : nullptr;
    if (!wireGenerator || !server || !source)
        return;
    const QStringList fed = m_fedTestEndpoints;
    QObject::connect(source, &Generator::eventsSubmitted, server, [server, source, fed] {
        for (const QString &name : fed)
            server->noteSent(source->stream(), source->lastSubmittedSequence(), name);
    });
}

TestEndpointServer *Runtime::testEndpoints() const
{
    if (m_scenario && m_scenario->testEndpoints())
        return m_scenario->testEndpoints();
    return m_demoScenario ? m_demoScenario->testEndpoints() : nullptr;
}

Generator *Runtime::generator() const
{
    if (m_scenario && m_scenario->generator())
        return m_scenario->generator();
    return m_demoScenario ? m_demoScenario->generator() : nullptr;
}

QMap<QString, qsizetype> Runtime::shutdown(int deadlineMs)
{
    if (!m_started)
        return {};
    m_started = false;
    // Stop taking envelopes before the queues drain, so "accepted" keeps meaning "queued".
    m_host.call([this](Engine &) { stopSources(); });
    // The drain: the test endpoints keep answering while it runs, and the final report is taken
    // the moment it ends (takeFinalReport, on EngineHost::drained), before they go with the engine.
    const QMap<QString, qsizetype> left = m_host.shutdown(deadlineMs);
    m_engine = nullptr;
    // They were children of the engine, which is gone now.
    m_scenario = nullptr;
    m_demoScenario = nullptr;
    m_ingest = nullptr;
    m_admin = nullptr;
    return left;
}

void Runtime::stopSources()
{
    // Sources stop; the test endpoints keep answering so the queues can drain into them.
    if (m_demoScenario && m_demoScenario->generator())
        m_demoScenario->generator()->stop();
    if (m_scenario) {
        m_scenario->stopTraffic();
        m_finalReplaySummary = m_scenario->replaySummary();   // stopped: the count is final
    }
    if (m_ingest)
        m_ingest->stop();
}

void Runtime::takeFinalReport()
{
    if (testEndpoints())
        m_finalReport = ReceiverReport::collect(testEndpoints(), generator(), m_fedTestEndpoints);
    if (m_engine && !m_engine->journal())
        m_leftovers = collectLeftovers(*m_engine);
    m_engine = nullptr;   // deleted on its thread right after this
}

// The drain files what it did not deliver as "closed" dead letters, head first; they are listed
// before the endpoint's earlier dead letters so that a replay of the file keeps the queue's order.
QVector<Leftover> Runtime::collectLeftovers(const Engine &engine)
{
    QVector<Leftover> all;
    for (const Endpoint *endpoint : engine.endpoints()) {
        const QVector<DeadLetter> letters = endpoint->deadLetters().entries();
        for (const bool closed : {true, false}) {
            for (const DeadLetter &letter : letters) {
                if ((letter.reason == DeadLetterReason::Closed) == closed)
                    all.append({endpoint->name(), letter});
            }
        }
    }
    return all;
}

QString Runtime::replaySummary()
{
    if (!m_started)
        return m_finalReplaySummary;
    QString summary;
    m_host.call([&](Engine &) { summary = m_scenario ? m_scenario->replaySummary() : QString(); });
    return summary;
}

QList<ReceiverReport> Runtime::receiverReport()
{
    if (!m_started)
        return m_finalReport;
    QList<ReceiverReport> report;
    m_host.call([&](Engine &) { report = ReceiverReport::collect(testEndpoints(), generator(), m_fedTestEndpoints); });
    return report;
}

} // namespace hookscope
