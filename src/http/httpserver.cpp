#include "httpserver.h"

#include "httpconnection.h"

#include <QTcpServer>
#include <QTcpSocket>

namespace hookscope {

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
    if (m_tcpServer->listen(address, port))
        return true;
    if (error)
        *error = m_tcpServer->errorString();
    return false;
}

void HttpServer::close()
{
    m_tcpServer->close();
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

void HttpServer::handleNewConnections()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        // Responses go out in more than one write; with Nagle on, a keep-alive client that delays
        // its ACKs would wait ~40 ms per exchange.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
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
