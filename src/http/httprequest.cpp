#include "http/httprequest.h"

#include <QUrl>

namespace hookscope {

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &header : m_headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return QByteArray();
}

QList<QByteArray> HttpRequest::headerValues(const QByteArray &name) const
{
    QList<QByteArray> values;
    for (const auto &header : m_headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            values.append(header.second);
    }
    return values;
}

void HttpRequest::setTarget(const QByteArray &target)
{
    m_target = target;
    // Origin-form ("/path?query") is what clients send to a server; QUrl also copes with the
    // absolute form a proxy-style client might send.
    const QUrl url = QUrl::fromEncoded(target);
    m_path = url.path();
    m_query = QUrlQuery(url);
}

} // namespace hookscope
