#pragma once

#include <QString>

#include <cstddef>
#include <utility>

namespace hookscope {

// Why an attempt got no HTTP response.
// Url: no request could be made for the endpoint's URL (no scheme, ftp://, no host), which the
// registry, too, counts as an Error on every attempt.
// The Tls* classes say which TLS check failed (Tls: another TLS failure); all are Errors.
enum class ErrorClass {
    None, Refused, Reset, Timeout, Dns, Tls, Other, Cancelled, Url,
    TlsExpired,           // the receiver's certificate is expired or not yet valid
    TlsHostname,          // it does not name the host (or `servername`)
    TlsUntrusted,         // signed by an issuer no root (system or `ca`) vouches for
    TlsSelfSigned,        // a self-signed certificate that is not a trusted root
    TlsClientCert,        // the receiver wants a client certificate, or refused ours
    TlsHandshakeTimeout,  // connected, but the handshake did not finish within the timeout
    TlsProtocol,          // no TLS version or cipher in common, or not TLS at all
};
// "refused", "reset", "timeout", "dns", "tls", "other", "cancelled", "url", "tls-expired",
// "tls-hostname", "tls-untrusted", "tls-selfsigned", "tls-clientcert", "tls-timeout", "tls-protocol"
QString errorClassName(ErrorClass errorClass);
bool isTlsErrorClass(ErrorClass errorClass);

// The class a transport's table of (its own error, class) rows gives `error`; Other for an error
// the table does not list. Each transport keeps its table next to the socket API it speaks.
template<typename Error, std::size_t N>
ErrorClass classifyError(const std::pair<Error, ErrorClass> (&table)[N], Error error)
{
    for (const auto &[known, errorClass] : table) {
        if (known == error)
            return errorClass;
    }
    return ErrorClass::Other;
}

} // namespace hookscope
