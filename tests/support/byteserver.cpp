#include "byteserver.h"

#include <QTcpSocket>

#include <memory>

namespace hookscope::test {

ByteServer::ByteServer()
{
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            ++connections;
            auto buffer = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
                buffer->append(socket->readAll());
                for (;;) {
                    QByteArray head;
                    if (!takeRequest(*buffer, &head))
                        return;
                    heads.append(head);
                    ++requests;
                    if (onRequest)
                        onRequest(socket, requests);
                    if (socket->state() != QAbstractSocket::ConnectedState)
                        return;
                }
            });
        }
    });
}

bool ByteServer::takeRequest(QByteArray &buffer, QByteArray *head)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    qsizetype length = 0;
    for (const QByteArray &line : buffer.left(end).split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    }
    if (buffer.size() < end + 4 + length)
        return false;
    if (head)
        *head = buffer.left(end + 4);
    buffer.remove(0, end + 4 + length);
    return true;
}

QUrl ByteServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
}

} // namespace hookscope::test
