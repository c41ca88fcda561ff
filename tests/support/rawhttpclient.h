#pragma once

#include "http/httprequest.h"

#include <QByteArray>
#include <QTcpSocket>

#include <optional>

namespace hookscope {

// A byte-level HTTP client for tests that need what QNetworkAccessManager will not do: garbage,
// half-sent requests, pipelining, 100-continue by hand. It waits by spinning the event loop
// (QTest::qWaitFor), so a server in the same thread keeps running.
class RawHttpClient
{
public:
    struct Response
    {
        int status = 0;
        HttpHeaders headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const;
    };

    explicit RawHttpClient(quint16 port);
    // One request on a fresh connection and its response; an empty Response (status 0) when the
    // connection or the response did not come.
    static Response exchange(quint16 port, const QByteArray &request);

    bool connectToServer(int timeoutMs = 2000);
    void send(const QByteArray &bytes);
    // The next response, framed by Content-Length (interim 1xx responses are returned as such).
    std::optional<Response> readResponse(int timeoutMs = 3000);
    // True once the server closed the connection (FIN or RST) within the time.
    bool waitForClosed(int timeoutMs = 3000);
    QByteArray unreadBytes() const { return m_buffer; }
    QTcpSocket &socket() { return m_socket; }

private:
    std::optional<Response> takeResponse();

    quint16 m_port;
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

} // namespace hookscope
