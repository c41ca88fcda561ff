#include "http/httpserver.h"

#include "http/httpconnection.h"

#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace hookscope {

Q_LOGGING_CATEGORY(lcHttpServer, "hookscope.http.server")

HttpServer::HttpServer(QObject *parent)
    : HttpServer(HttpServerOptions(), parent)
{
}

HttpServer::HttpServer(const HttpServerOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_tcpServer(new QTcpServer(this))
{
    connect(m_tcpServer, &QTcpServer::newConnection, this, &HttpServer::handleNewConnections);
    // QTcpServer pauses accepting after a failed accept() other than EAGAIN (Qt 6.4,
    // QTcpServerPrivate::readNotification) and never resumes by itself: without this the listener
    // would stay deaf after one moment of EMFILE.
    connect(m_tcpServer, &QTcpServer::acceptError, this, &HttpServer::handleAcceptError);
    // Qt's default backlog is 50: a burst of connections (hundreds of idle ones, say) would
    // overflow it and leave a real client's SYN unanswered for a second or more; the kernel
    // caps the value at net.core.somaxconn.
    m_tcpServer->setListenBacklogSize(1024);
    m_acceptRetryTimer = new QTimer(this);
    m_acceptRetryTimer->setSingleShot(true);
    connect(m_acceptRetryTimer, &QTimer::timeout, this, [this] {
        if (m_tcpServer->isListening())
            m_tcpServer->resumeAccepting();
    });
}

HttpServer::~HttpServer()
{
    // Connections are our children and die with us; they must not call back while we go.
    for (HttpConnection *connection : std::as_const(m_connections))
        connection->detachFromServer();
    m_connections.clear();
}

bool HttpServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_tcpServer->listen(address, port)) {
        m_hostCheck = m_options.checkHost ? HostCheck(address, m_options.allowedHosts) : HostCheck();
        return true;
    }
    if (error)
        *error = m_tcpServer->errorString();
    return false;
}

void HttpServer::close()
{
    m_tcpServer->close();
    m_acceptRetryTimer->stop();
    const QList<HttpConnection *> connections = std::exchange(m_connections, {});
    for (HttpConnection *connection : connections) {
        connection->detachFromServer();
        // Later, not now: close() may be called from inside a handler of that very connection.
        connection->deleteLater();
    }
    m_stats.openConnections = 0;
}

bool HttpServer::isListening() const
{
    return m_tcpServer->isListening();
}

quint16 HttpServer::serverPort() const
{
    return m_tcpServer->serverPort();
}

QHostAddress HttpServer::serverAddress() const
{
    return m_tcpServer->serverAddress();
}

QString HttpServer::listenAddress() const
{
    if (!isListening())
        return QString();
    const QHostAddress address = serverAddress();
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
        : address.toString();
    return host + QLatin1Char(':') + QString::number(serverPort());
}

void HttpServer::handleAcceptError()
{
    ++m_stats.acceptErrors;
    // At most once a minute: at EMFILE every retry fails again (and each descriptor freed lets
    // one accept through before the next failure), so a line per failure would bury the log.
    if (!m_acceptErrorLogged.isValid() || m_acceptErrorLogged.elapsed() >= 60000) {
        // printf-style, not a QDebug stream: at EMFILE nothing here may need a descriptor, and
        // the sanitizer runtime's check of QDebug's stream object does (it probes memory with
        // a pipe and reports a false "invalid vptr" when it gets none).
        const QString text = QStringLiteral("cannot accept connections on %1 - %2 (%3 failed accepts); "
                                            "retrying every %4 ms")
                                 .arg(listenAddress(), m_tcpServer->errorString())
                                 .arg(m_stats.acceptErrors - m_acceptErrorsLogged)
                                 .arg(m_options.acceptRetryMs);
        qCWarning(lcHttpServer, "%s", qUtf8Printable(text));
        m_acceptErrorLogged.start();
        m_acceptErrorsLogged = m_stats.acceptErrors;
    }
    m_acceptRetryTimer->start(m_options.acceptRetryMs);
}

std::optional<HttpResponse> HttpServer::admit(const HttpRequest &request, bool hasLength,
                                              quint64 length)
{
    // Which name the client used comes first: a request meant for another server (or sent by
    // a web page under a rebound DNS name) learns nothing else about this one.
    if (const auto refusal = m_hostCheck.check(request)) {
        ++m_stats.misdirected;
        Q_EMIT requestRefused(refusal->status, refusal->reason, request.peerAddress());
        return HttpResponse::error(refusal->status, refusal->reason);
    }
    // The owner's check comes next: a client that is not allowed in at all (wrong path, method,
    // token or type) learns that, rather than how large a body would be acceptable.
    if (m_headerCheck) {
        if (std::optional<HttpResponse> rejection = m_headerCheck(request)) {
            ++m_stats.earlyRejections;
            return rejection;
        }
    }
    if (hasLength && length > quint64(m_options.maxBodyBytes)) {
        ++m_stats.tooLarge;
        return HttpResponse::error(
            413, QStringLiteral("body larger than %1 bytes").arg(m_options.maxBodyBytes));
    }
    return std::nullopt;
}

std::optional<HttpResponse> HttpServer::holdBodyBytes(qint64 length, const QHostAddress &peer)
{
    // Counted as the bytes arrive, not by Content-Length: a client that announces a large body
    // and sends nothing must not reserve memory it does not use.
    if (m_stats.bodyBytesHeld + length > m_options.bodyBudgetBytes) {
        ++m_stats.overBudget;
        const QString reason = QStringLiteral("too many request bodies in progress; retry later");
        Q_EMIT requestRefused(503, reason, peer);
        HttpResponse response = HttpResponse::error(503, reason);
        response.setHeader("Retry-After", "1");
        return response;
    }
    m_stats.bodyBytesHeld += length;
    return std::nullopt;
}

bool HttpServer::evictIdleConnection()
{
    HttpConnection *oldest = nullptr;
    for (HttpConnection *connection : std::as_const(m_connections)) {
        if (connection->isEvictable()
            && (!oldest || connection->idleSince() < oldest->idleSince()))
            oldest = connection;
    }
    if (!oldest)
        return false;
    ++m_stats.connectionsEvicted;
    oldest->evict();   // forgets itself: openConnections drops at once
    return true;
}

void HttpServer::handleNewConnections()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        // Responses go out in more than one write; with Nagle on, a keep-alive client that delays
        // its ACKs would wait ~40 ms per exchange.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        // A connection that holds a slot without a request in progress must not keep a real
        // client out: idle keep-alive sockets are cheap to open by the hundred.
        if (m_stats.openConnections >= m_options.maxConnections)
            evictIdleConnection();
        const bool overloaded = m_stats.openConnections >= m_options.maxConnections;
        auto *connection = new HttpConnection(socket, this, m_nextConnectionId++);
        connection->setParent(this);
        m_connections.append(connection);
        ++m_stats.openConnections;
        if (overloaded) {
            ++m_stats.connectionsRejected;
            connection->rejectOverloaded();
        } else {
            ++m_stats.connectionsAccepted;
        }
    }
}

void HttpServer::forgetConnection(HttpConnection *connection)
{
    if (m_connections.removeOne(connection))
        --m_stats.openConnections;
    connection->deleteLater();
}

} // namespace hookscope
