#include "testcertificates.h"

#include <QFile>
#include <QProcess>

namespace hookscope::test {

TestCertificates::TestCertificates()
{
    auto key = [this](const QString &name) {
        return run({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"), QStringLiteral("-pkeyopt"),
                    QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-out"), path(name + QStringLiteral(".key"))});
    };
    auto selfSigned = [&](const QString &name, const QString &subject, bool ca) {
        QStringList args{QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-new"), QStringLiteral("-key"),
                         path(name + QStringLiteral(".key")), QStringLiteral("-subj"), subject, QStringLiteral("-days"),
                         QStringLiteral("30"), QStringLiteral("-out"), path(name + QStringLiteral(".pem"))};
        if (ca) {
            args << QStringLiteral("-addext") << QStringLiteral("basicConstraints=critical,CA:TRUE")
                 << QStringLiteral("-addext") << QStringLiteral("keyUsage=critical,keyCertSign,cRLSign");
        } else {
            args << QStringLiteral("-addext") << QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost");
        }
        return key(name) && run(args);
    };
    m_ok = selfSigned(QStringLiteral("ca"), QStringLiteral("/CN=hookscope test CA"), true)
        && selfSigned(QStringLiteral("clientca"), QStringLiteral("/CN=hookscope test client CA"), true)
        && selfSigned(QStringLiteral("selfsigned"), QStringLiteral("/CN=127.0.0.1"), false)
        && key(QStringLiteral("server"))
        && signedBy(QStringLiteral("server"), QStringLiteral("ca"), QStringLiteral("/CN=127.0.0.1"),
                    QStringLiteral("IP:127.0.0.1,DNS:localhost"), QStringLiteral("30"))
        && key(QStringLiteral("expired"))
        && signedBy(QStringLiteral("expired"), QStringLiteral("ca"), QStringLiteral("/CN=127.0.0.1"),
                    QStringLiteral("IP:127.0.0.1,DNS:localhost"), QStringLiteral("1"), QStringLiteral("20200101000000Z"))
        && key(QStringLiteral("wronghost"))
        && signedBy(QStringLiteral("wronghost"), QStringLiteral("ca"), QStringLiteral("/CN=elsewhere.example"),
                    QStringLiteral("DNS:elsewhere.example"), QStringLiteral("30"))
        && key(QStringLiteral("client"))
        && signedBy(QStringLiteral("client"), QStringLiteral("clientca"), QStringLiteral("/CN=hookscope client"), QString(),
                    QStringLiteral("30"))
        && key(QStringLiteral("stranger"))
        && signedBy(QStringLiteral("stranger"), QStringLiteral("ca"), QStringLiteral("/CN=stranger"), QString(),
                    QStringLiteral("30"));
}

bool TestCertificates::signedBy(const QString &name, const QString &ca, const QString &subject, const QString &san,
                                const QString &days, const QString &start)
{
    const QString csr = path(name + QStringLiteral(".csr"));
    if (!run({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"), path(name + QStringLiteral(".key")),
              QStringLiteral("-subj"), subject, QStringLiteral("-out"), csr}))
        return false;
    const QString ext = path(name + QStringLiteral(".ext"));
    QFile file(ext);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(san.isEmpty() ? QByteArray("extendedKeyUsage=clientAuth\n")
                             : "subjectAltName=" + san.toUtf8() + "\nextendedKeyUsage=serverAuth\n");
    file.close();
    if (start.isEmpty()) {
        return run({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr, QStringLiteral("-CA"),
                    path(ca + QStringLiteral(".pem")), QStringLiteral("-CAkey"), path(ca + QStringLiteral(".key")),
                    QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), days, QStringLiteral("-extfile"), ext,
                    QStringLiteral("-out"), path(name + QStringLiteral(".pem"))});
    }
    // A validity in the past needs `openssl ca` (x509 -req cannot set a start date in OpenSSL 3.0).
    const QString dir = path(name + QStringLiteral("-ca"));
    QFile::remove(dir);
    const QString config = path(name + QStringLiteral(".cnf"));
    QFile cnf(config);
    if (!cnf.open(QIODevice::WriteOnly))
        return false;
    cnf.write("[ca]\ndefault_ca=d\n[d]\ndatabase=" + path(name + QStringLiteral(".db")).toUtf8()
              + "\nnew_certs_dir=" + m_dir.path().toUtf8() + "\nserial=" + path(name + QStringLiteral(".serial")).toUtf8()
              + "\ndefault_md=sha256\npolicy=p\nunique_subject=no\n[p]\ncommonName=supplied\n");
    cnf.close();
    QFile(path(name + QStringLiteral(".db"))).open(QIODevice::WriteOnly);
    QFile serial(path(name + QStringLiteral(".serial")));
    if (!serial.open(QIODevice::WriteOnly))
        return false;
    serial.write("1000\n");
    serial.close();
    return run({QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-config"), config, QStringLiteral("-in"), csr,
                QStringLiteral("-cert"), path(ca + QStringLiteral(".pem")), QStringLiteral("-keyfile"),
                path(ca + QStringLiteral(".key")), QStringLiteral("-startdate"), start, QStringLiteral("-enddate"),
                QStringLiteral("20200102000000Z"), QStringLiteral("-extfile"), ext, QStringLiteral("-notext"),
                QStringLiteral("-out"), path(name + QStringLiteral(".pem"))});
}

bool TestCertificates::run(const QStringList &arguments)
{
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(QStringLiteral("openssl"), arguments);
    if (!openssl.waitForFinished(30000) || openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0) {
        m_error = QStringLiteral("openssl %1: %2").arg(arguments.join(QLatin1Char(' ')), QString::fromLocal8Bit(openssl.readAll()));
        return false;
    }
    return true;
}

} // namespace hookscope::test
