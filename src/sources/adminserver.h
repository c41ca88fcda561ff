#pragma once

#include "core/engine/endpointsnapshot.h"
#include "http/httplistener.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace hookscope {

class HttpRequest;
class HttpResponder;
class TestEndpointServer;

// Loopback by default (ListenerOptions): even masked, the page tells a lot about the deployment.
struct AdminOptions : ListenerOptions
{
    // As IngestOptions::healthProblem: /healthz answers 503 with it when it is not empty.
    std::function<QString()> healthProblem;
};

// Read-only views of the engine over HTTP: GET /debug/vars (the registry's expvar layout, see
// ExpvarWriter), GET /metrics (Prometheus text, see PrometheusWriter), GET /healthz.
// The snapshot function is called once per request, on this object's thread.
class AdminServer : public HttpListener
{
    Q_OBJECT
public:
    using SnapshotFunction = std::function<EngineSnapshot()>;

    AdminServer(const AdminOptions &options, SnapshotFunction snapshot, QObject *parent = nullptr);
    ~AdminServer() override;

    // Built-in test endpoints whose stats /debug/vars shows under hookscope.testEndpoints
    // (nullptr: none). Read through their thread-safe snapshot on each request.
    void setTestEndpoints(TestEndpointServer *server);

    // start(), stop(), port(), listenAddress() ("127.0.0.1:5051"): see HttpListener.

private:
    void handle(const HttpRequest &request, const HttpResponder &responder);

    AdminOptions m_options;
    SnapshotFunction m_snapshot;
    QPointer<TestEndpointServer> m_testEndpoints;
};

} // namespace hookscope
