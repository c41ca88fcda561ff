#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace hookscope {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// Where requests come from: the same for every request on one connection, so the parser keeps one
// and stamps it on each request it begins.
struct HttpPeer
{
    QHostAddress address;
    quint16 port = 0;
    int connectionId = 0;   // which accepted connection it is
};

// One parsed request, as the handler sees it. Header names keep their original spelling and order
// (what the sender wrote is useful in logs and in the fake receivers); lookups ignore case.
class HttpRequest
{
public:
    QByteArray method() const { return m_method; }           // "GET", "POST", ...
    QByteArray target() const { return m_target; }           // raw request target, e.g. "/events?x=1"
    QString path() const { return m_path; }                  // percent-decoded path, e.g. "/events"
    QUrlQuery query() const { return m_query; }
    const HttpHeaders &headers() const { return m_headers; }
    // First value of the header with this name (case-insensitive), or a null QByteArray.
    QByteArray header(const QByteArray &name) const;
    QList<QByteArray> headerValues(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const { return !header(name).isNull(); }
    const QByteArray &body() const { return m_body; }
    QHostAddress peerAddress() const { return m_peer.address; }
    quint16 peerPort() const { return m_peer.port; }
    int httpMajor() const { return m_httpMajor; }
    int httpMinor() const { return m_httpMinor; }
    bool keepAlive() const { return m_keepAlive; }
    int connectionId() const { return m_peer.connectionId; }  // which accepted connection it came on

private:
    friend class HttpConnection;
    friend class HttpRequestParser;
    void setTarget(const QByteArray &target);

    QByteArray m_method;
    QByteArray m_target;
    QString m_path;
    QUrlQuery m_query;
    HttpHeaders m_headers;
    QByteArray m_body;
    HttpPeer m_peer;
    int m_httpMajor = 1;
    int m_httpMinor = 1;
    bool m_keepAlive = true;
};

} // namespace hookscope
