#include "core/transport/tlsclientsettings.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace hookscope {

namespace {

QByteArray readFile(const QString &path, const QString &what, QStringList *errors)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        errors->append(QStringLiteral("tls.%1: cannot read %2: %3").arg(what, path, file.errorString()));
        return {};
    }
    return file.readAll();
}

// Qt has no way to ask whether a private key belongs to a certificate; OpenSSL (which Qt's TLS
// backend is) does: X509_check_private_key.
bool keyMatchesCertificate(const QByteArray &certPem, const QByteArray &keyPem)
{
    BIO *certBio = BIO_new_mem_buf(certPem.constData(), int(certPem.size()));
    BIO *keyBio = BIO_new_mem_buf(keyPem.constData(), int(keyPem.size()));
    X509 *cert = PEM_read_bio_X509(certBio, nullptr, nullptr, nullptr);
    EVP_PKEY *key = PEM_read_bio_PrivateKey(keyBio, nullptr, nullptr, nullptr);
    const bool matches = cert && key && X509_check_private_key(cert, key) == 1;
    EVP_PKEY_free(key);
    X509_free(cert);
    BIO_free(keyBio);
    BIO_free(certBio);
    ERR_clear_error();
    return matches;
}

} // namespace

TlsClientSettings::TlsClientSettings()
    : m_configuration(QSslConfiguration::defaultConfiguration())
{
}

TlsClientSettings TlsClientSettings::load(const TlsOptions &options, QStringList *errors)
{
    TlsClientSettings settings;
    settings.m_serverName = options.serverName;
    settings.m_insecure = options.insecure;
    QSslConfiguration &config = settings.m_configuration;
    if (!options.caFile.isEmpty()) {
        const QByteArray pem = readFile(options.caFile, QStringLiteral("ca"), errors);
        const QList<QSslCertificate> roots = QSslCertificate::fromData(pem, QSsl::Pem);
        if (!pem.isEmpty() && roots.isEmpty())
            errors->append(QStringLiteral("tls.ca: %1 holds no PEM certificate").arg(options.caFile));
        config.addCaCertificates(roots);
    }
    if (options.certFile.isEmpty() != options.keyFile.isEmpty()) {
        errors->append(options.certFile.isEmpty() ? QStringLiteral("tls.key is set without tls.cert")
                                                  : QStringLiteral("tls.cert is set without tls.key"));
    } else if (!options.certFile.isEmpty()) {
        const QByteArray certPem = readFile(options.certFile, QStringLiteral("cert"), errors);
        const QByteArray keyPem = readFile(options.keyFile, QStringLiteral("key"), errors);
        const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
        if (!certPem.isEmpty() && chain.isEmpty())
            errors->append(QStringLiteral("tls.cert: %1 holds no PEM certificate").arg(options.certFile));
        // The key's algorithm is not in the file name: try the ones a client certificate uses.
        QSslKey key;
        for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
            key = QSslKey(keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
            if (!key.isNull())
                break;
        }
        if (!keyPem.isEmpty() && key.isNull())
            errors->append(QStringLiteral("tls.key: %1 holds no unencrypted PEM private key").arg(options.keyFile));
        if (!chain.isEmpty() && !key.isNull()) {
            if (!keyMatchesCertificate(certPem, keyPem)) {
                errors->append(QStringLiteral("tls.key: %1 does not match the certificate in %2")
                                   .arg(options.keyFile, options.certFile));
            }
            config.setLocalCertificateChain(chain);
            config.setPrivateKey(key);
        }
    }
    if (options.insecure)
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
    return settings;
}

} // namespace hookscope
