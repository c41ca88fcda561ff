#include "config/listenaddress.h"

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

} // namespace hookscope
