#include "core/config/listenaddress.h"

namespace hookscope {

bool splitListenAddress(const QString &address, QString *host, int *port)
{
    const qsizetype colon = address.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0 || colon == address.size() - 1)
        return false;
    QString hostPart = address.left(colon);
    if (hostPart.startsWith(QLatin1Char('['))) {
        if (!hostPart.endsWith(QLatin1Char(']')) || hostPart.size() < 3)
            return false;
        hostPart = hostPart.mid(1, hostPart.size() - 2);
    } else if (hostPart.contains(QLatin1Char(':'))) {
        return false; // an IPv6 address needs brackets, or the port is ambiguous
    }
    if (hostPart.trimmed() != hostPart || hostPart.contains(QLatin1Char(' ')))
        return false;

    const QString portPart = address.mid(colon + 1);
    for (const QChar c : portPart) {
        if (!c.isDigit())
            return false;
    }
    bool ok = false;
    const int number = portPart.toInt(&ok);
    if (!ok || number < 0 || number > 65535)
        return false;
    if (host)
        *host = hostPart;
    if (port)
        *port = number;
    return true;
}

QString allowedHostProblem(const QString &entry)
{
    if (entry.isEmpty())
        return QStringLiteral("an empty host name");
    if (entry.contains(QLatin1Char('/')))
        return QStringLiteral("\"%1\" is a URL or path; give the host (and port) only, e.g. "
                              "\"hookscope.example:5050\"")
            .arg(entry);
    for (const QChar c : entry) {
        if (c.isSpace() || c == QLatin1Char('@') || c == QLatin1Char('?') || c == QLatin1Char('#'))
            return QStringLiteral("\"%1\" is not a host name").arg(entry);
    }
    // With a port it is a listen address in all but the port range (0 is no port a client uses).
    QString host;
    int port = 0;
    if (splitListenAddress(entry, &host, &port))
        return port == 0 ? QStringLiteral("\"%1\": the port must be 1 to 65535").arg(entry) : QString();
    if (entry.startsWith(QLatin1Char('[')))
        return entry.endsWith(QLatin1Char(']')) && entry.size() > 2 && entry.count(QLatin1Char(']')) == 1
            ? QString()
            : QStringLiteral("\"%1\" is not [IPv6 address] or [IPv6 address]:port").arg(entry);
    if (entry.count(QLatin1Char(':')) > 1)
        return QStringLiteral("\"%1\": write an IPv6 address in brackets, e.g. \"[%1]\"").arg(entry);
    if (entry.contains(QLatin1Char(':')))
        return QStringLiteral("\"%1\": expected name:port with a port of 1 to 65535").arg(entry);
    return QString();
}

} // namespace hookscope
