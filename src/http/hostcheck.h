#pragma once

#include "http/httprequest.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

namespace hookscope {

// Which Host headers a listener answers (DNS rebinding defence). A web page the operator opens
// can make the browser post to http://127.0.0.1:5050 under a name the attacker controls; the
// browser then sends that name as Host. A loopback listener therefore answers only loopback
// names and addresses (localhost, *.localhost, 127.0.0.0/8, [::1], any port) and the names the
// operator listed. A listener on another address is reachable by registries under names
// hookscope cannot know, so it checks nothing unless the operator listed names; then it also
// takes its own address and the loopback names.
class HostCheck
{
public:
    struct Refusal
    {
        int status = 0;        // 421, or 400 for a malformed or repeated Host
        QString reason;
    };

    HostCheck() = default;     // checks nothing
    // `allowed`: "name" (any port) or "name:port", "[v6]:port"; case-insensitive.
    HostCheck(const QHostAddress &listenAddress, const QStringList &allowed);

    bool isEnabled() const { return m_enabled; }
    std::optional<Refusal> check(const HttpRequest &request) const;
    // The same on the request's Host values (every one sent).
    std::optional<Refusal> check(const QList<QByteArray> &hostValues) const;
    // True for a Host value that names this machine's loopback (port ignored).
    static bool isLoopbackHost(const QString &host);
    // Splits "name:port" / "[v6]:port" / "name"; the name is lower-cased, a trailing dot dropped
    // and IPv6 brackets removed; port -1 when absent. False when it is not a host[:port].
    static bool split(const QString &value, QString *host, int *port);

private:
    bool allows(const QString &host, int port) const;

    struct Entry
    {
        QString host;
        int port = -1;         // -1: any
    };
    bool m_enabled = false;
    QList<Entry> m_allowed;
};

} // namespace hookscope
