#include "http/httplistener.h"

#include "http/httpserver.h"

namespace hookscope {

namespace {

HttpServerOptions checkingHost(HttpServerOptions options)
{
    options.checkHost = true;
    return options;
}

HttpServerOptions withListener(HttpServerOptions options, const ListenerOptions &listener)
{
    options.requestTimeoutMs = listener.requestTimeoutMs;
    options.allowedHosts = listener.allowedHosts;   // besides loopback; checkHost is always on
    return options;
}

} // namespace

HttpListener::HttpListener(HttpServerOptions options, const QHostAddress &address, quint16 port,
                           QObject *parent)
    : QObject(parent)
    , m_address(address)
    , m_port(port)
    , m_server(new HttpServer(checkingHost(std::move(options)), this))
{
}

HttpListener::HttpListener(HttpServerOptions options, const ListenerOptions &listener, QObject *parent)
    : HttpListener(withListener(std::move(options), listener), listener.address, listener.port, parent)
{
}

HttpListener::~HttpListener() = default;

} // namespace hookscope
