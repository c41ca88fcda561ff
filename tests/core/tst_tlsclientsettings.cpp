#include "core/transport/tlsclientsettings.h"
#include "testcertificates.h"

#include <QSslKey>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

// An endpoint's tls: files become one QSslConfiguration; every bad file is an error naming it.
class tst_TlsClientSettings final : public QObject
{
    Q_OBJECT
private:
    TestCertificates m_certs;

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_certs.ok(), qPrintable(m_certs.error())); }

    void caIsAddedToTheSystemRoots()
    {
        const qsizetype system = QSslConfiguration::defaultConfiguration().caCertificates().size();
        TlsOptions o;
        o.caFile = m_certs.path(QStringLiteral("ca.pem"));
        QStringList errors;
        const TlsClientSettings s = TlsClientSettings::load(o, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QCOMPARE(s.configuration().caCertificates().size(), system + 1);
    }

    void clientCertificateAndKey()
    {
        TlsOptions o;
        o.certFile = m_certs.path(QStringLiteral("client.pem"));
        o.keyFile = m_certs.path(QStringLiteral("client.key"));
        QStringList errors;
        const TlsClientSettings s = TlsClientSettings::load(o, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QVERIFY(!s.configuration().localCertificate().isNull());
        QVERIFY(!s.configuration().privateKey().isNull());
    }

    void badFilesAreNamed_data()
    {
        QTest::addColumn<QString>("ca");
        QTest::addColumn<QString>("cert");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("words");
        QTest::newRow("missing ca") << QStringLiteral("nope.pem") << QString() << QString() << QStringLiteral("tls.ca: cannot read");
        QTest::newRow("ca not pem") << QStringLiteral("client.key") << QString() << QString()
                                    << QStringLiteral("holds no PEM certificate");
        QTest::newRow("cert without key") << QString() << QStringLiteral("client.pem") << QString()
                                          << QStringLiteral("tls.cert is set without tls.key");
        QTest::newRow("mismatched key") << QString() << QStringLiteral("client.pem") << QStringLiteral("server.key")
                                        << QStringLiteral("does not match the certificate");
        QTest::newRow("key not a key") << QString() << QStringLiteral("client.pem") << QStringLiteral("client.pem")
                                       << QStringLiteral("holds no unencrypted PEM private key");
    }
    void badFilesAreNamed()
    {
        QFETCH(QString, ca);
        QFETCH(QString, cert);
        QFETCH(QString, key);
        QFETCH(QString, words);
        auto file = [this](const QString &name) { return name.isEmpty() ? QString() : m_certs.path(name); };
        TlsOptions o;
        o.caFile = file(ca);
        o.certFile = file(cert);
        o.keyFile = file(key);
        QStringList errors;
        TlsClientSettings::load(o, &errors);
        QVERIFY2(!errors.isEmpty() && errors.join(u'\n').contains(words), qPrintable(errors.join(u'\n')));
        const QString named = !ca.isEmpty() ? o.caFile : !key.isEmpty() ? o.keyFile : QString();
        if (!named.isEmpty())
            QVERIFY2(errors.join(u'\n').contains(named), qPrintable(errors.join(u'\n')));
    }

    void insecureSkipsVerification()
    {
        TlsOptions o;
        o.insecure = true;
        QStringList errors;
        QCOMPARE(TlsClientSettings::load(o, &errors).configuration().peerVerifyMode(), QSslSocket::VerifyNone);
    }
};

QTEST_GUILESS_MAIN(tst_TlsClientSettings)
#include "tst_tlsclientsettings.moc"
