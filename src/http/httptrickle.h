#pragma once

#include <QByteArray>
#include <QObject>

class QTcpSocket;
class QTimer;

namespace hookscope {

// Writes a response body a few bytes at a time (private to the http library): a receiver whose
// answer trickles in (HttpResponder::respondSlowly). n chunks take n intervals; each is flushed
// at once so its timing on the wire is real.
class HttpTrickle : public QObject
{
    Q_OBJECT
public:
    HttpTrickle(QTcpSocket *socket, QObject *parent);

    void start(const QByteArray &body, int chunkBytes, int chunkIntervalMs);
    void stop();

Q_SIGNALS:
    void finished();   // the last chunk was written

private:
    void writeNextChunk();

    QTcpSocket *m_socket;
    QTimer *m_timer;
    QByteArray m_body;   // what is still to write
    int m_chunkBytes = 1;
};

} // namespace hookscope
