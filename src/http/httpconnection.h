#pragma once

#include "httprequest.h"
#include "httpresponse.h"
#include "httpserver.h"

#include <QObject>
#include <QTimer>

#include <http_parser.h>

#include <optional>

class QTcpSocket;

namespace hookscope {

// One accepted TCP connection (private to the http library). It parses with libhttp-parser,
// pauses the parser after each complete request and resumes it only once that request was
// answered: this is what keeps pipelined responses in order without a response queue.
class HttpConnection : public QObject
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
    // The server goes away: drop the socket and never call back into the server.
    void detachFromServer();

private:
    // Trickling: a slow response is being written; nothing is read or parsed until it is done.
    enum class Phase { Reading, Awaiting, Trickling, Closing, Closed };

    static const http_parser_settings &parserSettings();
    static int onMessageBegin(http_parser *parser);
    static int onUrl(http_parser *parser, const char *at, size_t length);
    static int onHeaderField(http_parser *parser, const char *at, size_t length);
    static int onHeaderValue(http_parser *parser, const char *at, size_t length);
    static int onHeadersComplete(http_parser *parser);
    static int onBody(http_parser *parser, const char *at, size_t length);
    static int onMessageComplete(http_parser *parser);

    int headersComplete();
    bool countHeaderBytes(size_t length);
    void readAndParse();
    void handleParseError();
    void dispatch();
    void failWith(const HttpResponse &response);
    void afterResponse(bool close);
    void writeNextChunk();
    void beginGracefulClose();
    void shutdownWriteWhenFlushed();
    void finishClose();
    void handleRequestTimeout();
    HttpServerStats *stats();

    QTcpSocket *m_socket = nullptr;
    HttpServer *m_server = nullptr;
    const HttpServerOptions m_options;
    const int m_id;
    http_parser m_parser;
    Phase m_phase = Phase::Reading;
    QByteArray m_buffer;             // read from the socket, not yet consumed by the parser
    HttpRequest m_request;           // the request being parsed or awaiting its answer
    QByteArray m_url;
    bool m_inMessage = false;        // between the first byte of a request and its end
    bool m_requestReady = false;     // set by onMessageComplete, consumed by readAndParse
    bool m_lastCallbackWasValue = true;
    bool m_writeShutDown = false;
    bool m_parsing = false;          // re-entrancy guard: a handler may answer synchronously
    qint64 m_headerBytes = 0;
    std::optional<HttpResponse> m_stopResponse;   // why a callback stopped the parser
    quint64 m_sequence = 0;          // numbers the requests; a responder answers only its own
    // Parented, so they follow the connection if its server is moved to another thread.
    QTimer *m_requestTimer = nullptr;
    QTimer *m_idleTimer = nullptr;
    QTimer *m_drainTimer = nullptr;
    QTimer *m_trickleTimer = nullptr;
    QByteArray m_trickleBody;        // what a slow response has still to write
    int m_trickleChunkBytes = 0;
    bool m_trickleThenClose = false;
    HttpServerStats m_detachedStats;
};

} // namespace hookscope
