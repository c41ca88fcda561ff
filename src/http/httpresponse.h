#pragma once

#include "http/httprequest.h"

#include <QByteArray>
#include <QJsonObject>

namespace hookscope {

// A response to write. Content-Length is always computed by the server; Connection is decided by
// the server too (keep-alive unless the request or the server wants the connection closed).
class HttpResponse
{
public:
    HttpResponse() = default;
    explicit HttpResponse(int status, const QByteArray &body = QByteArray(),
                          const QByteArray &contentType = QByteArray());

    // A JSON object body with Content-Type application/json.
    static HttpResponse json(int status, const QJsonObject &object);
    // {"error": message}, the shape every 4xx/5xx of hookscope's servers uses.
    static HttpResponse error(int status, const QString &message);
    static HttpResponse text(int status, const QByteArray &body);

    // "OK", "Not Found", ...; "Unknown Status" for codes without a standard phrase.
    static QByteArray reasonPhrase(int status);

    int status() const { return m_status; }
    void setStatus(int status) { m_status = status; }
    const HttpHeaders &headers() const { return m_headers; }
    QByteArray header(const QByteArray &name) const;
    // Replaces every header with this name (case-insensitive) by one with the given value.
    void setHeader(const QByteArray &name, const QByteArray &value);
    void addHeader(const QByteArray &name, const QByteArray &value);
    const QByteArray &body() const { return m_body; }
    void setBody(const QByteArray &body) { m_body = body; }

    // The bytes on the wire: status line, headers (plus Content-Length and Connection), body.
    // A HEAD request gets the headers only.
    QByteArray serialize(bool closeConnection, bool headOnly = false) const;

private:
    int m_status = 200;
    HttpHeaders m_headers;
    QByteArray m_body;
};

} // namespace hookscope
