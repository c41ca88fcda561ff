#include "http/socketreadgate.h"

#include <QSocketNotifier>
#include <QTcpSocket>

#include <cerrno>
#include <sys/socket.h>

namespace hookscope {

SocketReadGate::SocketReadGate(QTcpSocket *socket, qint64 readBufferBytes, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_readBufferBytes(readBufferBytes)
{
    m_socket->setReadBufferSize(m_readBufferBytes);
}

void SocketReadGate::setOpen(bool open)
{
    if (open == m_open)
        return;
    m_open = open;
    if (open) {
        // Ours off first: two read notifiers on one descriptor upset the event dispatcher.
        if (m_watch)
            m_watch->setEnabled(false);
        m_socket->setReadBufferSize(m_readBufferBytes);
        return;
    }
    m_socket->setReadBufferSize(-1);
    if (m_peerFinished)
        return;   // nothing more to learn: the descriptor would stay readable (EOF) forever
    if (!m_watch) {
        m_watch = new QSocketNotifier(m_socket->socketDescriptor(), QSocketNotifier::Read, this);
        connect(m_watch, &QSocketNotifier::activated, this, &SocketReadGate::peek);
    }
    m_watch->setEnabled(true);
}

void SocketReadGate::peek()
{
    char byte = 0;
    const ssize_t n = ::recv(int(m_socket->socketDescriptor()), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    // Level-triggered: whatever it was stays readable, so stop watching.
    m_watch->setEnabled(false);
    if (n > 0)
        return;   // a pipelined request: it waits in the kernel (TCP holds the client back)
    if (n == 0) {
        m_peerFinished = true;
        Q_EMIT finished();
        return;
    }
    Q_EMIT failed();
}

} // namespace hookscope
