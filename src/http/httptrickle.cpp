#include "http/httptrickle.h"

#include <QTcpSocket>
#include <QTimer>

namespace hookscope {

HttpTrickle::HttpTrickle(QTcpSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_timer(new QTimer(this))
{
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &HttpTrickle::writeNextChunk);
}

void HttpTrickle::start(const QByteArray &body, int chunkBytes, int chunkIntervalMs)
{
    m_body = body;
    m_chunkBytes = qMax(1, chunkBytes);
    // The first chunk waits one interval too: n chunks take n intervals, after the head.
    m_timer->start(qMax(0, chunkIntervalMs));
}

void HttpTrickle::stop()
{
    m_timer->stop();
    m_body.clear();
}

void HttpTrickle::writeNextChunk()
{
    m_socket->write(m_body.left(m_chunkBytes));
    m_body.remove(0, qMin<qsizetype>(m_chunkBytes, m_body.size()));
    m_socket->flush();
    if (!m_body.isEmpty())
        return;
    m_timer->stop();
    Q_EMIT finished();
}

} // namespace hookscope
