#pragma once

#include "core/base/attemptrecord.h"

#include <QPair>
#include <QString>
#include <QStringList>

namespace hookscope {

// The header lines of the registry's POST as Go's net/http client writes them (Go 1.19, which
// Debian 12 builds registry 2.8.2 with): after the request line and Host,
//   User-Agent: the configured value (only the first one), or Go-http-client/1.1; none when the
//               configured value is empty (Request.write: `r.Header.has("User-Agent")`)
//   Content-Length (written by the transport, POST only)
//   every other header sorted by name, byte order, one line per value (Header.writeSubset):
//               the request's own (Content-Type, then Authorization from URL user info and
//               Referer on a redirect hop) before the configured values of the same name
//               (the registry's headerRoundTripper appends them)
//   Accept-Encoding: gzip, unless Accept-Encoding or Range is configured (Transport.roundTrip).
// Names are compared as Go's map keys are: exactly. Only a configured "User-Agent" is taken as the
// User-Agent; a lower-case "user-agent" is just another header, beside Go's default.
class GoRequestHeaders
{
public:
    static constexpr char DefaultUserAgent[] = "Go-http-client/1.1";
    using Configured = QList<QPair<QString, QStringList>>;

    GoRequestHeaders() = default;
    GoRequestHeaders(const QByteArray &contentType, const Configured &configured);

    bool hasUserAgent() const { return !m_userAgent.isEmpty(); }
    const QByteArray &userAgent() const { return m_userAgent; }
    const HeaderList &sorted() const { return m_sorted; }   // Content-Type included
    bool acceptGzip() const { return m_acceptGzip; }
    // Which lines of sorted() came from the configuration (the attempt log masks their values).
    bool isConfigured(qsizetype line) const { return m_configured.value(line); }

    // Puts a request-level header (Authorization, Referer) where Go's sort puts it: before the
    // first line whose name is not less than `name`, so before configured values of that name.
    static void insertSorted(HeaderList &lines, const QByteArray &name, const QByteArray &value);
    // Header names Go's request writer takes from the request itself, never from its Header map.
    static bool isExcluded(const QByteArray &name);

private:
    QByteArray m_userAgent = DefaultUserAgent;
    HeaderList m_sorted;
    QList<bool> m_configured;
    bool m_acceptGzip = true;
};

} // namespace hookscope
