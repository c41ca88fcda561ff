#include "sources/ingestserver.h"

#include "sources/healthresponse.h"
#include "http/httpserver.h"
#include "core/model/envelope.h"

#include <QJsonObject>
#include <QPointer>

namespace hookscope {

namespace {

const QString EventsPath = QStringLiteral("/events");
const QString HealthPath = QStringLiteral("/healthz");

// Compares without an early exit, so the time taken does not tell how much of a guess was right.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    unsigned char difference = a.size() == b.size() ? 0 : 1;
    const qsizetype n = qMax(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const char x = i < a.size() ? a.at(i) : '\0';
        const char y = i < b.size() ? b.at(i) : '\0';
        difference |= static_cast<unsigned char>(x ^ y);
    }
    return difference == 0;
}

HttpServerOptions httpOptions(const IngestOptions &options)
{
    HttpServerOptions http;
    http.maxBodyBytes = options.bodyLimit;
    http.idleTimeoutMs = options.idleTimeoutMs;
    return http;
}

} // namespace

IngestServer::IngestServer(const IngestOptions &options, SubmitFunction submit, QObject *parent)
    : HttpListener(httpOptions(options), options, parent)
    , m_options(options)
    , m_submit(std::move(submit))
{
    httpServer()->setHeaderCheck([this](const HttpRequest &request) { return checkHeaders(request); });
    httpServer()->setHandler([this](const HttpRequest &request, HttpResponder responder) {
        handle(request, responder);
    });
    connect(httpServer(), &HttpServer::requestTimedOut, this, [this](const QHostAddress &peer) {
        Q_EMIT requestRejected(408, QStringLiteral("request not received in time"), peer);
    });
    connect(httpServer(), &HttpServer::requestRefused, this, &IngestServer::requestRejected);
}

IngestServer::~IngestServer() = default;

IngestStats IngestServer::stats() const
{
    IngestStats stats = m_stats;
    stats.listenAddress = listenAddress();
    // Refusals the HTTP layer made on its own (limits, malformed HTTP) are rejections too.
    const HttpServerStats &http = httpServer()->stats();
    stats.rejected += http.tooLarge + http.parseErrors + http.misdirected;
    stats.timedOut = http.timeouts;
    return stats;
}

HttpResponse IngestServer::reject(const HttpRequest &request, int status, const QString &reason)
{
    if (status >= 400 && status < 500)
        ++m_stats.rejected;
    Q_EMIT requestRejected(status, reason, request.peerAddress());
    return HttpResponse::error(status, reason);
}

bool IngestServer::tokenMatches(const QByteArray &authorization) const
{
    // "Bearer" is case-insensitive (RFC 9110 11.1); the token itself is compared exactly.
    const qsizetype space = authorization.indexOf(' ');
    if (space < 0 || authorization.left(space).compare("Bearer", Qt::CaseInsensitive) != 0)
        return false;
    return constantTimeEquals(authorization.mid(space + 1).trimmed(), m_options.token);
}

std::optional<HttpResponse> IngestServer::checkHeaders(const HttpRequest &request)
{
    const QString path = request.path();
    const bool readOnly = request.method() == "GET" || request.method() == "HEAD";
    if (path == HealthPath) {
        if (readOnly)
            return std::nullopt;
        HttpResponse response = reject(request, 405, QStringLiteral("use GET on /healthz"));
        response.setHeader("Allow", "GET, HEAD");
        return response;
    }
    if (path != EventsPath)
        return reject(request, 404, QStringLiteral("not found; registries post to %1").arg(EventsPath));
    ++m_stats.requests;
    if (request.method() != "POST") {
        HttpResponse response = reject(request, 405, QStringLiteral("use POST on /events"));
        response.setHeader("Allow", "POST");
        return response;
    }
    if (!m_options.token.isEmpty() && !tokenMatches(request.header("Authorization"))) {
        HttpResponse response = reject(request, 401, QStringLiteral("missing or wrong bearer token"));
        response.setHeader("WWW-Authenticate", "Bearer");
        return response;
    }
    const QByteArray contentType = request.header("Content-Type");
    if (contentType.isNull() || !Envelope::isAcceptedContentType(contentType)) {
        return reject(request, 415,
                      QStringLiteral("Content-Type must be %1, %2 or %3")
                          .arg(QLatin1String(Envelope::MediaTypeV1),
                               QLatin1String(Envelope::MediaTypeV2),
                               QLatin1String(Envelope::MediaTypeJson)));
    }
    // The registry never compresses its requests; decoding is not worth a dependency.
    const QByteArray encoding = request.header("Content-Encoding").trimmed();
    if (!encoding.isEmpty() && encoding.compare("identity", Qt::CaseInsensitive) != 0)
        return reject(request, 415, QStringLiteral("Content-Encoding is not supported"));
    return std::nullopt;
}

void IngestServer::handle(const HttpRequest &request, const HttpResponder &responder)
{
    if (request.path() == HealthPath) {
        responder.respond(healthResponse(m_options.healthProblem));
        return;
    }
    Envelope::ParseOptions parseOptions;
    parseOptions.maxEvents = m_options.maxEvents;
    parseOptions.validateEvents = m_options.validate;
    const Envelope::ParseResult parsed = Envelope::parse(request.body(), parseOptions);
    if (!parsed.ok()) {
        responder.respond(reject(request, parsed.tooManyEvents ? 413 : 400, parsed.error));
        return;
    }
    const int count = int(parsed.events.size());
    // An empty envelope is valid and there is nothing to hand over.
    if (count == 0) {
        accepted(responder, count);
        return;
    }
    // The request is copied because the connection's own copy does not outlive this call, and the
    // answer may come after it (durable mode).
    QPointer<IngestServer> self(this);
    m_submit(parsed.events, [self, request, responder, count](bool ok, const QString &why) {
        if (!self)
            return;
        if (ok) {
            self->accepted(responder, count);
            return;
        }
        const QString error = why.isEmpty() ? QStringLiteral("not accepting events") : why;
        responder.respond(self->reject(request, 503, error));
    });
}

void IngestServer::accepted(const HttpResponder &responder, int count)
{
    ++m_stats.accepted;
    m_stats.eventsAccepted += count;
    Q_EMIT eventsAccepted(count);
    responder.respond(HttpResponse::json(200, QJsonObject{{QStringLiteral("accepted"), count}}));
}

} // namespace hookscope
