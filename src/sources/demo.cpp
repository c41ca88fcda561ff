#include "demo.h"

#include "testendpointserver.h"

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

bool DemoScenario::start(QString *error)
{
    if (m_running)
        return true;
    const quint32 seed = m_options.seed != 0 ? m_options.seed
                                             : QRandomGenerator::global()->generate() | 1u;
    auto *endpoints = new TestEndpointServer(this);
    TestEndpointBehaviour healthy;
    TestEndpointBehaviour flaky;
    flaky.mode = TestEndpointBehaviour::FailRate;
    flaky.failRate = m_options.flakyFailRate;
    flaky.seed = seed;
    // Flap rather than DownThenHeal: the outage comes back every cycle, so the demo keeps showing
    // a queue that is stuck, then drains. Its own port, so the dispatcher sees a real refusal.
    TestEndpointBehaviour healing;
    healing.mode = TestEndpointBehaviour::Flap;
    healing.downMs = m_options.downMs;
    healing.upMs = m_options.upMs;

    QString problem;
    const bool ok = endpoints->listen(QHostAddress::LocalHost, 0, &problem)
        && endpoints->addEndpoint(Healthy, healthy, &problem)
        && endpoints->addEndpoint(Flaky, flaky, &problem)
        && endpoints->addEndpointOnOwnPort(DownThenHealing, healing, 0, &problem);
    if (!ok) {
        delete endpoints;
        if (error)
            *error = u"demo: "_s + problem;
        return false;
    }
    m_endpoints = endpoints;

    GeneratorOptions options;
    options.seed = seed;
    m_generator = new Generator(options, this);
    m_generator->setProfile(GeneratorProfile::Mixed);
    m_generator->setRate(m_options.rate);
    m_running = true;
    return true;
}

AppConfig DemoScenario::config() const
{
    AppConfig config;
    if (!m_endpoints)
        return config;
    for (const QString &name : endpointNames()) {
        EndpointConfig endpoint;
        endpoint.name = name;
        endpoint.url = m_endpoints->url(name).toString();
        endpoint.timeoutNs = 1'000'000'000;
        endpoint.threshold = 3;
        endpoint.backoffNs = 1'000'000'000;
        config.endpoints.append(endpoint);
    }
    return config;
}

void DemoScenario::attach(std::function<bool(const EventBlock &)> submit)
{
    if (!m_generator)
        return;
    m_generator->setSubmit(std::move(submit));
    // Every test endpoint is one of the dispatcher's endpoints here, so each is told what the
    // generator handed over: that is what makes its "lost" count mean something.
    connect(m_generator, &Generator::eventsSubmitted, this, [this] {
        if (m_endpoints && m_generator)
            m_endpoints->noteSent(m_generator->stream(), m_generator->lastSubmittedSequence());
    });
    m_generator->start();
}

void DemoScenario::stop()
{
    if (m_generator) {
        m_generator->stop();
        delete m_generator;
        m_generator = nullptr;
    }
    if (m_endpoints) {
        m_endpoints->close();
        delete m_endpoints;
        m_endpoints = nullptr;
    }
    m_running = false;
}

} // namespace hookscope
