#include "sources/demo.h"
#include "sources/generator.h"

#include "sources/scenario.h"
#include "testing/testendpointserver.h"

#include <QRandomGenerator>

namespace hookscope {

using namespace Qt::StringLiterals;

namespace {

const QString Healthy = u"healthy"_s;
const QString Flaky = u"flaky"_s;
const QString DownThenHealing = u"down-then-healing"_s;

} // namespace

DemoScenario::DemoScenario(QObject *parent)
    : DemoScenario(DemoOptions(), parent)
{
}

DemoScenario::DemoScenario(const DemoOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
}

DemoScenario::~DemoScenario()
{
    stop();
}

QStringList DemoScenario::endpointNames()
{
    return {Healthy, Flaky, DownThenHealing};
}

AppConfig DemoScenario::scenarioConfig(const DemoOptions &options)
{
    AppConfig config;
    TestEndpointConfig healthy;
    healthy.name = Healthy;
    TestEndpointConfig flaky;
    flaky.name = Flaky;
    flaky.mode = u"failrate"_s;
    flaky.failRate = options.flakyFailRate;
    flaky.seed = options.seed;
    // Flap rather than DownThenHeal: the outage comes back every cycle, so the demo keeps showing
    // a queue that is stuck, then drains. Its own port, so the dispatcher sees a real refusal.
    TestEndpointConfig healing;
    healing.name = DownThenHealing;
    healing.mode = u"flap"_s;
    healing.downNs = qint64(options.downMs) * 1'000'000;
    healing.upNs = qint64(options.upMs) * 1'000'000;
    config.testEndpoints = {healthy, flaky, healing};

    config.generator.enabled = true;
    config.generator.rate = options.rate;
    config.generator.seed = options.seed;

    for (const QString &name : endpointNames()) {
        EndpointConfig endpoint;
        endpoint.name = name;
        endpoint.url = QLatin1String(TestEndpointUrl::Scheme) + u"://"_s + name;
        endpoint.timeoutNs = 1'000'000'000;
        endpoint.threshold = 3;
        endpoint.backoffNs = 1'000'000'000;
        config.endpoints.append(endpoint);
    }
    return config;
}

bool DemoScenario::start(QString *error)
{
    if (m_running)
        return true;
    DemoOptions options = m_options;
    // One seed for the flaky endpoint and the generator, drawn once, so a run is reproducible
    // from its seed.
    if (options.seed == 0)
        options.seed = QRandomGenerator::global()->generate() | 1u;
    AppConfig config = scenarioConfig(options);
    auto *scenario = new Scenario(this);
    scenario->startTestEndpoints(config.testEndpoints, QString());
    if (!scenario->problems().isEmpty()) {
        if (error)
            *error = u"demo: "_s + scenario->problems().constFirst().message;
        delete scenario;
        return false;
    }
    config.endpoints = scenario->resolveEndpoints(config.endpoints);
    m_config = config;
    m_scenario = scenario;
    m_running = true;
    return true;
}

AppConfig DemoScenario::config() const
{
    AppConfig config;
    if (m_running)
        config.endpoints = m_config.endpoints;
    return config;
}

void DemoScenario::attach(std::function<bool(const EventBlock &)> submit)
{
    if (!m_scenario)
        return;
    m_scenario->startTraffic(m_config, std::move(submit));
    // Every test endpoint is one of the dispatcher's endpoints here, so each is told what the
    // generator handed over: that is what makes its "lost" count mean something.
    Generator *generator = m_scenario->generator();
    TestEndpointServer *server = m_scenario->testEndpoints();
    if (generator && server) {
        connect(generator, &Generator::eventsSubmitted, server, [server, generator] {
            server->noteSent(generator->stream(), generator->lastSubmittedSequence());
        });
    }
}

void DemoScenario::stop()
{
    if (m_scenario) {
        m_scenario->stop();
        delete m_scenario;
        m_scenario = nullptr;
    }
    m_running = false;
}

TestEndpointServer *DemoScenario::testEndpoints() const
{
    return m_scenario ? m_scenario->testEndpoints() : nullptr;
}

Generator *DemoScenario::generator() const
{
    return m_scenario ? m_scenario->generator() : nullptr;
}

} // namespace hookscope
