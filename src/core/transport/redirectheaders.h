#pragma once

#include "core/base/attemptrecord.h"

#include <QStringList>
#include <QUrl>

namespace hookscope {

// Which request headers survive a redirect, as Go's client decides (net/http shouldCopyHeaderOnRedirect):
// credentials (Authorization, Www-Authenticate, Cookie, Cookie2, and Proxy-Authorization, which Go's
// client never takes from a request's headers) go along only when the target's host is the
// previous one or a subdomain of it (a.example -> x.a.example keeps them, a.example ->
// example or b.example drops them). Every other configured header is kept.
//
// Hosts are compared without ports, as Go does since 1.21 (1.19, which Debian 12 builds the
// registry with, compared host:port, so a port change dropped them too). Names and IP literals are
// compared as written: localhost and 127.0.0.1 are different hosts. Once dropped they stay dropped
// for the rest of the redirect chain (Go fixed re-adding them after a cross-host hop in 1.23.5).
class RedirectHeaders
{
public:
    // Go's client gives up at the 10th redirect answer, before following it: 10 requests in all
    // (defaultCheckRedirect: len(via) >= 10), and the attempt is an error, not the 3xx.
    static constexpr int MaxRedirects = 10;
    static bool isSensitive(const QByteArray &name);
    // Go turns a POST into a GET without body on 301, 302 and 303; 307 and 308 re-POST the body.
    static bool staysPost(int status) { return status != 301 && status != 302 && status != 303; }
    // True when credentials may follow a redirect from `from` to `to`.
    static bool keepsCredentials(const QUrl &from, const QUrl &to);

    // Starts a chain from the request's own headers.
    void reset(const HeaderList &headers);
    // Applies one hop; returns true when this hop dropped something.
    bool redirect(const QUrl &from, const QUrl &to);

    const HeaderList &headers() const { return m_headers; }
    bool dropped() const { return !m_droppedNames.isEmpty(); }
    // For the attempt record: "redirected to other host localhost:8081: dropped Authorization, Cookie",
    // empty when nothing was dropped.
    QString note() const { return m_note; }

private:
    HeaderList m_headers;
    QStringList m_droppedNames;
    QString m_note;
};

} // namespace hookscope
