#include "httpconnection.h"

#include <QTcpSocket>

#include <sys/socket.h>

namespace hookscope {

namespace {

HttpConnection *connectionOf(http_parser *parser)
{
    return static_cast<HttpConnection *>(parser->data);
}

// Enough to keep reading while the handler works on a request, small enough that a client
// pipelining megabytes behind a slow request is held back by TCP instead of our memory.
constexpr qint64 SocketReadBufferBytes = 64 * 1024;

QTimer *makeTimer(QObject *parent, int intervalMs)
{
    auto *timer = new QTimer(parent);
    timer->setSingleShot(true);
    timer->setInterval(intervalMs);
    return timer;
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, HttpServer *server, int id)
    : m_socket(socket)
    , m_server(server)
    , m_options(server->options())
    , m_id(id)
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(SocketReadBufferBytes);
    http_parser_init(&m_parser, HTTP_REQUEST);
    m_parser.data = this;

    m_requestTimer = makeTimer(this, m_options.requestTimeoutMs);
    m_idleTimer = makeTimer(this, m_options.idleTimeoutMs);
    m_drainTimer = makeTimer(this, m_options.drainTimeoutMs);
    m_trickleTimer = new QTimer(this);
    m_trickleTimer->setTimerType(Qt::PreciseTimer);
    connect(m_trickleTimer, &QTimer::timeout, this, &HttpConnection::writeNextChunk);
    connect(m_requestTimer, &QTimer::timeout, this, &HttpConnection::handleRequestTimeout);
    connect(m_idleTimer, &QTimer::timeout, this, &HttpConnection::beginGracefulClose);
    connect(m_drainTimer, &QTimer::timeout, this, [this] {
        if (m_socket)
            m_socket->abort();
        finishClose();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::readAndParse);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::shutdownWriteWhenFlushed);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::finishClose);
    m_idleTimer->start();
}

