#pragma once

#include "http/hostcheck.h"
#include "http/httprequest.h"
#include "http/httpresponder.h"
#include "http/httpresponse.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

class QTcpServer;
class QTimer;

namespace hookscope {

class HttpConnection;

struct HttpServerOptions
{
    qint64 maxBodyBytes = 4 * 1024 * 1024;   // 413 when Content-Length or the streamed body exceeds it
    // Request line + headers; 431 beyond. libhttp-parser has its own compiled-in ceiling (80 KiB)
    // that also answers 431, so larger values have no effect.
    int maxHeaderBytes = 64 * 1024;
    int maxHeaderLines = 100;                // 431 beyond (trailers of a chunked body count too)
    // A whole request, from its first byte (bare CRLFs before a request line included, so a
    // client sending only line ends cannot hold a connection); 408 beyond.
    int requestTimeoutMs = 10000;
    // An open connection with no request in progress, including a new one that has not sent a
    // byte yet; closed silently (no 408: there is no request to answer).
    int idleTimeoutMs = 30000;
    // At the limit a new connection evicts the longest-idle one without a request in progress;
    // only when every connection is busy does the new one get 503 and close.
    int maxConnections = 512;
    int drainTimeoutMs = 1000;               // after a final response, how long we read and discard
    // A client that shut down its sending side (or left: the two look alike) while its request
    // awaits an answer: how long the answer may still take before the connection is dropped.
    int halfCloseGraceMs = 2000;
    // Body bytes held across all connections (read, not yet answered): past it, 503 with
    // Retry-After. maxBodyBytes bounds one request, this bounds what many can pin at once.
    qint64 bodyBudgetBytes = 64 * 1024 * 1024;
    int acceptRetryMs = 250;                 // accept failed (EMFILE...): listen again after this
    // Answer only Host headers HostCheck allows for the listen address (421 otherwise).
    bool checkHost = false;
    QStringList allowedHosts;                // "name" or "name:port"; see HostCheck
};

struct HttpServerStats
{
    qint64 connectionsAccepted = 0;
    qint64 connectionsRejected = 0;          // over maxConnections, none evictable (503)
    qint64 connectionsEvicted = 0;           // idle ones closed to make room for a new one
    qint64 acceptErrors = 0;                 // failed accept() calls (EMFILE, ENFILE...)
    int openConnections = 0;
    qint64 requests = 0;                     // complete requests handed to the check or handler
    qint64 timeouts = 0;                     // 408s
    qint64 parseErrors = 0;                  // 400s for malformed HTTP
    qint64 tooLarge = 0;                     // 413s and 431s decided by the server's limits
    qint64 earlyRejections = 0;              // answered by the header check
    qint64 misdirected = 0;                  // 421s and 400s of the Host check
    qint64 overBudget = 0;                   // 503s for bodyBudgetBytes
    qint64 bodyBytesHeld = 0;                // now, counted against bodyBudgetBytes
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
    // The server itself refused a request (Host check, body budget): for the owner's log.
    void requestRefused(int status, const QString &reason, const QHostAddress &peer);

private:
    friend class HttpConnection;
    void handleNewConnections();
    void handleAcceptError();
    // A request's head is in: the Host check, the owner's check, then the declared length.
    // A response refuses the request. Counts into the stats.
    std::optional<HttpResponse> admit(const HttpRequest &request, bool hasLength, quint64 length);
    // `length` more body bytes are to be held (bodyBudgetBytes); a response refuses them.
    std::optional<HttpResponse> holdBodyBytes(qint64 length, const QHostAddress &peer);
    bool evictIdleConnection();
    void forgetConnection(HttpConnection *connection);

    HttpServerOptions m_options;
    Handler m_handler;
    HeaderCheck m_headerCheck;
    HttpServerStats m_stats;
    HostCheck m_hostCheck;
    QTcpServer *m_tcpServer = nullptr;
    QTimer *m_acceptRetryTimer = nullptr;
    QElapsedTimer m_acceptErrorLogged;       // failed accepts are logged at most once a minute
    qint64 m_acceptErrorsLogged = 0;
    QList<HttpConnection *> m_connections;
    int m_nextConnectionId = 1;
    quint64 m_idleClock = 0;                 // orders idle connections for eviction
};

} // namespace hookscope
