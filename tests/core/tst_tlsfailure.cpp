#include "core/transport/leanhttptransport.h"
#include "core/transport/tlsclientsettings.h"
#include "core/transport/tlsfailure.h"
#include "byteserver.h"
#include "testcertificates.h"

#include <QFile>
#include <QProcess>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>

#include <optional>

using namespace hookscope;
using namespace hookscope::test;

namespace {

QSslCertificate certificate(const QString &file)
{
    QFile f(file);
    f.open(QIODevice::ReadOnly);
    return QSslCertificate(f.readAll(), QSsl::Pem);
}

QSslKey key(const QString &file)
{
    QFile f(file);
    f.open(QIODevice::ReadOnly);
    return QSslKey(f.readAll(), QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
}

// An HTTPS receiver on 127.0.0.1: answers every request 200 on a kept-alive connection, with the
// certificate it is given, and with `clientCa` it requires a client certificate signed by it.
class TlsReceiver : public QObject
{
public:
    int requests = 0;
    int connections = 0;

    TlsReceiver(const TestCertificates &certs, const QString &name, const QString &clientCa = QString())
    {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(certificate(certs.path(name + QStringLiteral(".pem"))));
        config.setPrivateKey(key(certs.path(name + QStringLiteral(".key"))));
        if (!clientCa.isEmpty()) {
            config.setCaCertificates({certificate(certs.path(clientCa))});
            config.setPeerVerifyMode(QSslSocket::VerifyPeer);
        } else {
            config.setPeerVerifyMode(QSslSocket::VerifyNone);
        }
        m_server.setSslConfiguration(config);
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QSslServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++connections;
                auto buffer = std::make_shared<QByteArray>();
                connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
                    buffer->append(socket->readAll());
                    if (!ByteServer::takeRequest(*buffer))
                        return;
                    ++requests;
                    socket->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
                });
            }
        });
    }
    QUrl url(const QString &host = QStringLiteral("127.0.0.1")) const
    {
        return QUrl(QStringLiteral("https://%1:%2/hook").arg(host).arg(m_server.serverPort()));
    }

private:
    QSslServer m_server;
};

struct Result
{
    std::optional<HttpOutcome> outcome;
};

HttpRequestSpec spec(const QUrl &url, const TlsOptions &options)
{
    HttpRequestSpec s;
    s.url = url;
    s.userAgent = "Go-http-client/1.1";
    s.headers = {{"Content-Type", "application/x"}};
    s.body = "{}";
    QStringList errors;
    s.tls = std::make_shared<const TlsClientSettings>(TlsClientSettings::load(options, &errors));
    Q_ASSERT(errors.isEmpty());
    return s;
}

} // namespace

// TLS on the lean transport through real handshakes with certificates made at test time: each
// failure has its own class and a reason that says what to fix; a good setup delivers over one
// kept-alive connection.
class tst_TlsFailure final : public QObject
{
    Q_OBJECT
private:
    TestCertificates m_certs;

