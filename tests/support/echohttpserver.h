#pragma once

#include "http/httpserver.h"

#include <memory>

namespace hookscope::test {

// Answers 200 with what it understood: "<METHOD> <path> <body size>".
void echoHandler(const HttpRequest &request, HttpResponder responder);

// An HttpServer on 127.0.0.1 (free port) with echoHandler, for the server's own tests; a warning
// when it cannot listen.
std::unique_ptr<HttpServer> startEchoServer(const HttpServerOptions &options);

} // namespace hookscope::test
