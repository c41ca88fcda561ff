#include "byteserver.h"
#include "fakehttpserver.h"
#include "core/model/envelope.h"
#include "core/chain/httpsink.h"
#include "testevents.h"

#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <sys/socket.h>

using namespace hookscope;
using namespace hookscope::test;

namespace {

struct Outcome
{
    int calls = 0;
    SinkResult result;
    // The attempt's record travels in the report; collected here when the test asks for it.
    Sink::Report done(QList<AttemptRecord> *attempts = nullptr)
    {
        return [this, attempts](const SinkResult &r) {
            ++calls;
            result = r;
            if (attempts && r.attempt)
                attempts->append(*r.attempt);
        };
    }
};

quint16 unusedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();   // closed again when probe goes away: nothing listens there
}

const QByteArray Ok200 = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

} // namespace

// Every case runs against both transports (see main()); a few are about the lean one's own
// connection handling.
class tst_HttpSink final : public QObject
{
    Q_OBJECT
public:
    explicit tst_HttpSink(HttpTransportKind kind) : m_kind(kind) { }

private:
    HttpSink::Settings cfg(HttpSink::Settings settings) const
    {
        settings.transport = m_kind;
        return settings;
    }
    bool lean() const { return m_kind == HttpTransportKind::Lean; }
    HttpTransportKind m_kind;

private Q_SLOTS:
    void transportInUse()
    {
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({QUrl(QStringLiteral("http://127.0.0.1:1/x")), {}, 1000}));
        QCOMPARE(sink.usesLeanTransport(), lean());
        // https goes over the lean transport too (a QSslSocket), unless the endpoint asks for QNAM.
        sink.setSettings(cfg({QUrl(QStringLiteral("https://127.0.0.1:1/x")), {}, 1000}));
        QCOMPARE(sink.usesLeanTransport(), lean());
    }

    // Sequential POSTs share one kept-alive connection.
    void keepAliveReuse()
    {
        FakeHttpServer server;
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({server.url(), {}, 2000}));
        for (int i = 0; i < 3; ++i) {
            Outcome o;
            sink.write(makeEvents(1), o.done());
            QTRY_COMPARE(o.calls, 1);
            QCOMPARE(o.result.kind, SinkResult::Ok);
        }
        QCOMPARE(server.requestCount(), 3);
        QCOMPARE(server.connectionCount(), 1);
    }

    // "Connection: close" from the receiver: the next POST opens a new connection and succeeds.
    void serverCloseReconnects()
    {
        ByteServer server;
        server.onRequest = [](QTcpSocket *socket, int) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
        };
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({server.url(), {}, 2000}));
        for (int i = 0; i < 3; ++i) {
            Outcome o;
            sink.write(makeEvents(1), o.done());
            QTRY_COMPARE(o.calls, 1);
            QCOMPARE(o.result.kind, SinkResult::Ok);
        }
        QCOMPARE(server.requests, 3);
        QCOMPARE(server.connections, 3);
    }

    // A receiver that closes the kept-alive connection after answering (an idle timeout, no
    // "Connection: close"): the next POST, even one made before the event loop saw the close, goes
    // out on a new connection and succeeds.
    void idleCloseReconnects()
    {
        ByteServer server;
        server.onRequest = [](QTcpSocket *socket, int) {
            // The FIN right behind the response, in the same breath, as a receiver's idle close.
            socket->write(Ok200);
            socket->flush();
            ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
        };
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({server.url(), {}, 2000}));
        for (int i = 0; i < 3; ++i) {
            Outcome o;
            sink.write(makeEvents(1), o.done());
            QTRY_COMPARE(o.calls, 1);
            QCOMPARE(o.result.kind, SinkResult::Ok);
            QThread::msleep(80);   // the FIN arrives while nobody runs the event loop
        }
        QCOMPARE(server.requests, 3);
        QCOMPARE(server.connections, 3);
    }

    // A kept-alive connection the receiver resets before answering: that attempt is an Error and
    // the request is not silently sent again (QNAM does re-send once, documented).
    void staleKeepAliveIsErrorNotResent()
    {
        if (!lean())
            QSKIP("QNAM re-sends once on a dropped kept-alive connection (documented difference)");
        ByteServer server;
        server.onRequest = [](QTcpSocket *socket, int n) {
            if (n == 2)
                socket->abort();   // RST, no response byte
            else
                socket->write(Ok200);
        };
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({server.url(), {}, 2000}));
        QList<SinkResult> results;
        for (int i = 0; i < 3; ++i) {
            Outcome o;
            sink.write(makeEvents(1), o.done());
            QTRY_COMPARE(o.calls, 1);
            results.append(o.result);
        }
        QCOMPARE(results.at(0).kind, SinkResult::Ok);
        QCOMPARE(results.at(1).kind, SinkResult::Failed);
        QCOMPARE(results.at(1).status, 0);
        QCOMPARE(results.at(1).errorClass, ErrorClass::Reset);
        QCOMPARE(results.at(2).kind, SinkResult::Ok);
        QCOMPARE(server.requests, 3);   // one per attempt: nothing re-sent behind our back
        QCOMPARE(server.connections, 2);
    }

    // Responses framed by chunks, preceded by 100 Continue, or split into small pieces with pauses.
    void responseFraming_data()
    {
        QTest::addColumn<QList<QByteArray>>("pieces");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("chunked") << QList<QByteArray>{"HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                     "5\r\nhello\r\n0\r\n\r\n"}
                                 << 202 << QByteArray("hello");
        QTest::newRow("100 continue") << QList<QByteArray>{"HTTP/1.1 100 Continue\r\n\r\n",
                                                          "HTTP/1.1 201 Created\r\nContent-Length: 3\r\n\r\nnew"}
                                      << 201 << QByteArray("new");
        QTest::newRow("slow pieces") << QList<QByteArray>{"HTTP/1.1 5", "03 Service Unavailable\r\nCont",
                                                         "ent-Length: 4\r\n\r\nbu", "sy"}
                                     << 503 << QByteArray("busy");
    }
    void responseFraming()
    {
        QFETCH(QList<QByteArray>, pieces);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        ByteServer server;
        server.onRequest = [pieces](QTcpSocket *socket, int) {
            for (int i = 0; i < pieces.size(); ++i) {
                QTimer::singleShot(30 * i, socket, [socket, piece = pieces.at(i)] {
                    socket->write(piece);
                    socket->flush();
                });
            }
        };
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({server.url(), {}, 2000}));
        QList<AttemptRecord> attempts;
        // The lean transport reports at the headers; a body still on its way follows for the log.
        QByteArray amended;
        sink.setBodyAmender([&](qint64, QByteArray b, QString) { amended = std::move(b); });
        for (int round = 0; round < 2; ++round) {   // the second one reuses the connection
            Outcome o;
            amended.clear();
            sink.write(makeEvents(1), o.done(&attempts));
            QTRY_COMPARE(o.calls, 1);
            QCOMPARE(o.result.status, status);
            QTRY_COMPARE(attempts.last().responseBody == body ? body : amended, body);
        }
        QCOMPARE(server.requests, 2);
        QCOMPARE(server.connections, 1);
    }

    // The status decides once the headers are in: a body that stalls or is cut short does not undo
    // it (the registry's client returns at the headers); the log keeps what came.
    void bodyCutShortKeepsStatus_data()
    {
        QTest::addColumn<bool>("close");
        QTest::newRow("stalls past the timeout") << false;
        QTest::newRow("connection closed") << true;
    }
    void bodyCutShortKeepsStatus()
    {
        QFETCH(bool, close);
        ByteServer server;
        server.onRequest = [close](QTcpSocket *socket, int) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
            socket->flush();
            if (close)
                QTimer::singleShot(50, socket, [socket] { socket->disconnectFromHost(); });
        };
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({server.url(), {}, 400}));
        QList<AttemptRecord> attempts;
        Outcome o;
        sink.write(makeEvents(1), o.done(&attempts));
        QTRY_COMPARE_WITH_TIMEOUT(o.calls, 1, 3000);
        if (!lean() && o.result.kind != SinkResult::Ok)
            QSKIP("QNAM reports a body cut short as an error");
        QCOMPARE(o.result.kind, SinkResult::Ok);
        QCOMPARE(o.result.status, 200);
        QVERIFY2(attempts.last().responseBody.startsWith("abc") || !lean(), attempts.last().responseBody.constData());
    }

    // Bytes that are not HTTP are an Error (no status), never a success.
    void garbageIsError()
    {
        ByteServer server;
        server.onRequest = [](QTcpSocket *socket, int) { socket->write("SSH-2.0-OpenSSH_9.2\r\n\r\n"); };
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({server.url(), {}, 1000}));
        QList<AttemptRecord> attempts;
        Outcome o;
        sink.write(makeEvents(1), o.done(&attempts));
        QTRY_COMPARE_WITH_TIMEOUT(o.calls, 1, 3000);
        QCOMPARE(o.result.kind, SinkResult::Failed);
        QCOMPARE(o.result.status, 0);
        QCOMPARE(attempts.last().outcome, AttemptRecord::Error);
        QVERIFY(!o.result.message.isEmpty());
    }

    // Go's client's User-Agent unless one is configured (then only its first value).
    void userAgent()
    {
        FakeHttpServer server;
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({server.url(), {}, 2000}));
        Outcome first;
        sink.write(makeEvents(1), first.done());
        QTRY_COMPARE(first.calls, 1);
        QCOMPARE(server.received().last().header("User-Agent"), QByteArray("Go-http-client/1.1"));
        sink.setSettings(cfg({server.url(),
                              {{QStringLiteral("User-Agent"), {QStringLiteral("mine/1"), QStringLiteral("mine/2")}}},
                              2000}));
        Outcome second;
        sink.write(makeEvents(1), second.done());
        QTRY_COMPARE(second.calls, 1);
        QCOMPARE(server.received().last().header("User-Agent"), QByteArray("mine/1"));
    }

    // The request is what registry 2.8.2 sends: POST, v1 media type, the envelope, configured headers.
    void requestShape()
    {
        FakeHttpServer server;
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({server.url(QStringLiteral("/hook")),
                                 {{QStringLiteral("Authorization"), {QStringLiteral("Bearer fixture-token")}},
                                  {QStringLiteral("X-Multi"), {QStringLiteral("a"), QStringLiteral("b")}}},
                                 1000}));
        QList<AttemptRecord> attempts;
        const EventBlock block = makeEvents(1);
        Outcome o;
        sink.write(block, o.done(&attempts));
        QTRY_COMPARE(o.calls, 1);
        QCOMPARE(o.result.kind, SinkResult::Ok);
        QCOMPARE(server.requestCount(), 1);
        const auto &r = server.received().first();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.path, QByteArray("/hook"));
        QCOMPARE(r.header("Content-Type"), QByteArray(Envelope::MediaTypeV1));
        QCOMPARE(r.header("Authorization"), QByteArray("Bearer fixture-token"));
        // One line per value on the lean transport (as Go writes them); QNAM keeps one per name.
        QByteArrayList multi;
        for (const auto &[name, value] : r.headers) {
            if (name == "X-Multi")
                multi.append(value);
        }
        QCOMPARE(multi.join(", "), QByteArray("a, b"));
        QCOMPARE(multi.size(), lean() ? 2 : 1);
        QCOMPARE(r.body, Envelope::serialize(block));
        // The attempt log masks secrets and keeps the exchange.
        QCOMPARE(attempts.size(), 1);
        const AttemptRecord &a = attempts.first();
        QCOMPARE(a.outcome, AttemptRecord::Success);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.reason, QStringLiteral("OK"));
        QCOMPARE(a.eventIds, QVector<QByteArray>{"ev-0"});
        QCOMPARE(a.requestBodyBytes, r.body.size());
        bool masked = false;
        for (const auto &[name, value] : a.requestHeaders)
            masked = masked || (name == "Authorization" && value == "Bearer ******");
        QVERIFY(masked);
    }

    // 200-399 is delivered (a bare 307 included); any other status is a failure with that status.
    void statusClassification_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("delivered");
        QTest::newRow("200") << 200 << true;
        QTest::newRow("202") << 202 << true;
        QTest::newRow("204") << 204 << true;
        QTest::newRow("307 without Location") << 307 << true;
        QTest::newRow("304") << 304 << true;
        QTest::newRow("399") << 399 << true;
        QTest::newRow("400") << 400 << false;
        QTest::newRow("401") << 401 << false;
        QTest::newRow("415") << 415 << false;
        QTest::newRow("500") << 500 << false;
        QTest::newRow("503") << 503 << false;
        QTest::newRow("599") << 599 << false;
    }
    void statusClassification()
    {
        QFETCH(int, status);
        QFETCH(bool, delivered);
        FakeHttpServer server;
        server.setDefaultStep(FakeStep::respond(status));
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({server.url(), {}, 2000}));
        QList<AttemptRecord> attempts;
        Outcome o;
        sink.write(makeEvents(1), o.done(&attempts));
        QTRY_COMPARE(o.calls, 1);
        QCOMPARE(o.result.kind, delivered ? SinkResult::Ok : SinkResult::Failed);
        QCOMPARE(o.result.status, status);
        QCOMPARE(attempts.first().outcome, delivered ? AttemptRecord::Success : AttemptRecord::Failure);
    }

    // A 307 with a Location is followed and re-POSTed, as Go's client does.
    void redirect307IsFollowed()
    {
        FakeHttpServer server;
        FakeStep redirect = FakeStep::respond(307);
        redirect.headers.append({"Location", server.url(QStringLiteral("/moved")).toString().toUtf8()});
        server.enqueue(redirect);
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({server.url(), {}, 2000}));
        Outcome o;
        sink.write(makeEvents(1), o.done());
        QTRY_COMPARE(o.calls, 1);
        QCOMPARE(o.result.kind, SinkResult::Ok);
        QCOMPARE(server.requestCount(), 2);
        QCOMPARE(server.received().at(1).method, QByteArray("POST"));
        QCOMPARE(server.received().at(1).path, QByteArray("/moved"));
        QCOMPARE(server.received().at(1).body, server.received().at(0).body);
    }

    // A redirect loop: Go's client stops at the 10th redirect answer (10 requests sent in all) with
    // "stopped after 10 redirects", so the registry counts an Error, never the 302.
    void redirectLoopStopsAtTheTenthRedirect()
    {
        FakeHttpServer server;
        FakeStep loop = FakeStep::respond(302);
        loop.headers.append({"Location", server.url(QStringLiteral("/again")).toString().toUtf8()});
        server.setDefaultStep(loop);
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({server.url(), {}, 5000}));
        QList<AttemptRecord> attempts;
        Outcome o;
        sink.write(makeEvents(1), o.done(&attempts));
        QTRY_COMPARE_WITH_TIMEOUT(o.calls, 1, 5000);
        QCOMPARE(o.result.kind, SinkResult::Failed);
        QCOMPARE(o.result.status, 0);
        QCOMPARE(attempts.last().outcome, AttemptRecord::Error);
        QVERIFY2(o.result.message.contains(QStringLiteral("stopped after 10 redirects")), qPrintable(o.result.message));
        QCOMPARE(server.requestCount(), 10);
    }

    // A redirect to another host (localhost is not 127.0.0.1, as for Go) drops Authorization,
    // Proxy-Authorization and Cookie; another configured header goes along. The attempt says so.
    void redirectToOtherHostDropsCredentials()
    {
        FakeHttpServer first;
        FakeHttpServer second;
        QUrl elsewhere = second.url(QStringLiteral("/moved"));
        elsewhere.setHost(QStringLiteral("localhost"));
        FakeStep redirect = FakeStep::respond(307);
        redirect.headers.append({"Location", elsewhere.toString().toUtf8()});
        first.enqueue(redirect);
        QNetworkAccessManager network;
        HttpSink::Settings settings = cfg({first.url(), {}, 5000});
        settings.headers = {{QStringLiteral("Authorization"), {QStringLiteral("Bearer s3cret")}},
                            {QStringLiteral("Cookie"), {QStringLiteral("session=c00kie")}},
                            {QStringLiteral("Proxy-Authorization"), {QStringLiteral("Basic cHJveHk=")}},
                            {QStringLiteral("X-Hook-Tag"), {QStringLiteral("kept")}}};
        HttpSink sink(&network, settings);
        QList<AttemptRecord> attempts;
        Outcome o;
        sink.write(makeEvents(1), o.done(&attempts));
        QTRY_COMPARE_WITH_TIMEOUT(o.calls, 1, 5000);
        QCOMPARE(o.result.kind, SinkResult::Ok);
        QCOMPARE(first.requestCount(), 1);
        QCOMPARE(first.received().at(0).header("Authorization"), QByteArray("Bearer s3cret"));
        QCOMPARE(second.requestCount(), 1);
        const auto &moved = second.received().at(0);
        QCOMPARE(moved.method, QByteArray("POST"));
        QCOMPARE(moved.path, QByteArray("/moved"));
        QCOMPARE(moved.header("Authorization"), QByteArray());
        QCOMPARE(moved.header("Cookie"), QByteArray());
        QCOMPARE(moved.header("Proxy-Authorization"), QByteArray());
        QCOMPARE(moved.header("X-Hook-Tag"), QByteArray("kept"));
        QCOMPARE(attempts.size(), 1);
        const QString note = attempts.first().note;
        QVERIFY2(note.startsWith(QStringLiteral("redirected to other host localhost:%1: dropped ").arg(second.port())),
                 qPrintable(note));
        QVERIFY2(note.contains(QLatin1String("Authorization")) && note.contains(QLatin1String("Cookie"))
                     && note.contains(QLatin1String("Proxy-Authorization")) && !note.contains(QLatin1String("X-Hook-Tag")),
                 qPrintable(note));
        QVERIFY(!note.contains(QLatin1String("s3cret")));
    }

    // Credentials stay on a redirect to the same host (another path, and another port: Go compares
    // host names since 1.21), and the attempt has no note.
    void redirectToSameHostKeepsCredentials()
    {
        FakeHttpServer first;
        FakeHttpServer second;
        FakeStep toPath = FakeStep::respond(308);
        toPath.headers.append({"Location", QByteArray("/again")});
        FakeStep toPort = FakeStep::respond(307);
        toPort.headers.append({"Location", second.url(QStringLiteral("/moved")).toString().toUtf8()});
        first.enqueue({toPath, toPort});
        QNetworkAccessManager network;
        HttpSink::Settings settings = cfg({first.url(), {}, 5000});
        settings.headers = {{QStringLiteral("Authorization"), {QStringLiteral("Bearer s3cret")}},
                            {QStringLiteral("Cookie"), {QStringLiteral("session=c00kie")}}};
        HttpSink sink(&network, settings);
        QList<AttemptRecord> attempts;
        Outcome o;
        sink.write(makeEvents(1), o.done(&attempts));
        QTRY_COMPARE_WITH_TIMEOUT(o.calls, 1, 5000);
        QCOMPARE(o.result.kind, SinkResult::Ok);
        QCOMPARE(first.requestCount(), 2);
        QCOMPARE(first.received().at(1).path, QByteArray("/again"));
        QCOMPARE(first.received().at(1).header("Authorization"), QByteArray("Bearer s3cret"));
        QCOMPARE(second.requestCount(), 1);
        QCOMPARE(second.received().at(0).header("Authorization"), QByteArray("Bearer s3cret"));
        QCOMPARE(second.received().at(0).header("Cookie"), QByteArray("session=c00kie"));
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().note, QString());
    }

    // Once a hop went to another host, the credentials stay dropped even when a later hop comes
    // back, and the next write starts with them again.
    void droppedCredentialsStayDroppedForTheChain()
    {
        FakeHttpServer first;
        FakeHttpServer second;
        QUrl elsewhere = second.url(QStringLiteral("/away"));
        elsewhere.setHost(QStringLiteral("localhost"));
        FakeStep away = FakeStep::respond(307);
        away.headers.append({"Location", elsewhere.toString().toUtf8()});
        first.enqueue(away);
        FakeStep back = FakeStep::respond(307);
        back.headers.append({"Location", QByteArray("/back")});
        second.enqueue(back);
        QNetworkAccessManager network;
        HttpSink::Settings settings = cfg({first.url(), {}, 5000});
        settings.headers = {{QStringLiteral("Authorization"), {QStringLiteral("Bearer s3cret")}}};
        HttpSink sink(&network, settings);
        Outcome o;
        sink.write(makeEvents(1), o.done());
        QTRY_COMPARE_WITH_TIMEOUT(o.calls, 1, 5000);
        QCOMPARE(second.requestCount(), 2);
        QCOMPARE(second.received().at(1).path, QByteArray("/back"));
        QCOMPARE(second.received().at(1).header("Authorization"), QByteArray());
        Outcome next;
        sink.write(makeEvents(1), next.done());
        QTRY_COMPARE_WITH_TIMEOUT(next.calls, 1, 5000);
        QCOMPARE(first.requestCount(), 2);
        QCOMPARE(first.received().at(1).header("Authorization"), QByteArray("Bearer s3cret"));
    }

    // The attempt log shows the URL masked; the request still goes to (and authenticates with) the real one.
    void attemptUrlIsMasked()
    {
        FakeHttpServer server;
        QUrl url = server.url(QStringLiteral("/events"));
        url.setQuery(QStringLiteral("token=t0ps3cret&x=1"));
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({url, {}, 5000}));
        QList<AttemptRecord> attempts;
        Outcome o;
        sink.write(makeEvents(1), o.done(&attempts));
        QTRY_COMPARE_WITH_TIMEOUT(o.calls, 1, 5000);
        QCOMPARE(server.received().at(0).path, QByteArray("/events?token=t0ps3cret&x=1"));
        QCOMPARE(attempts.first().url, QStringLiteral("http://127.0.0.1:%1/events?token=***&x=1").arg(server.port()));
    }

    // A Location in a response the log keeps (201 Created here) is masked like any URL.
    void responseLocationIsMasked()
    {
        FakeHttpServer server;
        FakeStep created = FakeStep::respond(201);
        created.headers.append({"Location", QByteArray("http://h/items/1?X-Amz-Signature=t0k&x=1")});
        server.enqueue(created);
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({server.url(), {}, 5000}));
        QList<AttemptRecord> attempts;
        Outcome o;
        sink.write(makeEvents(1), o.done(&attempts));
        QTRY_COMPARE_WITH_TIMEOUT(o.calls, 1, 5000);
        QCOMPARE(o.result.kind, SinkResult::Ok);
        QByteArray location;
        for (const auto &[name, value] : attempts.first().responseHeaders) {
            if (name.compare("Location", Qt::CaseInsensitive) == 0)
                location = value;
        }
        QCOMPARE(location, QByteArray("http://h/items/1?X-Amz-Signature=***&x=1"));
    }

    // No response at all is an Error, classified: refused, reset, timeout.
    void refusedIsError()
    {
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({QUrl(QStringLiteral("http://127.0.0.1:%1/events").arg(unusedPort())), {}, 2000}));
        Outcome o;
        sink.write(makeEvents(1), o.done());
        QTRY_COMPARE(o.calls, 1);
        QCOMPARE(o.result.kind, SinkResult::Failed);
        QCOMPARE(o.result.status, 0);
        QCOMPARE(o.result.errorClass, ErrorClass::Refused);
    }

    void resetIsError()
    {
        FakeHttpServer server;
        server.setDefaultStep(FakeStep::reset());
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({server.url(), {}, 2000}));
        Outcome o;
        sink.write(makeEvents(1), o.done());
        QTRY_COMPARE_WITH_TIMEOUT(o.calls, 1, 5000);
        QCOMPARE(o.result.kind, SinkResult::Failed);
        QCOMPARE(o.result.status, 0);
        QVERIFY2(o.result.errorClass == ErrorClass::Reset || o.result.errorClass == ErrorClass::Other,
                 qPrintable(o.result.message));
    }

    // The timeout covers the exchange: a hanging receiver costs one timeout per attempt.
    void hangTimesOut()
    {
        FakeHttpServer server;
        server.setDefaultStep(FakeStep::hang());
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({server.url(), {}, 150}));
        QElapsedTimer clock;
        clock.start();
        Outcome o;
        sink.write(makeEvents(1), o.done());
        QTRY_COMPARE_WITH_TIMEOUT(o.calls, 1, 5000);
        QVERIFY2(clock.elapsed() >= 140, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(o.result.kind, SinkResult::Failed);
        QCOMPARE(o.result.errorClass, ErrorClass::Timeout);
    }

    // cancel() abandons the attempt at once and reports Cancelled exactly once.
    void cancelInFlight()
    {
        FakeHttpServer server;
        server.setDefaultStep(FakeStep::hang());
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({server.url(), {}, 10000}));
        QList<AttemptRecord> attempts;
        Outcome o;
        sink.write(makeEvents(1), o.done(&attempts));
        QVERIFY(server.waitForRequests(1));
        sink.cancel();
        QCOMPARE(o.calls, 1);
        QCOMPARE(o.result.kind, SinkResult::Cancelled);
        QTest::qWait(50);
        QCOMPARE(o.calls, 1);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.first().outcome, AttemptRecord::Cancelled);
        QVERIFY(!sink.busy());
    }

    // The response body is captured for the attempt log, up to 64 KiB.
    void responseBodyCaptured()
    {
        FakeHttpServer server;
        FakeStep step = FakeStep::respond(400);
        step.body = QByteArray(100 * 1024, 'x');
        server.setDefaultStep(step);
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({server.url(), {}, 2000}));
        QList<AttemptRecord> attempts;
        // The lean transport reports at the headers; the rest of the body follows for the log.
        QByteArray amended;
        sink.setBodyAmender([&](qint64, QByteArray body, QString) { amended = std::move(body); });
        Outcome o;
        sink.write(makeEvents(1), o.done(&attempts));
        QTRY_COMPARE(o.calls, 1);
        QTRY_VERIFY(attempts.first().responseBody.size() == AttemptRecord::BodyCaptureLimit
                    || amended.size() == AttemptRecord::BodyCaptureLimit);
        QCOMPARE(attempts.first().reason, QStringLiteral("Bad Request"));
    }

    // A URL no request can be made for is an Error per attempt, in Go's client's words, as the
    // registry counts it; nothing is sent.
    void unusableUrlIsAnErrorPerAttempt_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("message");
        QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1/x")
                             << QStringLiteral("Post \"ftp://127.0.0.1/x\": unsupported protocol scheme \"ftp\"");
        QTest::newRow("no scheme") << QStringLiteral("example.com/hook")
                                   << QStringLiteral("Post \"example.com/hook\": unsupported protocol scheme \"\"");
        QTest::newRow("no host") << QStringLiteral("http:///hook")
                                 << QStringLiteral("Post \"http:///hook\": http: no Host in request URL");
    }
    void unusableUrlIsAnErrorPerAttempt()
    {
        QFETCH(QString, url);
        QFETCH(QString, message);
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({QUrl(url), {}, 1000}));
        QCOMPARE(sink.urlProblem(), message);
        for (int round = 0; round < 2; ++round) {
            QList<AttemptRecord> attempts;
            Outcome o;
            sink.write(makeEvents(1), o.done(&attempts));
            QCOMPARE(o.calls, 0);   // never inside write()
            QTRY_COMPARE(o.calls, 1);
            QCOMPARE(o.result.kind, SinkResult::Failed);
            QCOMPARE(o.result.status, 0);
            QCOMPARE(o.result.errorClass, ErrorClass::Url);
            QCOMPARE(o.result.message, message);
            QCOMPARE(attempts.last().outcome, AttemptRecord::Error);
        }
    }

    // Go asks for gzip and decodes the answer; the log shows the text and says it was decoded.
    void gzipAnswerIsDecodedForTheLog()
    {
        const QByteArray gz("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff\xcb\x48\xcd\xc9\xc9\xd7\x51\x48\xaf\xca"
                            "\x2c\x00\x00\x4a\x9b\xb1\x5c\x0b\x00\x00\x00",
                            31);
        FakeHttpServer server;
        FakeStep step = FakeStep::respond(200);
        step.body = gz;
        step.headers.append({QByteArrayLiteral("Content-Encoding"), QByteArrayLiteral("gzip")});
        server.setDefaultStep(step);
        QNetworkAccessManager network;
        HttpSink sink(&network, cfg({server.url(), {}, 2000}));
        QList<AttemptRecord> attempts;
        // Should the body come in a read after the headers, it reaches the log through the amender.
        QByteArray amended;
        QString amendNote;
        sink.setBodyAmender([&](qint64, QByteArray body, QString note) {
            amended = std::move(body);
            amendNote = note;
        });
        Outcome o;
        sink.write(makeEvents(1), o.done(&attempts));
        QTRY_COMPARE(o.calls, 1);
        QCOMPARE(o.result.kind, SinkResult::Ok);
        if (!lean())
            return;   // QNAM asks for gzip itself and hands over decoded bytes
        QCOMPARE(server.received().last().header("Accept-Encoding"), QByteArray("gzip"));
        QTRY_VERIFY(attempts.last().responseBody == "hello, gzip" || amended == "hello, gzip");
        const QString note = amended.isEmpty() ? attempts.last().note : amendNote;
        QVERIFY2(note.contains(QStringLiteral("gzip body decoded")), qPrintable(note));
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    tst_HttpSink lean(HttpTransportKind::Lean);
    tst_HttpSink qnam(HttpTransportKind::Qnam);
    const int leanFailures = QTest::qExec(&lean, argc, argv);
    const int qnamFailures = QTest::qExec(&qnam, argc, argv);
    return leanFailures + qnamFailures;
}
#include "tst_httpsink.moc"