    TlsOptions trusting() const
    {
        TlsOptions o;
        o.caFile = m_certs.path(QStringLiteral("ca.pem"));
        return o;
    }
    HttpOutcome exchange(LeanHttpTransport &transport, const HttpRequestSpec &request)
    {
        Result r;
        transport.start(request, [&r](HttpOutcome o) { r.outcome = std::move(o); });
        if (!QTest::qWaitFor([&] { return r.outcome.has_value(); }, 10000))
            return transport.stop();
        return *r.outcome;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_certs.ok(), qPrintable(m_certs.error()));
    }

    void privateCaDeliversOnOneConnection()
    {
        TlsReceiver receiver(m_certs, QStringLiteral("server"));
        LeanHttpTransport transport;
        for (int i = 0; i < 3; ++i) {
            const HttpOutcome o = exchange(transport, spec(receiver.url(), trusting()));
            QCOMPARE(o.status, 200);
        }
        QCOMPARE(receiver.requests, 3);
        QCOMPARE(transport.connectionsOpened(), 1);
    }

    void failuresHaveTheirOwnClass_data()
    {
        QTest::addColumn<QString>("serverCert");
        QTest::addColumn<bool>("trustCa");
        QTest::addColumn<int>("errorClass");
        QTest::addColumn<QString>("words");
        QTest::newRow("unknown issuer") << QStringLiteral("server") << false << int(ErrorClass::TlsUntrusted)
                                        << QStringLiteral("unknown issuer");
        QTest::newRow("expired") << QStringLiteral("expired") << true << int(ErrorClass::TlsExpired) << QStringLiteral("expired at");
        QTest::newRow("wrong host") << QStringLiteral("wronghost") << true << int(ErrorClass::TlsHostname)
                                    << QStringLiteral("elsewhere.example");
        QTest::newRow("self-signed") << QStringLiteral("selfsigned") << true << int(ErrorClass::TlsSelfSigned)
                                     << QStringLiteral("self-signed");
    }
    void failuresHaveTheirOwnClass()
    {
        QFETCH(QString, serverCert);
        QFETCH(bool, trustCa);
        QFETCH(int, errorClass);
        QFETCH(QString, words);
        TlsReceiver receiver(m_certs, serverCert);
        LeanHttpTransport transport;
        const HttpOutcome o = exchange(transport, spec(receiver.url(), trustCa ? trusting() : TlsOptions()));
        QCOMPARE(o.status, 0);
        QCOMPARE(int(o.errorClass), errorClass);
        QVERIFY2(o.errorText.contains(words), qPrintable(o.errorText));
        QVERIFY2(o.errorText.startsWith(errorClassName(ErrorClass(errorClass))), qPrintable(o.errorText));
        QCOMPARE(receiver.requests, 0);
    }

    void insecureDeliversAnyway()
    {
        TlsReceiver receiver(m_certs, QStringLiteral("selfsigned"));
        TlsOptions o;
        o.insecure = true;
        LeanHttpTransport transport;
        QCOMPARE(exchange(transport, spec(receiver.url(), o)).status, 200);
    }

    void serverNameIsWhatIsVerified()
    {
        TlsReceiver receiver(m_certs, QStringLiteral("wronghost"));
        TlsOptions o = trusting();
        o.serverName = QStringLiteral("elsewhere.example");
        LeanHttpTransport transport;
        QCOMPARE(exchange(transport, spec(receiver.url(), o)).status, 200);
    }

    // Without a client certificate, and with one the receiver's CA did not sign: the receiver's
    // alert, named. The receiver here is OpenSSL's own s_server (Qt's QSslServer drops such a
    // connection without sending the alert, as real receivers do not).
    void clientCertificateRefused_data()
    {
        QTest::addColumn<QString>("cert");
        QTest::newRow("none") << QString();
        QTest::newRow("from another CA") << QStringLiteral("stranger");
    }
    void clientCertificateRefused()
    {
        QFETCH(QString, cert);
        quint16 port = 0;
        {
            QTcpServer probe;
            probe.listen(QHostAddress::LocalHost, 0);
            port = probe.serverPort();
        }
        QProcess server;
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.start(QStringLiteral("openssl"),
                     {QStringLiteral("s_server"), QStringLiteral("-accept"), QStringLiteral("127.0.0.1:%1").arg(port),
                      QStringLiteral("-cert"), m_certs.path(QStringLiteral("server.pem")), QStringLiteral("-key"),
                      m_certs.path(QStringLiteral("server.key")), QStringLiteral("-Verify"), QStringLiteral("1"),
                      QStringLiteral("-CAfile"), m_certs.path(QStringLiteral("clientca.pem")),
                      QStringLiteral("-verify_return_error"), QStringLiteral("-www")});
        // s_server prints ACCEPT once it listens.
        QByteArray said;
        QVERIFY(QTest::qWaitFor([&] { said += server.readAll(); return said.contains("ACCEPT") || server.state() == QProcess::NotRunning; },
                                10000));
        QVERIFY2(server.state() == QProcess::Running, said.constData());
        TlsOptions o = trusting();
        if (!cert.isEmpty()) {
            o.certFile = m_certs.path(cert + QStringLiteral(".pem"));
            o.keyFile = m_certs.path(cert + QStringLiteral(".key"));
        }
        LeanHttpTransport transport;
        const HttpOutcome out = exchange(transport, spec(QUrl(QStringLiteral("https://127.0.0.1:%1/").arg(port)), o));
        server.kill();
        server.waitForFinished();
        QCOMPARE(out.status, 0);
        QVERIFY2(out.errorClass == ErrorClass::TlsClientCert, qPrintable(out.errorText));
        QVERIFY2(out.errorText.contains(cert.isEmpty() ? QStringLiteral("requires a client certificate")
                                                       : QStringLiteral("rejected our client certificate")),
                 qPrintable(out.errorText));
    }

    void clientCertificateDelivers()
    {
        TlsReceiver receiver(m_certs, QStringLiteral("server"), QStringLiteral("clientca.pem"));
        TlsOptions o = trusting();
        o.certFile = m_certs.path(QStringLiteral("client.pem"));
        o.keyFile = m_certs.path(QStringLiteral("client.key"));
        LeanHttpTransport transport;
        QCOMPARE(exchange(transport, spec(receiver.url(), o)).status, 200);
    }

    // Plain HTTP where TLS was expected: a protocol mismatch, not a reset.
    void notTlsIsAProtocolMismatch()
    {
        QTcpServer plain;
        plain.listen(QHostAddress::LocalHost, 0);
        connect(&plain, &QTcpServer::newConnection, this, [&plain] {
            QTcpSocket *socket = plain.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            });
        });
        LeanHttpTransport transport;
        const HttpOutcome o = exchange(transport, spec(QUrl(QStringLiteral("https://127.0.0.1:%1/").arg(plain.serverPort())), trusting()));
        QCOMPARE(o.status, 0);
        QCOMPARE(o.errorClass, ErrorClass::TlsProtocol);
    }

    // Accepts TCP, never speaks TLS: the deadline's stop() says it was the handshake.
    void handshakeThatNeverEnds()
    {
        QTcpServer hang;
        hang.listen(QHostAddress::LocalHost, 0);
        LeanHttpTransport transport;
        Result r;
        transport.start(spec(QUrl(QStringLiteral("https://127.0.0.1:%1/").arg(hang.serverPort())), trusting()),
                        [&r](HttpOutcome o) { r.outcome = std::move(o); });
        QTest::qWait(300);
        QVERIFY(!r.outcome.has_value());
        const HttpOutcome o = transport.stop();
        QCOMPARE(o.errorClass, ErrorClass::TlsHandshakeTimeout);
    }
};

QTEST_GUILESS_MAIN(tst_TlsFailure)
#include "tst_tlsfailure.moc"
