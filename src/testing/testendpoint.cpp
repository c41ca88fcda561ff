#include "testing/testendpoint.h"

#include "http/httprequest.h"
#include "http/httpresponder.h"
#include "http/httpresponse.h"
#include "http/httpserver.h"

#include <QDateTime>

#include <cmath>
#include <iterator>

namespace hookscope {

using namespace Qt::StringLiterals;

namespace {

constexpr double Pi = 3.14159265358979323846;

bool isEventsMediaType(const QByteArray &contentType)
{
    // Parameters (charset) are tolerated; the registry sends none.
    const QByteArray type = contentType.split(';').value(0).trimmed().toLower();
    return type == "application/vnd.docker.distribution.events.v1+json"
        || type == "application/vnd.docker.distribution.events.v2+json";
}

bool hasRequiredHeader(const HttpRequest &request, const QByteArray &requirement)
{
    const int colon = requirement.indexOf(':');
    if (colon < 0)
        return request.hasHeader(requirement.trimmed());
    const QByteArray name = requirement.left(colon).trimmed();
    const QByteArray value = requirement.mid(colon + 1).trimmed();
    return request.headerValues(name).contains(value);
}

// The ways a request goes without an HTTP answer: the mode that does it to every request (a down
// phase picks Close or Reset by its style), the counter it adds to, the outcome its summary shows
// and what is done to the connection instead.
struct Fault
{
    TestEndpointBehaviour::Mode mode;
    qint64 TestEndpointStats::*counter;
    const char *outcome;
    void (*act)(const HttpResponder &responder, const TestEndpointBehaviour &behaviour);
};
enum FaultIndex { HangFault, CloseFault, ResetFault, GarbageFault };
constexpr Fault Faults[] = {
    {TestEndpointBehaviour::Hang, &TestEndpointStats::hangs, "hang",
     [](const HttpResponder &responder, const TestEndpointBehaviour &) { responder.hang(); }},
    {TestEndpointBehaviour::CloseConnection, &TestEndpointStats::closes, "closed",
     [](const HttpResponder &responder, const TestEndpointBehaviour &) { responder.closeWithoutResponse(); }},
    {TestEndpointBehaviour::ResetConnection, &TestEndpointStats::resets, "reset",
     [](const HttpResponder &responder, const TestEndpointBehaviour &) { responder.reset(); }},
    {TestEndpointBehaviour::Garbage, &TestEndpointStats::garbage, "garbage",
     [](const HttpResponder &responder, const TestEndpointBehaviour &b) { responder.writeRaw(b.garbageBytes()); }},
};
static_assert(std::size(Faults) == GarbageFault + 1, "one row per FaultIndex, in its order");

// The request's side of a summary; the outcome is filled in once it is known.
TestEndpointRequestSummary summaryOf(const HttpRequest &request)
{
    TestEndpointRequestSummary summary;
    summary.method = request.method();
    summary.target = request.target();
    summary.contentType = request.header("Content-Type");
    summary.bodyBytes = request.body().size();
    summary.connectionId = request.connectionId();
    return summary;
}

} // namespace

TestEndpoint::TestEndpoint(const QString &name, const TestEndpointBehaviour &behaviour,
                           QObject *parent)
    : QObject(parent)
    , m_name(name)
    , m_random(behaviour.seed)
    , m_latencyRandom(behaviour.seed + 1)
{
    m_stats.name = name;
    m_stats.behaviour = behaviour;
    m_transitionTimer.setSingleShot(true);
    m_transitionTimer.setTimerType(Qt::PreciseTimer);   // ms-scale schedules in tests
    connect(&m_transitionTimer, &QTimer::timeout, this, &TestEndpoint::applySchedule);
    m_scheduleClock.start();
    applySchedule();
}

TestEndpoint::~TestEndpoint() = default;

bool TestEndpoint::listenOwnPort(const QHostAddress &address, quint16 port, QString *error)
{
    if (!m_ownServer) {
        m_ownServer = new HttpServer(this);
        m_ownServer->setHandler([this](const HttpRequest &request, HttpResponder responder) {
            handle(request, responder);
        });
    }
    if (!m_ownServer->listen(address, port, error))
        return false;
    m_ownAddress = address;
    m_ownPort = m_ownServer->serverPort();
    {
        const QMutexLocker lock(&m_mutex);
        m_stats.ownPort = true;
    }
    applySchedule();   // starting in a down phase closes the listener again at once
    return true;
}

void TestEndpoint::setUrl(const QUrl &url)
{
    const QMutexLocker lock(&m_mutex);
    m_stats.url = url;
}

void TestEndpoint::setBehaviour(const TestEndpointBehaviour &behaviour)
{
    bool restart = false;
    {
        const QMutexLocker lock(&m_mutex);
        const TestEndpointBehaviour &old = m_stats.behaviour;
        restart = old.mode != behaviour.mode || old.downMs != behaviour.downMs
            || old.upMs != behaviour.upMs || old.failCount != behaviour.failCount;
        if (old.seed != behaviour.seed || old.mode != behaviour.mode) {
            m_random.seed(behaviour.seed);
            m_latencyRandom.seed(behaviour.seed + 1);
        }
        m_stats.behaviour = behaviour;
    }
    if (restart) {
        m_scheduleClock.restart();
        m_answeredSinceRestart = 0;
    }
    applySchedule();
}

TestEndpointBehaviour TestEndpoint::behaviour() const
{
    const QMutexLocker lock(&m_mutex);
    return m_stats.behaviour;
}

void TestEndpoint::restartSchedule()
{
    m_scheduleClock.restart();
    m_answeredSinceRestart = 0;
    applySchedule();
}

void TestEndpoint::resetStats()
{
    const QMutexLocker lock(&m_mutex);
    TestEndpointStats fresh;
    fresh.name = m_stats.name;
    fresh.url = m_stats.url;
    fresh.ownPort = m_stats.ownPort;
    fresh.listening = m_stats.listening;
    fresh.down = m_stats.down;
    fresh.lastError = m_stats.lastError;
    fresh.behaviour = m_stats.behaviour;
    m_stats = fresh;
    m_checks.clear();
}

void TestEndpoint::setRecentLimit(int limit)
{
    const QMutexLocker lock(&m_mutex);
    m_recentLimit = qMax(0, limit);
    while (m_stats.recent.size() > m_recentLimit)
        m_stats.recent.removeFirst();
}

bool TestEndpoint::isDown() const
{
    return behaviour().isDownAt(m_scheduleClock.elapsed());
}

void TestEndpoint::applySchedule()
{
    const TestEndpointBehaviour b = behaviour();
    const qint64 elapsed = m_scheduleClock.elapsed();
    const bool down = b.isDownAt(elapsed);
    QString error;
    if (m_ownServer) {
        // A down phase really closes the listener so clients get ECONNREFUSED; it reopens on the
        // same port, which stays free in practice on loopback (SO_REUSEADDR is set by Qt).
        if (down && m_ownServer->isListening())
            m_ownServer->close();
        else if (!down && !m_ownServer->isListening())
            m_ownServer->listen(m_ownAddress, m_ownPort, &error);
    }
    {
        const QMutexLocker lock(&m_mutex);
        m_stats.down = down;
        m_stats.listening = m_ownServer && m_ownServer->isListening();
        if (!error.isEmpty())
            m_stats.lastError = error;
    }
    const qint64 next = b.msUntilTransition(elapsed);
    if (next >= 0)
        m_transitionTimer.start(int(qMin<qint64>(next, 24 * 3600 * 1000)));
    else if (!error.isEmpty())
        m_transitionTimer.start(1000);   // keep trying to reopen a port someone else grabbed
    else
        m_transitionTimer.stop();
}

void TestEndpoint::addSummary(TestEndpointRequestSummary summary)
{
    if (m_recentLimit <= 0)
        return;
    summary.atMs = QDateTime::currentMSecsSinceEpoch();
    m_stats.recent.append(std::move(summary));
    while (m_stats.recent.size() > m_recentLimit)
        m_stats.recent.removeFirst();
}

void TestEndpoint::handle(const HttpRequest &request, const HttpResponder &responder)
{
    const TestEndpointBehaviour b = behaviour();
    TestEndpointRequestSummary summary = summaryOf(request);

    // What happens to this request without an HTTP answer, if anything.
    const Fault *fault = nullptr;
    if (b.isDownAt(m_scheduleClock.elapsed())) {
        // Reached only on the shared port, or by a request that raced the listener closing.
        fault = &Faults[b.downStyle == TestEndpointBehaviour::Close ? CloseFault : ResetFault];
    } else {
        for (const Fault &candidate : Faults) {
            if (candidate.mode == b.mode)
                fault = &candidate;
        }
    }
    if (fault) {
        // None of these is an acceptance: the sender got no status, so the receiver checks do
        // not record the envelope (a sender will deliver it again).
        {
            const QMutexLocker lock(&m_mutex);
            ++m_stats.requests;
            ++(m_stats.*fault->counter);
            summary.outcome = QString::fromLatin1(fault->outcome);
            addSummary(summary);
        }
        fault->act(responder, b);
        return;
    }
    {
        const QMutexLocker lock(&m_mutex);
        ++m_stats.requests;
    }

    QList<QJsonObject> events;
    int status = 200;
    QByteArray body;
    if (b.strictMediaType && !isEventsMediaType(request.header("Content-Type"))) {
        status = 415;
    } else if (!b.requireHeader.isEmpty() && !hasRequiredHeader(request, b.requireHeader)) {
        status = 401;
    } else if (!ReceiverChecks::parseEnvelope(request.body(), &events)) {
        status = 400;
        body = "not an envelope";
        const QMutexLocker lock(&m_mutex);
        m_checks.recordBadJson();
    } else if (b.mode == TestEndpointBehaviour::Status) {
        status = b.status;
        body = b.body;
    } else if (b.mode == TestEndpointBehaviour::FailRate) {
        // Two draws per request whatever the outcome, so a seed always gives the same answers.
        const bool fail = m_random.generateDouble() < b.failRate;
        static const int FailureStatuses[] = {500, 502, 503, 504};
        const int pick = int(m_random.bounded(4u));
        if (fail)
            status = FailureStatuses[pick];
    } else if (b.mode == TestEndpointBehaviour::FailFirst) {
        if (m_answeredSinceRestart < b.failCount)
            status = b.status >= 400 ? b.status : 503;
        ++m_answeredSinceRestart;
    }

    int delayMs = b.delayMs;
    if (b.latency != TestEndpointBehaviour::Fixed) {
        // Box-Muller from two uniform draws: QRandomGenerator has no normal distribution.
        const double u1 = m_latencyRandom.generateDouble();
        const double u2 = m_latencyRandom.generateDouble();
        const double normal = std::sqrt(-2.0 * std::log(1.0 - u1)) * std::cos(2.0 * Pi * u2);
        delayMs = b.drawDelayMs(u1, normal);
    }
    if (delayMs <= 0) {
        answer(responder, request, events, status, body);
        return;
    }
    // The receiver "processes" the envelope when the delay is over, whether or not the client
    // is still waiting: a slow answer past the sender's timeout is how duplicates happen.
    QTimer::singleShot(delayMs, Qt::PreciseTimer, this,
                       [this, responder, request, events, status, body] {
                           answer(responder, request, events, status, body);
                       });
}

void TestEndpoint::answer(const HttpResponder &responder, const HttpRequest &request,
                          const QList<QJsonObject> &events, int status, const QByteArray &body)
{
    TestEndpointRequestSummary summary = summaryOf(request);
    summary.events = int(events.size());
    if (!events.isEmpty())
        summary.firstEventId = events.first().value("id"_L1).toString().toUtf8();
    summary.status = status;
    summary.outcome = u"answered"_s;
    {
        const QMutexLocker lock(&m_mutex);
        ++m_stats.statuses[status];
        if (status >= 200 && status < 400) {
            ++m_stats.accepted;
            m_checks.recordAccepted(events);
        } else {
            ++m_stats.rejected;
        }
        addSummary(summary);
    }
    const TestEndpointBehaviour b = behaviour();
    if (b.mode == TestEndpointBehaviour::SlowBody) {
        // The envelope counts as accepted above, when the head is sent: the receiver decided.
        // A sender that times out in the middle of the body sends it again: a duplicate.
        const QByteArray padded = QByteArrayLiteral("OK\n").leftJustified(b.bodyBytes, ' ', true);
        responder.respondSlowly(HttpResponse::text(status, padded), b.slowBodyChunkBytes(),
                                b.slowBodyChunkIntervalMs());
        return;
    }
    HttpResponse response = HttpResponse::text(
        status, body.isEmpty() ? HttpResponse::reasonPhrase(status) + '\n' : body);
    if (status >= 400 && !b.retryAfter.isEmpty())
        response.setHeader("Retry-After", b.retryAfter);
    responder.respond(response);
}

TestEndpointStats TestEndpoint::snapshot() const
{
    const QMutexLocker lock(&m_mutex);
    TestEndpointStats stats = m_stats;
    stats.checks = m_checks.counts();
    return stats;
}

qint64 TestEndpoint::missing(const QString &stream, quint64 lastSentSeq) const
{
    const QMutexLocker lock(&m_mutex);
    return m_checks.missing(stream, lastSentSeq);
}

void TestEndpoint::noteSent(const QString &stream, quint64 highestSeq)
{
    const QMutexLocker lock(&m_mutex);
    m_checks.noteSent(stream, highestSeq);
}

} // namespace hookscope