HttpConnection::~HttpConnection()
{
    // The socket is our child, but its destructor would emit disconnected() into a half-destroyed
    // object; cut it loose first.
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

const http_parser_settings &HttpConnection::parserSettings()
{
    static const http_parser_settings settings = [] {
        http_parser_settings s;
        http_parser_settings_init(&s);
        s.on_message_begin = &HttpConnection::onMessageBegin;
        s.on_url = &HttpConnection::onUrl;
        s.on_header_field = &HttpConnection::onHeaderField;
        s.on_header_value = &HttpConnection::onHeaderValue;
        s.on_headers_complete = &HttpConnection::onHeadersComplete;
        s.on_body = &HttpConnection::onBody;
        s.on_message_complete = &HttpConnection::onMessageComplete;
        return s;
    }();
    return settings;
}

HttpServerStats *HttpConnection::stats()
{
    // A connection outliving its server (detachFromServer) counts into a scratch object.
    return m_server ? &m_server->m_stats : &m_detachedStats;
}

bool HttpConnection::isAwaiting(quint64 sequence) const
{
    return m_phase == Phase::Awaiting && sequence == m_sequence;
}

// --- parser callbacks: they only collect; decisions that write are made in headersComplete() ---

int HttpConnection::onMessageBegin(http_parser *parser)
{
    HttpConnection *self = connectionOf(parser);
    self->m_request = HttpRequest();
    self->m_request.m_peerAddress = self->m_socket->peerAddress();
    self->m_request.m_peerPort = self->m_socket->peerPort();
    self->m_request.m_connectionId = self->m_id;
    self->m_url.clear();
    self->m_headerBytes = 0;
    self->m_lastCallbackWasValue = true;
    self->m_inMessage = true;
    self->m_idleTimer->stop();
    // The deadline covers the whole request from its first byte, so a client trickling bytes
    // cannot keep a connection (and its slot) forever.
    self->m_requestTimer->start();
    return 0;
}

bool HttpConnection::countHeaderBytes(size_t length)
{
    m_headerBytes += qint64(length);
    if (m_headerBytes <= m_options.maxHeaderBytes)
        return true;
    ++stats()->tooLarge;
    m_stopResponse = HttpResponse::error(431, QStringLiteral("request headers too large"));
    return false;
}

int HttpConnection::onUrl(http_parser *parser, const char *at, size_t length)
{
    HttpConnection *self = connectionOf(parser);
    self->m_url.append(at, qsizetype(length));
    return self->countHeaderBytes(length) ? 0 : -1;
}

int HttpConnection::onHeaderField(http_parser *parser, const char *at, size_t length)
{
    HttpConnection *self = connectionOf(parser);
    // The parser may split a name over several calls; a new name starts after a value.
    if (self->m_lastCallbackWasValue)
        self->m_request.m_headers.append({QByteArray(), QByteArray()});
    self->m_request.m_headers.last().first.append(at, qsizetype(length));
    self->m_lastCallbackWasValue = false;
    return self->countHeaderBytes(length + 4) ? 0 : -1;   // + ": " and CRLF
}

int HttpConnection::onHeaderValue(http_parser *parser, const char *at, size_t length)
{
    HttpConnection *self = connectionOf(parser);
    if (self->m_request.m_headers.isEmpty())
        return -1;
    self->m_request.m_headers.last().second.append(at, qsizetype(length));
    self->m_lastCallbackWasValue = true;
    return self->countHeaderBytes(length) ? 0 : -1;
}

int HttpConnection::onHeadersComplete(http_parser *parser)
{
    return connectionOf(parser)->headersComplete();
}

int HttpConnection::headersComplete()
{
    m_request.m_method = http_method_str(static_cast<enum http_method>(m_parser.method));
    m_request.m_httpMajor = m_parser.http_major;
    m_request.m_httpMinor = m_parser.http_minor;
    m_request.m_keepAlive = http_should_keep_alive(&m_parser) != 0;
    m_request.setTarget(m_url);
    ++stats()->requests;

    // The owner's check comes first: a client that is not allowed in at all (wrong path, method,
    // token or type) learns that, rather than how large a body would be acceptable.
    if (m_server && m_server->m_headerCheck) {
        std::optional<HttpResponse> rejection = m_server->m_headerCheck(m_request);
        if (rejection) {
            ++stats()->earlyRejections;
            m_stopResponse = std::move(rejection);
            return -1;
        }
    }
    const bool hasLength = (m_parser.flags & F_CONTENTLENGTH) != 0;
    if (hasLength && m_parser.content_length > quint64(m_options.maxBodyBytes)) {
        ++stats()->tooLarge;
        m_stopResponse = HttpResponse::error(
            413, QStringLiteral("body larger than %1 bytes").arg(m_options.maxBodyBytes));
        return -1;
    }
    // Only now may the client send its body (RFC 9110, 10.1.1). HTTP/1.0 clients never wait.
    if (m_request.m_httpMinor >= 1
        && m_request.header("Expect").compare("100-continue", Qt::CaseInsensitive) == 0)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    return 0;
}

int HttpConnection::onBody(http_parser *parser, const char *at, size_t length)
{
    HttpConnection *self = connectionOf(parser);
    // Chunked bodies announce no length, so the limit is enforced as the bytes arrive.
    if (self->m_request.m_body.size() + qint64(length) > self->m_options.maxBodyBytes) {
        ++self->stats()->tooLarge;
        self->m_stopResponse = HttpResponse::error(
            413, QStringLiteral("body larger than %1 bytes").arg(self->m_options.maxBodyBytes));
        return -1;
    }
    self->m_request.m_body.append(at, qsizetype(length));
    return 0;
}

int HttpConnection::onMessageComplete(http_parser *parser)
{
    HttpConnection *self = connectionOf(parser);
    self->m_inMessage = false;
    self->m_requestTimer->stop();
    self->m_requestReady = true;
    // Stop here: bytes after this request (a pipelined next one) wait until this one is answered.
    http_parser_pause(parser, 1);
    return 0;
}

// --- the read loop ---

void HttpConnection::readAndParse()
{
    if (m_phase == Phase::Closing) {
        m_socket->readAll();   // draining after a final response: the bytes are not wanted
        return;
    }
    if (m_parsing)
        return;   // a handler answered synchronously; the loop below picks up from here
    m_parsing = true;
    while (m_phase == Phase::Reading) {
        if (m_buffer.isEmpty()) {
            if (m_socket->bytesAvailable() <= 0)
                break;
            m_buffer = m_socket->readAll();
        }
        const size_t parsed = http_parser_execute(&m_parser, &parserSettings(),
                                                  m_buffer.constData(), size_t(m_buffer.size()));
        m_buffer.remove(0, qsizetype(parsed));
        if (m_requestReady) {
            m_requestReady = false;
            http_parser_pause(&m_parser, 0);
            // We never switch protocols (e.g. curl --http2 asks for h2c): answering in HTTP/1.1
            // ignores the Upgrade header, which RFC 9110 7.8 allows. The parser stopped at the
            // end of the request and is ready for the next one once the flag is cleared.
            m_parser.upgrade = 0;
            dispatch();
            continue;
        }
        if (HTTP_PARSER_ERRNO(&m_parser) != HPE_OK) {
            handleParseError();
            break;
        }
    }
    m_parsing = false;
    if (m_phase == Phase::Reading && !m_inMessage && m_buffer.isEmpty())
        m_idleTimer->start();
}

void HttpConnection::handleParseError()
{
    const auto error = HTTP_PARSER_ERRNO(&m_parser);
    if (m_stopResponse) {
        const HttpResponse response = *m_stopResponse;
        m_stopResponse.reset();
        failWith(response);
    } else if (error == HPE_HEADER_OVERFLOW) {
        ++stats()->tooLarge;
        failWith(HttpResponse::error(431, QStringLiteral("request headers too large")));
    } else {
        ++stats()->parseErrors;
        failWith(HttpResponse::error(
            400, QStringLiteral("malformed request: %1")
                     .arg(QLatin1String(http_errno_description(error)))));
    }
}

void HttpConnection::dispatch()
{
    m_phase = Phase::Awaiting;
    ++m_sequence;
    const HttpResponder responder(this, m_sequence, m_id);
    if (m_server && m_server->m_handler)
        m_server->m_handler(m_request, responder);
    else
        respond(m_sequence, HttpResponse::error(404, QStringLiteral("no handler")));
}

// --- answering ---

void HttpConnection::respond(quint64 sequence, const HttpResponse &response)
{
    if (!isAwaiting(sequence))
        return;
    const bool close = !m_request.keepAlive() || !m_server;
    m_socket->write(response.serialize(close, m_request.method() == "HEAD"));
    afterResponse(close);
}

void HttpConnection::afterResponse(bool close)
{
    if (close) {
        beginGracefulClose();
        return;
    }
    m_phase = Phase::Reading;
    readAndParse();
}

void HttpConnection::respondSlowly(quint64 sequence, const HttpResponse &response, int chunkBytes,
                                   int chunkIntervalMs)
{
    if (!isAwaiting(sequence))
        return;
    if (m_request.method() == "HEAD" || response.body().isEmpty()) {
        respond(sequence, response);
        return;
    }
    m_trickleThenClose = !m_request.keepAlive() || !m_server;
    const QByteArray bytes = response.serialize(m_trickleThenClose);
    const qsizetype headLength = bytes.size() - response.body().size();
    // The head goes out in one write, so the client has its status before the body starts.
    m_socket->write(bytes.left(headLength));
    m_trickleBody = response.body();
    m_trickleChunkBytes = qMax(1, chunkBytes);
    m_phase = Phase::Trickling;
    // The first chunk waits one interval too: n chunks take n intervals, after the head.
    m_trickleTimer->setInterval(qMax(0, chunkIntervalMs));
    m_trickleTimer->start();
}

void HttpConnection::writeNextChunk()
{
    if (m_phase != Phase::Trickling) {
        m_trickleTimer->stop();
        return;
    }
    m_socket->write(m_trickleBody.left(m_trickleChunkBytes));
    m_trickleBody.remove(0, qMin<qsizetype>(m_trickleChunkBytes, m_trickleBody.size()));
    // Pushes the chunk out now rather than at the next event-loop turn, so its timing is real.
    m_socket->flush();
    if (!m_trickleBody.isEmpty())
        return;
    m_trickleTimer->stop();
    afterResponse(m_trickleThenClose);
}

void HttpConnection::writeRaw(quint64 sequence, const QByteArray &bytes)
{
    if (!isAwaiting(sequence))
        return;
    m_socket->write(bytes);
    beginGracefulClose();
}

void HttpConnection::closeWithoutResponse(quint64 sequence)
{
    if (isAwaiting(sequence))
        beginGracefulClose();
}

void HttpConnection::reset(quint64 sequence)
{
    if (!isAwaiting(sequence))
        return;
    // SO_LINGER with a zero timeout makes close() send RST instead of FIN: the client gets
    // ECONNRESET, which is what a crashing or misbehaving receiver looks like.
    const struct linger hard = {1, 0};
    ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    m_socket->abort();
    finishClose();
}

void HttpConnection::rejectOverloaded()
{
    failWith(HttpResponse::error(503, QStringLiteral("too many connections")));
}

void HttpConnection::failWith(const HttpResponse &response)
{
    m_socket->write(response.serialize(true));
    beginGracefulClose();
}

void HttpConnection::handleRequestTimeout()
{
    if (m_phase != Phase::Reading || !m_inMessage)
        return;
    ++stats()->timeouts;
    if (m_server)
        Q_EMIT m_server->requestTimedOut(m_socket->peerAddress());
    failWith(HttpResponse::error(408, QStringLiteral("request not received within %1 ms")
                                          .arg(m_options.requestTimeoutMs)));
}

// --- closing ---

void HttpConnection::beginGracefulClose()
{
    if (m_phase == Phase::Closing || m_phase == Phase::Closed)
        return;
    m_phase = Phase::Closing;
    m_trickleTimer->stop();
    m_requestTimer->stop();
    m_idleTimer->stop();
    m_buffer.clear();
    // Closing a socket with unread input makes the kernel send RST, which can destroy our last
    // response before the client read it (a client still sending a too-large body). So: flush,
    // send FIN, read and discard until the client closes or the drain timer gives up.
    m_drainTimer->start();
    shutdownWriteWhenFlushed();
    m_socket->readAll();
}

void HttpConnection::shutdownWriteWhenFlushed()
{
    if (m_phase != Phase::Closing || m_writeShutDown || m_socket->bytesToWrite() > 0)
        return;
    m_writeShutDown = true;
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
}

void HttpConnection::finishClose()
{
    if (m_phase == Phase::Closed)
        return;
    m_phase = Phase::Closed;
    m_trickleTimer->stop();
    m_requestTimer->stop();
    m_idleTimer->stop();
    m_drainTimer->stop();
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
    if (m_server)
        m_server->forgetConnection(this);
}

void HttpConnection::detachFromServer()
{
    m_server = nullptr;
    m_phase = Phase::Closed;
    m_trickleTimer->stop();
    m_requestTimer->stop();
    m_idleTimer->stop();
    m_drainTimer->stop();
    m_socket->disconnect(this);
    m_socket->abort();
}

} // namespace hookscope
