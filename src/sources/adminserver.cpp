#include "sources/adminserver.h"

#include "sources/expvarwriter.h"
#include "sources/healthresponse.h"
#include "http/httpserver.h"
#include "sources/prometheuswriter.h"
#include "testing/testendpointserver.h"

namespace hookscope {

namespace {

HttpServerOptions httpOptions()
{
    HttpServerOptions http;
    http.maxBodyBytes = 64 * 1024;   // nothing here takes a body
    return http;
}

} // namespace

AdminServer::AdminServer(const AdminOptions &options, SnapshotFunction snapshot, QObject *parent)
    : HttpListener(httpOptions(), options, parent)
    , m_options(options)
    , m_snapshot(std::move(snapshot))
{
    httpServer()->setHandler([this](const HttpRequest &request, HttpResponder responder) {
        handle(request, responder);
    });
}

AdminServer::~AdminServer() = default;

void AdminServer::setTestEndpoints(TestEndpointServer *server)
{
    m_testEndpoints = server;
}

void AdminServer::handle(const HttpRequest &request, const HttpResponder &responder)
{
    const QString path = request.path();
    const bool known = path == QLatin1String("/debug/vars") || path == QLatin1String("/metrics")
        || path == QLatin1String("/healthz");
    if (!known) {
        responder.respond(HttpResponse::error(
            404, QStringLiteral("not found; try /debug/vars, /metrics or /healthz")));
        return;
    }
    if (request.method() != "GET" && request.method() != "HEAD") {
        HttpResponse response = HttpResponse::error(405, QStringLiteral("read-only: use GET"));
        response.setHeader("Allow", "GET, HEAD");
        responder.respond(response);
        return;
    }
    if (path == QLatin1String("/healthz")) {
        responder.respond(healthResponse(m_options.healthProblem));
        return;
    }
    const EngineSnapshot snapshot = m_snapshot ? m_snapshot() : EngineSnapshot();
    HttpResponse response;
    if (path == QLatin1String("/metrics"))
        response = HttpResponse(200, PrometheusWriter::write(snapshot), PrometheusWriter::ContentType);
    else
        response = HttpResponse(200,
                                ExpvarWriter::document(snapshot, m_testEndpoints
                                                           ? m_testEndpoints->snapshot()
                                                           : QList<TestEndpointStats>()),
                                "application/json; charset=utf-8");
    // Always fresh numbers: a cached page while debugging a stuck queue would mislead.
    response.setHeader("Cache-Control", "no-store");
    responder.respond(response);
}

} // namespace hookscope
