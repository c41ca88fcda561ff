#include "http/httpconnection.h"

#include "http/httptrickle.h"
#include "http/socketreadgate.h"

#include <QTcpSocket>

#include <sys/socket.h>

namespace hookscope {

namespace {

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

HttpRequestParser::Limits limitsOf(const HttpServerOptions &options)
{
    HttpRequestParser::Limits limits;
    limits.maxHeaderBytes = options.maxHeaderBytes;
    limits.maxHeaderLines = options.maxHeaderLines;
    limits.maxBodyBytes = options.maxBodyBytes;
    return limits;
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, HttpServer *server, int id)
    : m_socket(socket)
    , m_server(server)
    , m_options(server->options())
    , m_id(id)
    , m_parser(this, limitsOf(server->options()))
{
    m_socket->setParent(this);
    m_gate = new SocketReadGate(m_socket, SocketReadBufferBytes, this);
    connect(m_gate, &SocketReadGate::finished, this, &HttpConnection::handlePeerFinished);
    connect(m_gate, &SocketReadGate::failed, this, [this] {
        m_socket->abort();
        finishClose();
    });
    m_parser.setPeer(m_socket->peerAddress(), m_socket->peerPort(), m_id);

    m_requestTimer = makeTimer(this, m_options.requestTimeoutMs);
    m_idleTimer = makeTimer(this, m_options.idleTimeoutMs);
    m_drainTimer = makeTimer(this, m_options.drainTimeoutMs);
    m_trickle = new HttpTrickle(m_socket, this);
    connect(m_trickle, &HttpTrickle::finished, this, [this] {
        if (m_phase == Phase::Trickling)
            afterResponse(m_trickleThenClose);
    });
    connect(m_requestTimer, &QTimer::timeout, this, &HttpConnection::handleRequestTimeout);
    connect(m_idleTimer, &QTimer::timeout, this, &HttpConnection::beginGracefulClose);
    connect(m_drainTimer, &QTimer::timeout, this, [this] {
        if (m_socket)
            m_socket->abort();
        finishClose();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::readAndParse);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::handleBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::finishClose);
    becomeIdle();
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

HttpServerStats *HttpConnection::stats()
{
    // A connection outliving its server (detachFromServer) counts into a scratch object.
    return m_server ? &m_server->m_stats : &m_detachedStats;
}

bool HttpConnection::isAwaiting(quint64 sequence) const
{
    return m_phase == Phase::Awaiting && sequence == m_sequence;
}

bool HttpConnection::isEvictable() const
{
    return m_phase == Phase::Reading && !m_parser.inMessage();
}

// --- parser owner: the server decides on the head and the body budget ---
void HttpConnection::messageBegun()
{
    m_requestStarted = true;   // normally already set by the first byte read
}

std::optional<HttpResponse> HttpConnection::headersComplete(const HttpRequest &request,
                                                            bool hasLength, quint64 length)
{
    ++stats()->requests;
    if (m_server) {
        if (std::optional<HttpResponse> refusal = m_server->admit(request, hasLength, length))
            return refusal;
    }
    // Only now may the client send its body (RFC 9110, 10.1.1). HTTP/1.0 clients never wait.
    if (request.httpMinor() >= 1
        && request.header("Expect").compare("100-continue", Qt::CaseInsensitive) == 0)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    return std::nullopt;
}

std::optional<HttpResponse> HttpConnection::bodyGrows(qint64 length)
{
    if (m_server) {
        if (std::optional<HttpResponse> refusal = m_server->holdBodyBytes(length, m_socket->peerAddress()))
            return refusal;
    }
    m_bodyHeld += length;
    return std::nullopt;
}

void HttpConnection::releaseBody()
{
    if (m_bodyHeld == 0)
        return;
    if (m_server)
        m_server->m_stats.bodyBytesHeld -= m_bodyHeld;
    m_bodyHeld = 0;
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
            // A shut gate is opened (and this loop rerun) once the last answer is flushed.
            if (!m_gate->isOpen() || m_socket->bytesAvailable() <= 0)
                break;
            m_buffer = m_socket->readAll();
        }
        if (!m_requestStarted) {
            // The deadline covers the whole request from its first byte, line ends before the
            // request line included (the parser skips those silently), so a client trickling
            // bytes cannot keep a connection (and its slot) forever.
            m_requestStarted = true;
            m_idleTimer->stop();
            m_requestTimer->start();
        }
        const HttpRequestParser::Result result = m_parser.feed(m_buffer);
        if (result == HttpRequestParser::Result::RequestReady) {
            m_parser.resume();
            dispatch();
        } else if (result == HttpRequestParser::Result::Failed) {
            handleParseError();
            break;
        }
    }
    m_parsing = false;
}

void HttpConnection::handleParseError()
{
    switch (m_parser.failure()) {
    case HttpRequestParser::Failure::Malformed: ++stats()->parseErrors; break;
    case HttpRequestParser::Failure::TooLarge: ++stats()->tooLarge; break;
    case HttpRequestParser::Failure::Refused:   // counted where it was decided
    case HttpRequestParser::Failure::None: break;
    }
    failWith(m_parser.failureResponse());
}

void HttpConnection::dispatch()
{
    m_phase = Phase::Awaiting;
    m_requestStarted = false;
    m_requestTimer->stop();
    m_request = std::exchange(m_parser.request(), HttpRequest());
    updateSocketReading();
    ++m_sequence;
    const HttpResponder responder(this, m_sequence, m_id);
    if (m_server && m_server->m_handler)
        m_server->m_handler(m_request, responder);
    else
        respond(m_sequence, HttpResponse::error(404, QStringLiteral("no handler")));
}

void HttpConnection::becomeIdle()
{
    m_idleSince = m_server ? ++m_server->m_idleClock : 0;
    m_idleTimer->start();
}

void HttpConnection::updateSocketReading()
{
    // Reading while we want the next request (or drain), and our last answer left Qt's buffer:
    // see SocketReadGate for why.
    const bool wanted = (m_phase == Phase::Reading || m_phase == Phase::Closing)
        && m_socket->bytesToWrite() == 0;
    m_gate->setOpen(wanted);
}

void HttpConnection::handlePeerFinished()
{
    // The answer still goes out if it comes soon (a half-close); a client that left entirely
    // must not hold the connection for as long as a handler may hang.
    if (m_phase == Phase::Awaiting || m_phase == Phase::Trickling)
        m_drainTimer->start(m_options.halfCloseGraceMs);
}

// --- answering ---

void HttpConnection::writeResponse(const QByteArray &bytes)
{
    m_socket->write(bytes);
    // Into the kernel now, not at the next event-loop turn: if the client already sent FIN,
    // Qt's read of that EOF must not find the answer still in its own buffer.
    m_socket->flush();
}

void HttpConnection::respond(quint64 sequence, const HttpResponse &response)
{
    if (!isAwaiting(sequence))
        return;
    const bool close = !m_request.keepAlive() || !m_server || m_gate->peerFinished();
    writeResponse(response.serialize(close, m_request.method() == "HEAD"));
    afterResponse(close);
}

void HttpConnection::afterResponse(bool close)
{
    releaseBody();
    m_request = HttpRequest();
    if (close) {
        beginGracefulClose();
        return;
    }
    m_phase = Phase::Reading;
    becomeIdle();
    updateSocketReading();
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
    m_trickleThenClose = !m_request.keepAlive() || !m_server || m_gate->peerFinished();
    const QByteArray bytes = response.serialize(m_trickleThenClose);
    const qsizetype headLength = bytes.size() - response.body().size();
    // The head goes out in one write, so the client has its status before the body starts.
    writeResponse(bytes.left(headLength));
    m_phase = Phase::Trickling;
    m_trickle->start(response.body(), chunkBytes, chunkIntervalMs);
}

void HttpConnection::writeRaw(quint64 sequence, const QByteArray &bytes)
{
    if (!isAwaiting(sequence))
        return;
    writeResponse(bytes);
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

void HttpConnection::evict()
{
    m_socket->abort();
    finishClose();
}

void HttpConnection::failWith(const HttpResponse &response)
{
    writeResponse(response.serialize(true));
    beginGracefulClose();
}

void HttpConnection::handleRequestTimeout()
{
    if (m_phase != Phase::Reading || !m_requestStarted)
        return;
    ++stats()->timeouts;
    if (m_server)
        Q_EMIT m_server->requestTimedOut(m_socket->peerAddress());
    failWith(HttpResponse::error(408, QStringLiteral("request not received within %1 ms")
                                          .arg(m_options.requestTimeoutMs)));
}

// --- closing ---

void HttpConnection::stopTimers()
{
    m_trickle->stop();
    m_requestTimer->stop();
    m_idleTimer->stop();
    m_drainTimer->stop();
}

void HttpConnection::beginGracefulClose()
{
    if (m_phase == Phase::Closing || m_phase == Phase::Closed)
        return;
    m_phase = Phase::Closing;
    stopTimers();
    releaseBody();
    m_buffer.clear();
    // Closing a socket with unread input makes the kernel send RST, which can destroy our last
    // response before the client read it (a client still sending a too-large body). So: flush,
    // send FIN, read and discard until the client closes or the drain timer gives up.
    m_drainTimer->start(m_options.drainTimeoutMs);
    updateSocketReading();
    shutdownWriteWhenFlushed();
    if (m_gate->isOpen())
        m_socket->readAll();
}

void HttpConnection::handleBytesWritten()
{
    shutdownWriteWhenFlushed();
    if ((m_phase == Phase::Reading || m_phase == Phase::Closing) && !m_gate->isOpen()) {
        updateSocketReading();
        readAndParse();
    }
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
    stopTimers();
    releaseBody();
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
    if (m_server)
        m_server->forgetConnection(this);
}

void HttpConnection::detachFromServer()
{
    releaseBody();
    m_server = nullptr;
    m_phase = Phase::Closed;
    stopTimers();
    m_socket->disconnect(this);
    m_socket->abort();
}

} // namespace hookscope
