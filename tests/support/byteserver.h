#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

#include <functional>

class QTcpSocket;

namespace hookscope::test {

// A receiver at the byte level, for what FakeHttpServer will not do: answers split across packets,
// garbage, a close or a reset at a chosen moment, and the request heads exactly as they came.
// Each complete request (head + Content-Length body) is recorded and calls `onRequest` with its
// connection and the running request number (from 1).
class ByteServer : public QObject
{
public:
    std::function<void(QTcpSocket *, int)> onRequest;
    int requests = 0;
    int connections = 0;
    QList<QByteArray> heads;   // each request's head, request line to the blank line (CRLF kept)

    ByteServer();
    // Cuts one complete request (head + Content-Length body) off the front of `buffer`; its head
    // into `head`. False while the request is not all in.
    static bool takeRequest(QByteArray &buffer, QByteArray *head = nullptr);
    quint16 port() const { return m_server.serverPort(); }
    QUrl url(const QString &path = QStringLiteral("/hook")) const;

private:
    QTcpServer m_server;
};

} // namespace hookscope::test
