#include "http/hostcheck.h"

namespace hookscope {

HostCheck::HostCheck(const QHostAddress &listenAddress, const QStringList &allowed)
{
    for (const QString &value : allowed) {
        Entry entry;
        if (split(value.trimmed(), &entry.host, &entry.port))
            m_allowed.append(entry);
    }
    // Wildcard and LAN listeners serve registries that post under their own DNS names: without a
    // list there is nothing to check them against (the token is what protects such a listener).
    m_enabled = listenAddress.isLoopback() || !m_allowed.isEmpty();
    const bool wildcard = listenAddress == QHostAddress::Any || listenAddress == QHostAddress::AnyIPv4
        || listenAddress == QHostAddress::AnyIPv6;
    if (!listenAddress.isLoopback() && !wildcard && !listenAddress.isNull())
        m_allowed.append({listenAddress.toString().toLower(), -1});
}

bool HostCheck::split(const QString &value, QString *host, int *port)
{
    QString name = value;
    *port = -1;
    QString portText;
    if (name.startsWith(QLatin1Char('['))) {
        const qsizetype close = name.indexOf(QLatin1Char(']'));
        if (close < 0)
            return false;
        const QString rest = name.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(QLatin1Char(':')))
            return false;
        portText = rest.mid(1);
        if (rest.startsWith(QLatin1Char(':')) && portText.isEmpty())
            return false;
        name = name.mid(1, close - 1);
    } else {
        const qsizetype colon = name.lastIndexOf(QLatin1Char(':'));
        if (colon >= 0) {
            if (name.indexOf(QLatin1Char(':')) != colon)
                return false;   // a bare IPv6 address is not a valid Host
            portText = name.mid(colon + 1);
            if (portText.isEmpty())
                return false;
            name = name.left(colon);
        }
    }
    if (!portText.isEmpty()) {
        bool ok = false;
        const int number = portText.toInt(&ok);
        if (!ok || number < 0 || number > 65535 || portText.startsWith(QLatin1Char('+')))
            return false;
        *port = number;
    }
    if (name.endsWith(QLatin1Char('.')))
        name.chop(1);
    if (name.isEmpty())
        return false;
    for (const QChar c : name) {
        // Enough to refuse URLs, paths and spaces; the exact name grammar is not our business.
        if (c.isSpace() || c == QLatin1Char('/') || c == QLatin1Char('@') || c == QLatin1Char('?')
            || c == QLatin1Char('#') || c == QLatin1Char('[') || c == QLatin1Char(']'))
            return false;
    }
    *host = name.toLower();
    return true;
}

bool HostCheck::isLoopbackHost(const QString &host)
{
    if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost")))
        return true;
    // QHostAddress would also take "127.1" and other inet_aton spellings; a browser normalises
    // those to dotted quads before sending, so accepting them costs nothing.
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool HostCheck::allows(const QString &host, int port) const
{
    if (isLoopbackHost(host))
        return true;
    for (const Entry &entry : m_allowed) {
        if (entry.host == host && (entry.port < 0 || entry.port == port))
            return true;
    }
    return false;
}

std::optional<HostCheck::Refusal> HostCheck::check(const HttpRequest &request) const
{
    if (!m_enabled)
        return std::nullopt;
    return check(request.headerValues("Host"));
}

std::optional<HostCheck::Refusal> HostCheck::check(const QList<QByteArray> &values) const
{
    if (!m_enabled)
        return std::nullopt;
    // No Host at all: HTTP/1.0 needs none, and a hand-written HTTP/1.1 client may leave it out
    // (RFC 9112 3.2 would have 400). A browser always sends one, so letting these through opens
    // nothing to a rebinding page, and such clients keep working as they did.
    if (values.isEmpty())
        return std::nullopt;
    if (values.size() > 1)
        return Refusal{400, QStringLiteral("more than one Host header")};
    const QString value = QString::fromLatin1(values.first().trimmed());
    QString host;
    int port = -1;
    if (!split(value, &host, &port))
        return Refusal{400, QStringLiteral("malformed Host header")};
    if (allows(host, port))
        return std::nullopt;
    return Refusal{421, QStringLiteral("Host \"%1\" is not served here; add it to allowedhosts "
                                       "if this listener should answer it")
                            .arg(value)};
}

} // namespace hookscope
