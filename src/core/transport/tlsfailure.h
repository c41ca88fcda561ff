#pragma once

#include "core/base/errorclass.h"

#include <QList>
#include <QSsl>
#include <QSslError>
#include <QString>

namespace hookscope {

// Why a TLS connection failed, in words an operator can act on: "tls-expired: the certificate of
// 127.0.0.1 expired at 2026-01-01 00:00 UTC", not "SSL handshake failed". From the verification
// errors Qt reports (our side's checks) or from the socket error (the receiver's alert: it wanted
// a client certificate, or no protocol in common).
struct TlsFailure
{
    ErrorClass errorClass = ErrorClass::Tls;
    QString reason;

    // The first error that decides the class, in order of what an operator fixes first.
    static TlsFailure fromVerification(const QList<QSslError> &errors);
    // A handshake or read that failed with OpenSSL's words (an alert from the receiver).
    static TlsFailure fromSocketError(const QString &errorString);
    // A fatal alert the receiver sent (TLS 1.3 sends "certificate required" after the client's
    // side of the handshake is done, so the socket error alone reads as a closed connection).
    static TlsFailure fromAlert(QSsl::AlertType type, const QString &description);
};

} // namespace hookscope
