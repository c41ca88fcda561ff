#include "sources/scenario.h"

#include "sources/generator.h"
#include "sources/replayer.h"
#include "testing/testendpointserver.h"
#include "sources/testendpointspec.h"

#include <QHostAddress>
#include <QRandomGenerator>

#include <limits>

namespace hookscope {

Scenario::Scenario(QObject *parent)
    : QObject(parent)
    , m_durationTimer(this)
{
    m_durationTimer.setSingleShot(true);
    connect(&m_durationTimer, &QTimer::timeout, this, [this] {
        if (m_generator)
            m_generator->stop();
    });
}

Scenario::~Scenario()
{
    stop();
}

bool Scenario::hasConfigProblem() const
{
    for (const ScenarioProblem &p : m_problems) {
        if (p.kind == ScenarioProblem::Config)
            return true;
    }
    return false;
}

void Scenario::report(ScenarioProblem::Kind kind, const QString &message)
{
    m_problems.append({kind, message});
}

void Scenario::startTestEndpoints(const QList<TestEndpointConfig> &endpoints, const QString &sourceFile)
{
    if (endpoints.isEmpty())
        return;
    if (!m_server) {
        m_server = new TestEndpointServer(this);
        // The shared listener serves nothing here (each endpoint has its own port), but it fixes
        // the address own-port listeners use and answers 404 for stray paths.
        QString error;
        if (!m_server->listen(QHostAddress::LocalHost, 0, &error)) {
            report(ScenarioProblem::Runtime, QStringLiteral("test endpoints: cannot listen on 127.0.0.1: ") + error);
            delete m_server;
            m_server = nullptr;
            return;
        }
    }
    for (const TestEndpointConfig &config : endpoints) {
        const QString label = TestEndpointSpec::label(config, sourceFile);
        TestEndpointBehaviour behaviour;
        quint16 port = 0;
        QString error;
        if (!TestEndpointSpec::toBehaviour(config, &behaviour, &error)
            || !TestEndpointSpec::port(config, &port, &error)) {
            report(ScenarioProblem::Config, QStringLiteral("%1: %2; not started").arg(label, error));
            continue;
        }
        if (!m_server->addEndpointOnOwnPort(config.name, behaviour, port, &error)) {
            // The name and behaviour were checked above, so what is left is the listener. The
            // server names the endpoint too; the label already does.
            const QString prefix = QStringLiteral("test endpoint %1: ").arg(config.name);
            if (error.startsWith(prefix))
                error = error.mid(prefix.size());
            report(ScenarioProblem::Runtime, QStringLiteral("%1: %2; not started").arg(label, error));
        }
    }
}

QList<EndpointConfig> Scenario::resolveEndpoints(const QList<EndpointConfig> &endpoints) const
{
    QList<EndpointConfig> resolved = endpoints;
    if (m_server)
        TestEndpointUrl::resolve(&resolved, [this](const QString &name) { return m_server->url(name); });
    return resolved;
}

void Scenario::startTraffic(const AppConfig &config, Submit submit)
{
    m_submit = std::move(submit);
    if (config.generator.enabled)
        startGenerator(config);
    if (!config.replay.isEmpty())
        startReplay(config);
}

void Scenario::startGenerator(const AppConfig &config)
{
    const GeneratorConfig &g = config.generator;
    GeneratorOptions options;
    options.seed = g.seed != 0 ? quint32(g.seed) : (QRandomGenerator::global()->generate() | 1u);
    options.repositories = g.repositories;
    options.users = g.users;
    options.includeReferences = config.includeReferences;
    options.stampSequence = g.stamp;
    options.pushWeight = g.pushWeight;
    options.pullWeight = g.pullWeight;
    options.mountWeight = g.mountWeight;
    options.deleteWeight = g.deleteWeight;
    GeneratorProfile profile = GeneratorProfile::Mixed;
    if (!Generator::profileFromName(g.mix, &profile)) {
        report(ScenarioProblem::Config, QStringLiteral("generator: unknown mix \"%1\"; not started").arg(g.mix));
        return;
    }
    delete m_generator;
    m_generator = new Generator(options, this);
    m_generator->setProfile(profile);
    m_generator->setRate(g.rate);
    m_generator->setBurstSize(g.burst);
    m_generator->setMaxEvents(g.count);
    m_generator->setSubmit(m_submit);
    if (g.rate <= 0) {
        // No rate: the count goes out at once (a load test), then nothing more.
        if (g.count > 0)
            m_generator->burst(int(qMin<qint64>(g.count, std::numeric_limits<int>::max())));
        return;
    }
    m_generator->start();
    if (g.durationNs > 0)
        m_durationTimer.start(int(qMin<qint64>(g.durationNs / 1'000'000, std::numeric_limits<int>::max())));
}

void Scenario::startReplay(const AppConfig &config)
{
    ReplayFormat format = ReplayFormat::Auto;
    Replayer::Pace pace = Replayer::Pace::Fast;
    if (!ReplayLoader::formatFromName(config.replay.format, &format)
        || !Replayer::paceFromName(config.replay.pace, &pace)) {
        report(ScenarioProblem::Config, QStringLiteral("replay: unknown format \"%1\" or pace \"%2\"; not started")
                                            .arg(config.replay.format, config.replay.pace));
        return;
    }
    const ReplayLoad load = ReplayLoader::load(config.replay.files, format);
    m_replaySummary = ReplaySummary::of(load);
    m_replayLoaded = true;
    for (const QString &error : load.errors())
        report(ScenarioProblem::Config, QStringLiteral("replay: %1; nothing from this file is published").arg(error));
    const QList<ReplayEnvelope> envelopes = load.envelopes();
    if (envelopes.isEmpty())
        return;
    if (!m_replayer)
        m_replayer = new Replayer(this);
    m_replayer->start(envelopes, pace, m_submit);
}

QString Scenario::replaySummary(bool planned) const
{
    if (!m_replayLoaded)
        return QString();
    return m_replaySummary.text(planned ? -1 : m_replayer ? m_replayer->published() : 0);
}

void Scenario::stopTraffic()
{
    m_durationTimer.stop();
    if (m_generator)
        m_generator->stop();
    if (m_replayer)
        m_replayer->stop();
}

void Scenario::stop()
{
    stopTraffic();
    delete m_generator;
    m_generator = nullptr;
    delete m_replayer;
    m_replayer = nullptr;
    if (m_server) {
        m_server->close();
        delete m_server;
        m_server = nullptr;
    }
}

} // namespace hookscope
