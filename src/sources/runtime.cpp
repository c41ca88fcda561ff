#include "sources/runtime.h"

#include "sources/adminserver.h"
#include "core/engine/attemptbudget.h"
#include "core/config/listenaddress.h"
#include "sources/demo.h"
#include "core/engine/engine.h"
#include "sources/generator.h"
#include "sources/ingestserver.h"
#include "core/journal/journal.h"
#include "testing/testendpointserver.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QPointer>
#include <QThread>

namespace hookscope {

Q_LOGGING_CATEGORY(lcRuntime, "hookscope.runtime")

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
}

Runtime::~Runtime()
{
    if (m_started)
        shutdown(0);
}

bool Runtime::start(const AppConfig &config, QString *error)
{
    IngestOptions ingest;
    AdminOptions admin;
    const bool wantIngest = !config.ingest.listen.isEmpty();
    const bool wantAdmin = !config.admin.listen.isEmpty();
    if (wantIngest) {
        if (!resolveListenAddress(config.ingest.listen, &ingest.address, &ingest.port, error)) {
            *error = QStringLiteral("ingest: ") + *error;
            return false;
        }
        ingest.token = config.ingest.token.toUtf8();
        ingest.bodyLimit = config.ingest.bodyLimitBytes;
        ingest.requestTimeoutMs = config.ingest.requestTimeoutMs;
        ingest.validate = config.ingest.validate;
        ingest.maxEvents = config.ingest.maxEvents;
        ingest.allowedHosts = config.ingest.allowedHosts;
    }
    if (wantAdmin && !resolveListenAddress(config.admin.listen, &admin.address, &admin.port, error)) {
        *error = QStringLiteral("admin: ") + *error;
        return false;
    }
    admin.allowedHosts = config.admin.allowedHosts;

    m_host.start();
    m_started = true;
    QString failure;
    m_host.call([&](Engine &engine) {
        const bool durable = !config.journalPath.isEmpty();
        if (durable) {
            // Created on the engine thread, where the endpoints that feed it live (its timer and
            // completions run there); the SQLite file itself is written on the journal's own thread.
            auto *journal = new Journal;
            if (!journal->open(config.journalPath, &failure, config.journalReset)) {
                delete journal;
                return;
            }
            if (!journal->resetNote().isEmpty())
                qCWarning(lcRuntime).noquote() << journal->resetNote();
            else if (config.journalReset)
                qCInfo(lcRuntime).noquote() << "journal" << journal->path()
                                            << "is intact: --journal-reset left it as it is";
            engine.setJournal(journal);
            // Both listeners' /healthz say 503 while the journal cannot write (ingest refuses then).
            const QPointer<Journal> watched(journal);
            const auto problem = [watched] { return watched ? watched->health().reason : QString(); };
            ingest.healthProblem = problem;
            admin.healthProblem = problem;
        }
        engine.attemptBudget().setLimit(config.attemptLogBudgetBytes);
        QList<EndpointConfig> endpoints = config.endpoints;
        if (config.hasScenario()) {
            // Test endpoints first: endpoints pointing at them (testendpoint://NAME) need their
            // ports before the engine sees the urls.
            m_scenario = new Scenario(&engine);
            m_scenario->setObjectName(QStringLiteral("scenario"));
            m_scenario->startTestEndpoints(config.testEndpoints, config.sourcePath);
            endpoints = m_scenario->resolveEndpoints(endpoints);
            for (const EndpointConfig &e : config.endpoints) {
                QString name;
                if (!e.disabled && !e.hasFilter() && TestEndpointUrl::parse(e.url, &name))
                    m_fedTestEndpoints << name;
            }
        }
        engine.applyEndpoints(endpoints);
        // Every queue is back, in order, before any way in opens.
        if (durable && !engine.recoverFromJournal(&failure))
            return;
        if (wantIngest) {
            IngestServer *server = nullptr;
            if (durable) {
                server = new IngestServer(
                    ingest,
                    [&engine](const EventBlock &events, IngestServer::SubmitDone done) {
                        engine.submitDurable(events, std::move(done));
                    },
                    &engine);
            } else {
                server = new IngestServer(
                    ingest, [&engine](const EventBlock &events, QString *why) { return engine.submit(events, why); },
                    &engine);
            }
            QString why;
            if (!server->start(&why)) {
                failure = QStringLiteral("ingest: cannot listen on %1: %2").arg(config.ingest.listen, why);
                delete server;
                return;
            }
            m_ingestAddress = server->listenAddress();
            engine.setIngestStatsProvider([server] { return server->stats(); });
        }
        if (wantAdmin) {
            auto *server = new AdminServer(admin, [&engine] { return engine.snapshot(); }, &engine);
            QString why;
            if (!server->start(&why)) {
                failure = QStringLiteral("admin: cannot listen on %1: %2").arg(config.admin.listen, why);
                delete server;
                return;
            }
            m_adminAddress = server->listenAddress();
            engine.setAdminAddress(m_adminAddress);
        }
        // Traffic last, once every endpoint and way in is there.
        if (m_scenario) {
            m_scenario->startTraffic(config, [&engine](const EventBlock &events) { return engine.submit(events); });
            m_problems = m_scenario->problems();
            showTestEndpoints(engine, true);
        }
        engine.publishNow();
    });
    if (!failure.isEmpty()) {
        *error = failure;
        shutdown(0);
        return false;
    }
    return true;
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
        showTestEndpoints(engine, false);
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
void Runtime::showTestEndpoints(Engine &engine, bool wireGenerator)
{
    TestEndpointServer *server = testEndpoints();
    for (AdminServer *admin : engine.findChildren<AdminServer *>(QString(), Qt::FindDirectChildrenOnly))
        admin->setTestEndpoints(server);
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
    m_host.call([this](Engine &engine) {
        // Sources stop; the test endpoints keep answering so the queues can drain into them.
        if (m_demoScenario && m_demoScenario->generator())
            m_demoScenario->generator()->stop();
        if (m_scenario)
            m_scenario->stopTraffic();
        for (IngestServer *server : engine.findChildren<IngestServer *>(QString(), Qt::FindDirectChildrenOnly))
            server->stop();
    });
    if (testEndpoints()) {
        // Drain while the test endpoints still exist (they go with the engine), so the final
        // report says what they got once everything was delivered.
        QDeadlineTimer deadline(deadlineMs);
        while (!deadline.hasExpired()) {
            qint64 pending = 0;
            for (const EndpointSnapshot &endpoint : m_host.snapshot()->endpoints)
                pending += endpoint.metrics.pending;
            if (pending == 0)
                break;
            QThread::msleep(20);
        }
        // The snapshot can lag the last answer by one publish interval.
        QThread::msleep(150);
        m_host.call([this](Engine &) {
            m_finalReport = ReceiverReport::collect(testEndpoints(), generator(), m_fedTestEndpoints);
        });
        deadlineMs = int(qMax<qint64>(0, deadline.remainingTime()));
    }
    const QMap<QString, qsizetype> left = m_host.shutdown(deadlineMs);
    // They were children of the engine, which is gone now.
    m_scenario = nullptr;
    m_demoScenario = nullptr;
    return left;
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
