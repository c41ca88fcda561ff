#include "http/httpresponse.h"

#include <QDateTime>
#include <QJsonDocument>

#include <http_parser.h>

namespace hookscope {

HttpResponse::HttpResponse(int status, const QByteArray &body, const QByteArray &contentType)
    : m_status(status)
    , m_body(body)
{
    if (!contentType.isEmpty())
        setHeader("Content-Type", contentType);
}

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    // A trailing newline keeps curl output readable; JSON parsers do not care.
    return HttpResponse(status, QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n',
                        "application/json");
}

HttpResponse HttpResponse::error(int status, const QString &message)
{
    return json(status, QJsonObject{{QStringLiteral("error"), message}});
}

HttpResponse HttpResponse::text(int status, const QByteArray &body)
{
    return HttpResponse(status, body, "text/plain; charset=utf-8");
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    // libhttp-parser already carries the IANA table; it answers "<unknown>" for codes it lacks.
    const char *phrase = http_status_str(static_cast<enum http_status>(status));
    if (status < 100 || status > 999 || !phrase || phrase[0] == '<')
        return QByteArrayLiteral("Unknown Status");
    return QByteArray(phrase);
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &header : m_headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return QByteArray();
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    m_headers.removeIf([&name](const QPair<QByteArray, QByteArray> &header) {
        return header.first.compare(name, Qt::CaseInsensitive) == 0;
    });
    m_headers.append({name, value});
}

void HttpResponse::addHeader(const QByteArray &name, const QByteArray &value)
{
    m_headers.append({name, value});
}

QByteArray HttpResponse::serialize(bool closeConnection, bool headOnly) const
{
    QByteArray out;
    out.reserve(128 + m_body.size());
    out += "HTTP/1.1 " + QByteArray::number(m_status) + ' ' + reasonPhrase(m_status) + "\r\n";
    bool hasDate = false;
    for (const auto &header : m_headers) {
        // The server owns framing: a caller's Content-Length or Connection would contradict it.
        if (header.first.compare("Content-Length", Qt::CaseInsensitive) == 0
            || header.first.compare("Connection", Qt::CaseInsensitive) == 0
            || header.first.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
            continue;
        hasDate = hasDate || header.first.compare("Date", Qt::CaseInsensitive) == 0;
        out += header.first + ": " + header.second + "\r\n";
    }
    if (!hasDate) {
        // RFC 9110 wants a Date from servers with a clock; Qt 6 formats this in the C locale.
        const QString date = QDateTime::currentDateTimeUtc().toString(
            QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
        out += "Date: " + date.toLatin1() + "\r\n";
    }
    out += "Content-Length: " + QByteArray::number(m_body.size()) + "\r\n";
    if (closeConnection)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!headOnly)
        out += m_body;
    return out;
}

} // namespace hookscope
