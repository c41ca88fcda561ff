#include "core/transport/redirectheaders.h"

namespace hookscope {

bool RedirectHeaders::isSensitive(const QByteArray &name)
{
    for (const char *sensitive : {"Authorization", "Proxy-Authorization", "Www-Authenticate", "Cookie", "Cookie2"}) {
        if (name.compare(sensitive, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool RedirectHeaders::keepsCredentials(const QUrl &from, const QUrl &to)
{
    // ACE form, lower case, as Go's idnaASCII(url.Hostname()); a trailing dot names the same host.
    auto hostOf = [](const QUrl &url) {
        QString host = url.host(QUrl::FullyEncoded).toLower();
        if (host.endsWith(QLatin1Char('.')))
            host.chop(1);
        return host;
    };
    const QString parent = hostOf(from);
    const QString sub = hostOf(to);
    if (sub == parent)
        return !sub.isEmpty();
    // "x.example.com" is a subdomain of "example.com"; an IP literal has no subdomains.
    if (from.host().contains(QLatin1Char(':')) || parent.isEmpty() || !sub.endsWith(parent))
        return false;
    bool isIpv4 = true;
    for (const QChar c : parent)
        isIpv4 = isIpv4 && (c.isDigit() || c == QLatin1Char('.'));
    return !isIpv4 && sub.at(sub.size() - parent.size() - 1) == QLatin1Char('.');
}

void RedirectHeaders::reset(const HeaderList &headers)
{
    m_headers = headers;
    m_droppedNames.clear();
    m_note.clear();
}

bool RedirectHeaders::redirect(const QUrl &from, const QUrl &to)
{
    if (keepsCredentials(from, to))
        return false;
    QStringList names;
    for (qsizetype i = 0; i < m_headers.size();) {
        if (isSensitive(m_headers.at(i).first)) {
            const QString name = QString::fromLatin1(m_headers.at(i).first);
            if (!names.contains(name, Qt::CaseInsensitive))
                names.append(name);
            m_headers.removeAt(i);
        } else {
            ++i;
        }
    }
    if (names.isEmpty())
        return false;
    m_droppedNames += names;
    // The host (and port) is shown; never the rest of the URL, which may carry secrets.
    QString target = to.host(QUrl::FullyEncoded);
    if (target.contains(QLatin1Char(':')))
        target = QLatin1Char('[') + target + QLatin1Char(']');
    if (to.port() != -1)
        target += QLatin1Char(':') + QString::number(to.port());
    const QString hop = QStringLiteral("redirected to other host %1: dropped %2").arg(target, names.join(QStringLiteral(", ")));
    m_note = m_note.isEmpty() ? hop : m_note + QStringLiteral("; ") + hop;
    return true;
}

} // namespace hookscope
