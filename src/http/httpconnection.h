#pragma once

#include "http/httprequest.h"
#include "http/httprequestparser.h"
#include "http/httpresponse.h"
#include "http/httpserver.h"

#include <QObject>
#include <QTimer>

#include <optional>

class QTcpSocket;

namespace hookscope {

class HttpTrickle;
class SocketReadGate;

// One accepted TCP connection (private to the http library). Its parser pauses after each
// complete request and resumes only once that request was answered: this is what keeps
// pipelined responses in order without a response queue.
class HttpConnection : public QObject, private HttpRequestParser::Owner
{
    Q_OBJECT
public:
    HttpConnection(QTcpSocket *socket, HttpServer *server, int id);
    ~HttpConnection() override;

    int id() const { return m_id; }
    bool isAwaiting(quint64 sequence) const;
    void respond(quint64 sequence, const HttpResponse &response);
    void respondSlowly(quint64 sequence, const HttpResponse &response, int chunkBytes,
                       int chunkIntervalMs);
    void writeRaw(quint64 sequence, const QByteArray &bytes);
    void closeWithoutResponse(quint64 sequence);
    void reset(quint64 sequence);

    // Over the server's connection limit: answer 503 to whatever comes and close.
    void rejectOverloaded();
    // Open, with no request begun (bare CRLFs do not count as one): may be closed for a newcomer.
    bool isEvictable() const;
    // Orders idle connections: smaller means idle for longer.
    quint64 idleSince() const { return m_idleSince; }
    // Closes at once, without an answer (there is no request to answer), and forgets itself.
    void evict();
    // The server goes away: drop the socket and never call back into the server.
    void detachFromServer();

private:
    // Trickling: a slow response is being written; nothing is read or parsed until it is done.
    enum class Phase { Reading, Awaiting, Trickling, Closing, Closed };

    // HttpRequestParser::Owner
    void messageBegun() override;
    std::optional<HttpResponse> headersComplete(const HttpRequest &request, bool hasLength,
                                                quint64 length) override;
    std::optional<HttpResponse> bodyGrows(qint64 length) override;

    void readAndParse();
    void handleParseError();
    void dispatch();
    void failWith(const HttpResponse &response);
    void writeResponse(const QByteArray &bytes);
    void afterResponse(bool close);
    void becomeIdle();
    void updateSocketReading();
    void handlePeerFinished();
    void beginGracefulClose();
    void handleBytesWritten();
    void shutdownWriteWhenFlushed();
    void finishClose();
    void releaseBody();
    void stopTimers();
    void handleRequestTimeout();
    HttpServerStats *stats();

    QTcpSocket *m_socket = nullptr;
    SocketReadGate *m_gate = nullptr;
    HttpServer *m_server = nullptr;
    const HttpServerOptions m_options;
    const int m_id;
    HttpRequestParser m_parser;
    Phase m_phase = Phase::Reading;
    QByteArray m_buffer;             // read from the socket, not yet consumed by the parser
    HttpRequest m_request;           // the request awaiting its answer
    // Bytes of a request arrived (a line end is enough): its deadline runs, it is not idle.
    bool m_requestStarted = false;
    bool m_writeShutDown = false;
    bool m_parsing = false;          // re-entrancy guard: a handler may answer synchronously
    qint64 m_bodyHeld = 0;           // this connection's share of the server's body budget
    quint64 m_idleSince = 0;
    quint64 m_sequence = 0;          // numbers the requests; a responder answers only its own
    // Parented, so they follow the connection if its server is moved to another thread.
    QTimer *m_requestTimer = nullptr;
    QTimer *m_idleTimer = nullptr;
    QTimer *m_drainTimer = nullptr;
    HttpTrickle *m_trickle = nullptr;
    bool m_trickleThenClose = false;
    HttpServerStats m_detachedStats;
};

} // namespace hookscope
