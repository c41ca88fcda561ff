#pragma once

#include <QString>
#include <QTemporaryDir>

namespace hookscope::test {

// Certificates made at test time with the openssl command (installed by the install step): a
// private CA, server certificates it signs (good for 127.0.0.1 and localhost, expired, for another
// host), a self-signed one, and a client certificate from a second CA. Files in a temporary folder.
class TestCertificates
{
public:
    TestCertificates();
    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    // Files: ca.pem; server.pem/server.key (127.0.0.1, localhost); expired.pem/expired.key;
    // wronghost.pem/wronghost.key (CN and SAN "elsewhere.example"); selfsigned.pem/selfsigned.key;
    // clientca.pem; client.pem/client.key (signed by clientca); stranger.pem/stranger.key (a client
    // certificate signed by ca, not by clientca).

private:
    bool run(const QStringList &arguments);
    bool signedBy(const QString &name, const QString &ca, const QString &subject, const QString &san,
                  const QString &days, const QString &start = QString());

    QTemporaryDir m_dir;
    bool m_ok = false;
    QString m_error;
};

} // namespace hookscope::test
