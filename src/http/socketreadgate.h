#pragma once

#include <QObject>

class QSocketNotifier;
class QTcpSocket;

namespace hookscope {

// Decides when QTcpSocket may read (private to the http library). QTcpSocket reads ahead on its
// own and, on reading EOF, closes its descriptor at once (QNativeSocketEngine::read in Qt 6.4),
// dropping whatever it still had to write: a client that sends its request and then shuts down
// its side (SHUT_WR) would never get the answer. So a connection keeps the gate shut while a
// request awaits its answer and while an answer is still in Qt's buffer.
//
// Shut, the socket reads nothing: a negative read buffer size makes Qt 6.4's
// QAbstractSocketPrivate::canReadNotification() find its buffer "full" and disable its read
// notifier; a positive size enables it again. Meanwhile the gate watches the descriptor itself
// and peeks (MSG_PEEK) when it is readable, so a client that goes away is still noticed.
class SocketReadGate : public QObject
{
    Q_OBJECT
public:
    SocketReadGate(QTcpSocket *socket, qint64 readBufferBytes, QObject *parent);

    void setOpen(bool open);
    bool isOpen() const { return m_open; }
    // The client sent FIN: a half-close, or it left (the two look the same from here).
    bool peerFinished() const { return m_peerFinished; }

Q_SIGNALS:
    void finished();   // FIN seen while shut
    void failed();     // reset or another error while shut: the connection is gone

private:
    void peek();

    QTcpSocket *m_socket;
    const qint64 m_readBufferBytes;
    QSocketNotifier *m_watch = nullptr;
    bool m_open = true;
    bool m_peerFinished = false;
};

} // namespace hookscope
