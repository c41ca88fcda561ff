#include "http/httplistener.h"

#include "http/httpserver.h"

namespace hookscope {

namespace {

HttpServerOptions checkingHost(HttpServerOptions options)
{
    options.checkHost = true;
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

HttpListener::~HttpListener() = default;

} // namespace hookscope
