#pragma once

#include "httprequest.h"
#include "httpresponder.h"
#include "httpresponse.h"

#include <QHostAddress>
#include <QObject>

#include <functional>
#include <optional>

class QTcpServer;

namespace hookscope {

class HttpConnection;

struct HttpServerOptions
{
    qint64 maxBodyBytes = 4 * 1024 * 1024;   // 413 when Content-Length or the streamed body exceeds it
    // Request line + headers; 431 beyond. libhttp-parser has its own compiled-in ceiling (80 KiB)
    // that also answers 431, so larger values have no effect.
    int maxHeaderBytes = 64 * 1024;
    int requestTimeoutMs = 10000;            // a whole request, from its first byte; 408 beyond
    // An open connection with no request in progress, including a new one that has not sent a
    // byte yet; closed silently (no 408: there is no request to answer).
    int idleTimeoutMs = 30000;
    int maxConnections = 512;                // beyond: 503 and close
    int drainTimeoutMs = 1000;               // after a final response, how long we read and discard
};

struct HttpServerStats
{
    qint64 connectionsAccepted = 0;
    qint64 connectionsRejected = 0;          // over maxConnections (503)
    int openConnections = 0;
    qint64 requests = 0;                     // complete requests handed to the check or handler
    qint64 timeouts = 0;                     // 408s
    qint64 parseErrors = 0;                  // 400s for malformed HTTP
    qint64 tooLarge = 0;                     // 413s and 431s decided by the server's limits
    qint64 earlyRejections = 0;              // answered by the header check
};

// A small asynchronous HTTP/1.1 server: libhttp-parser does the parsing, this class the
// connection bookkeeping. Keep-alive and pipelining are supported; responses go out in request
// order because a connection parses its next request only after the current one was answered.
class HttpServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(const HttpRequest &, HttpResponder)>;
    // Called when a request's headers are complete, before its body is read (the body is empty).
    // Return a response to reject the request early (it is sent and the connection closed), or
    // std::nullopt to go on. "Expect: 100-continue" is only answered once the check passed.
    using HeaderCheck = std::function<std::optional<HttpResponse>(const HttpRequest &)>;

    explicit HttpServer(QObject *parent = nullptr);
    explicit HttpServer(const HttpServerOptions &options, QObject *parent = nullptr);
    ~HttpServer() override;

    // Options apply to connections accepted afterwards.
    void setOptions(const HttpServerOptions &options) { m_options = options; }
    const HttpServerOptions &options() const { return m_options; }
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void setHeaderCheck(HeaderCheck check) { m_headerCheck = std::move(check); }

    // port 0 picks a free port (see serverPort()).
    bool listen(const QHostAddress &address, quint16 port, QString *error = nullptr);
    void close();   // stops listening and drops every open connection
    bool isListening() const;
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    QString listenAddress() const;   // "127.0.0.1:5050" / "[::1]:5050"; empty when not listening

    const HttpServerStats &stats() const { return m_stats; }

Q_SIGNALS:
    void requestTimedOut(const QHostAddress &peer);

private:
    friend class HttpConnection;
    void handleNewConnections();
    void forgetConnection(HttpConnection *connection);

    HttpServerOptions m_options;
    Handler m_handler;
    HeaderCheck m_headerCheck;
    HttpServerStats m_stats;
    QTcpServer *m_tcpServer = nullptr;
    QList<HttpConnection *> m_connections;
    int m_nextConnectionId = 1;
};

} // namespace hookscope
