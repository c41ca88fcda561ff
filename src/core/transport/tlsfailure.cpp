#include "core/transport/tlsfailure.h"

#include <QSslCertificate>

namespace hookscope {

namespace {

QString subjectOf(const QSslCertificate &certificate)
{
    const QStringList names = certificate.subjectInfo(QSslCertificate::CommonName);
    return names.isEmpty() ? QStringLiteral("(no common name)") : names.join(QStringLiteral(", "));
}

QString utc(const QDateTime &moment)
{
    return moment.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

ErrorClass classOf(QSslError::SslError error)
{
    switch (error) {
    case QSslError::CertificateExpired:
    case QSslError::CertificateNotYetValid:
        return ErrorClass::TlsExpired;
    case QSslError::HostNameMismatch:
        return ErrorClass::TlsHostname;
    case QSslError::SelfSignedCertificate:
        return ErrorClass::TlsSelfSigned;
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return ErrorClass::TlsUntrusted;
    default:
        return ErrorClass::Tls;
    }
}

} // namespace

TlsFailure TlsFailure::fromVerification(const QList<QSslError> &errors)
{
    TlsFailure failure;
    if (errors.isEmpty()) {
        failure.reason = QStringLiteral("certificate verification failed");
        return failure;
    }
    // Trust first (nothing else matters while the issuer is unknown), then dates, then the name.
    const ErrorClass order[] = {ErrorClass::TlsSelfSigned, ErrorClass::TlsUntrusted, ErrorClass::TlsExpired,
                                ErrorClass::TlsHostname, ErrorClass::Tls};
    for (const ErrorClass wanted : order) {
        for (const QSslError &error : errors) {
            if (classOf(error.error()) != wanted)
                continue;
            const QSslCertificate cert = error.certificate();
            failure.errorClass = wanted;
            switch (error.error()) {
            case QSslError::CertificateExpired:
                failure.reason = QStringLiteral("the certificate of %1 expired at %2").arg(subjectOf(cert), utc(cert.expiryDate()));
                break;
            case QSslError::CertificateNotYetValid:
                failure.reason = QStringLiteral("the certificate of %1 is not valid before %2")
                                     .arg(subjectOf(cert), utc(cert.effectiveDate()));
                break;
            case QSslError::HostNameMismatch: {
                QStringList names = cert.subjectAlternativeNames().values(QSsl::DnsEntry);
                names += cert.subjectAlternativeNames().values(QSsl::IpAddressEntry);
                failure.reason = QStringLiteral("the certificate names %1, not the host asked for (%2)")
                                     .arg(names.isEmpty() ? subjectOf(cert) : names.join(QStringLiteral(", ")),
                                          error.errorString());
                break;
            }
            case QSslError::SelfSignedCertificate:
                failure.reason = QStringLiteral("%1 presents a self-signed certificate that no trusted root "
                                                "(system or tls.ca) holds")
                                     .arg(subjectOf(cert));
                break;
            default:
                failure.reason = wanted == ErrorClass::TlsUntrusted
                    ? QStringLiteral("unknown issuer: no trusted root (system or tls.ca) vouches for %1 (%2)")
                          .arg(subjectOf(cert), error.errorString())
                    : error.errorString();
                break;
            }
            failure.reason = errorClassName(wanted) + QStringLiteral(": ") + failure.reason;
            return failure;
        }
    }
    return failure;
}

TlsFailure TlsFailure::fromAlert(QSsl::AlertType type, const QString &description)
{
    TlsFailure failure;
    switch (type) {
    case QSsl::AlertType::CertificateRequired:
    case QSsl::AlertType::NoCertificate:
        failure.errorClass = ErrorClass::TlsClientCert;
        failure.reason = QStringLiteral("the receiver requires a client certificate (set tls.cert and tls.key)");
        break;
    case QSsl::AlertType::BadCertificate:
    case QSsl::AlertType::UnsupportedCertificate:
    case QSsl::AlertType::CertificateRevoked:
    case QSsl::AlertType::CertificateExpired:
    case QSsl::AlertType::CertificateUnknown:
    case QSsl::AlertType::UnknownCa:
    case QSsl::AlertType::AccessDenied:
        failure.errorClass = ErrorClass::TlsClientCert;
        failure.reason = QStringLiteral("the receiver rejected our client certificate");
        break;
    case QSsl::AlertType::ProtocolVersion:
    case QSsl::AlertType::InsufficientSecurity:
        failure.errorClass = ErrorClass::TlsProtocol;
        failure.reason = QStringLiteral("no TLS version or cipher in common with the receiver");
        break;
    case QSsl::AlertType::HandshakeFailure:
        failure.errorClass = ErrorClass::TlsClientCert;
        failure.reason = QStringLiteral("the receiver ended the handshake (most often: it requires a client certificate)");
        break;
    default:
        failure.reason = QStringLiteral("the receiver sent a TLS alert");
        break;
    }
    failure.reason = errorClassName(failure.errorClass) + QStringLiteral(": ") + failure.reason
        + QStringLiteral(" (alert: ") + description + QLatin1Char(')');
    return failure;
}

TlsFailure TlsFailure::fromSocketError(const QString &errorString)
{
    TlsFailure failure;
    const QString text = errorString.toLower();
    auto has = [&](const char *words) { return text.contains(QLatin1String(words)); };
    if (has("certificate required") || has("peer did not return a certificate")) {
        failure.errorClass = ErrorClass::TlsClientCert;
        failure.reason = QStringLiteral("the receiver requires a client certificate (set tls.cert and tls.key)");
    } else if (has("bad certificate") || has("unknown ca") || has("certificate unknown") || has("unsupported certificate")
               || has("certificate revoked") || has("access denied")) {
        failure.errorClass = ErrorClass::TlsClientCert;
        failure.reason = QStringLiteral("the receiver rejected our client certificate");
    } else if (has("wrong version number") || has("unsupported protocol") || has("protocol version")
               || has("no protocols available") || has("no shared cipher") || has("packet length too long")
               || has("record layer failure") || has("http request")) {
        failure.errorClass = ErrorClass::TlsProtocol;
        failure.reason = QStringLiteral("no TLS in common with the receiver (is it TLS at all?)");
    } else if (has("handshake failure")) {
        // TLS 1.2 servers answer a missing client certificate with a bare handshake_failure alert.
        failure.errorClass = ErrorClass::TlsClientCert;
        failure.reason = QStringLiteral("the receiver ended the handshake (handshake failure alert: most often a "
                                        "client certificate it requires)");
    } else {
        failure.reason = errorString;
    }
    failure.reason = errorClassName(failure.errorClass) + QStringLiteral(": ") + failure.reason + QStringLiteral(" (")
        + errorString + QLatin1Char(')');
    if (failure.errorClass == ErrorClass::Tls)
        failure.reason = QStringLiteral("tls: ") + errorString;
    return failure;
}

} // namespace hookscope
