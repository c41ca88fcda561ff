#include "rawhttpclient.h"

#include <QHostAddress>
#include <QTest>

namespace hookscope {

QByteArray RawHttpClient::Response::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return QByteArray();
}

RawHttpClient::RawHttpClient(quint16 port)
    : m_port(port)
{
}

RawHttpClient::Response RawHttpClient::exchange(quint16 port, const QByteArray &request)
{
    RawHttpClient client(port);
    if (!client.connectToServer())
        return {};
    client.send(request);
    return client.readResponse().value_or(Response());
}

bool RawHttpClient::connectToServer(int timeoutMs)
{
    m_socket.connectToHost(QHostAddress::LocalHost, m_port);
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; },
                           timeoutMs);
}

void RawHttpClient::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

std::optional<RawHttpClient::Response> RawHttpClient::takeResponse()
{
    // Just enough framing for the responses our own server writes (always Content-Length).
    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return std::nullopt;
    const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
    Response response;
    const QList<QByteArray> statusParts = lines.value(0).trimmed().split(' ');
    response.status = statusParts.value(1).toInt();
    qsizetype length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        response.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
        if (line.left(colon).compare("Content-Length", Qt::CaseInsensitive) == 0)
            length = line.mid(colon + 1).trimmed().toLongLong();
    }
    if (response.status >= 200 && m_buffer.size() < headerEnd + 4 + length)
        return std::nullopt;
    if (response.status < 200)
        length = 0;
    response.body = m_buffer.mid(headerEnd + 4, length);
    m_buffer.remove(0, headerEnd + 4 + length);
    return response;
}

std::optional<RawHttpClient::Response> RawHttpClient::readResponse(int timeoutMs)
{
    std::optional<Response> response = takeResponse();
    const bool settled = response || QTest::qWaitFor([&] {
        m_buffer += m_socket.readAll();
        response = takeResponse();
        return response.has_value() || m_socket.state() == QAbstractSocket::UnconnectedState;
    }, timeoutMs);
    if (!response && settled) {
        // Closed: a last response may still sit in the socket's buffer.
        m_buffer += m_socket.readAll();
        response = takeResponse();
    }
    return response;
}

bool RawHttpClient::waitForClosed(int timeoutMs)
{
    return QTest::qWaitFor([this] {
        m_buffer += m_socket.readAll();
        return m_socket.state() == QAbstractSocket::UnconnectedState;
    }, timeoutMs);
}

} // namespace hookscope
