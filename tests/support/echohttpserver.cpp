#include "echohttpserver.h"

namespace hookscope::test {

void echoHandler(const HttpRequest &request, HttpResponder responder)
{
    responder.respond(HttpResponse::text(
        200, request.method() + ' ' + request.path().toUtf8() + ' '
                 + QByteArray::number(request.body().size())));
}

std::unique_ptr<HttpServer> startEchoServer(const HttpServerOptions &options)
{
    auto server = std::make_unique<HttpServer>(options);
    server->setHandler(&echoHandler);
    QString error;
    if (!server->listen(QHostAddress::LocalHost, 0, &error))
        qWarning("listen: %s", qPrintable(error));
    return server;
}

} // namespace hookscope::test
