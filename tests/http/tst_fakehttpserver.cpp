#include "fakehttpserver.h"
#include "rawhttpclient.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include <memory>

using namespace hookscope;

class tst_FakeHttpServer final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QNetworkReply> post(QNetworkAccessManager &nam, const FakeHttpServer &fake,
                                        const QByteArray &body, int timeoutMs = 0)
    {
        QNetworkRequest request(fake.url());
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArray("application/vnd.docker.distribution.events.v1+json"));
        if (timeoutMs > 0)
            request.setTransferTimeout(timeoutMs);
        return std::unique_ptr<QNetworkReply>(nam.post(request, body));
    }

private Q_SLOTS:
    // Steps are consumed one per request, then the default step applies; everything is recorded.
    void scriptedStatusesThenDefault()
    {
        FakeHttpServer fake;
        QVERIFY(fake.isListening());
        QCOMPARE(fake.url().toString(), QStringLiteral("http://127.0.0.1:%1/events").arg(fake.port()));
        FakeStep created = FakeStep::respond(201);
        created.body = "made";
        created.headers = {{"X-Fake", "yes"}};
        fake.enqueue({FakeStep::respond(500), created});
        fake.setDefaultStep(FakeStep::respond(204));

        QNetworkAccessManager nam;
        const QList<int> expected = {500, 201, 204, 204};
        for (int i = 0; i < expected.size(); ++i) {
            auto reply = post(nam, fake, "body" + QByteArray::number(i));
            QTRY_VERIFY(reply->isFinished());
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), expected.at(i));
            if (i == 1) {
                QCOMPARE(reply->readAll(), QByteArray("made"));
                QCOMPARE(reply->rawHeader("X-Fake"), QByteArray("yes"));
            }
        }
        QCOMPARE(fake.requestCount(), 4);
        QCOMPARE(fake.remainingSteps(), 0);
        const FakeHttpServer::Received &first = fake.received().first();
        QCOMPARE(first.method, QByteArray("POST"));
        QCOMPARE(first.path, QByteArray("/events"));
        QCOMPARE(first.body, QByteArray("body0"));
        QCOMPARE(first.header("content-type"), QByteArray("application/vnd.docker.distribution.events.v1+json"));
        QVERIFY(fake.received().at(3).atMs >= first.atMs);
        QVERIFY(fake.connectionCount() >= 1);
    }

    // A step's delay holds the answer back for that long.
    void delayedResponse()
    {
        FakeHttpServer fake;
        fake.enqueue(FakeStep::respond(200, 150));
        QNetworkAccessManager nam;
        QElapsedTimer clock;
        clock.start();
        auto reply = post(nam, fake, "x");
        QTRY_VERIFY(reply->isFinished());
        QVERIFY(clock.elapsed() >= 140);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    }

    // Hang, Close and Reset: no answer, a clean EOF, a TCP reset.
    void faults_data()
    {
        QTest::addColumn<int>("action");
        QTest::addColumn<QAbstractSocket::SocketError>("socketError");
        QTest::newRow("close") << int(FakeStep::Close) << QAbstractSocket::RemoteHostClosedError;
        QTest::newRow("reset") << int(FakeStep::Reset) << QAbstractSocket::RemoteHostClosedError;
    }
    void faults()
    {
        QFETCH(int, action);
        QFETCH(QAbstractSocket::SocketError, socketError);
        FakeHttpServer fake;
        FakeStep step;
        step.action = FakeStep::Action(action);
        fake.enqueue(step);
        RawHttpClient client(fake.port());
        QVERIFY(client.connectToServer());
        client.send("POST /events HTTP/1.1\r\nContent-Length: 1\r\n\r\nx");
        QVERIFY(client.waitForClosed());
        QCOMPARE(client.unreadBytes(), QByteArray());
        QCOMPARE(client.socket().error(), socketError);
        QCOMPARE(fake.requestCount(), 1);
    }

    // Hang: the request is recorded and never answered; the client times out.
    void hangNeverAnswers()
    {
        FakeHttpServer fake;
        fake.enqueue(FakeStep::hang());
        QNetworkAccessManager nam;
        auto reply = post(nam, fake, "x", 200);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 3000);
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        QCOMPARE(fake.requestCount(), 1);
    }

    // Worth knowing for the HTTP sink: when a fresh connection is closed or reset without an
    // answer, QNetworkAccessManager (6.4) silently sends the POST again on a new connection.
    // The receiver sees two requests and the caller only the outcome of the second.
    void qnamResendsAfterNoResponse_data()
    {
        QTest::addColumn<int>("action");
        QTest::newRow("close") << int(FakeStep::Close);
        QTest::newRow("reset") << int(FakeStep::Reset);
    }
    void qnamResendsAfterNoResponse()
    {
        QFETCH(int, action);
        FakeHttpServer fake;
        FakeStep step;
        step.action = FakeStep::Action(action);
        fake.enqueue(step);
        QNetworkAccessManager nam;
        auto reply = post(nam, fake, "x", 2000);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 3000);
        QCOMPARE(fake.requestCount(), 2);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
    }
};

QTEST_GUILESS_MAIN(tst_FakeHttpServer)
#include "tst_fakehttpserver.moc"
