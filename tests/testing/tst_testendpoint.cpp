#include "testing/testendpoint.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace hookscope;
using namespace Qt::StringLiterals;

class tst_TestEndpoint : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QNetworkReply> post(quint16 port, const QString &path = u"/anything"_s)
    {
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(port).arg(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArray("application/vnd.docker.distribution.events.v1+json"));
        request.setTransferTimeout(3000);
        std::unique_ptr<QNetworkReply> reply(
            m_network.post(request, QByteArray("{\"events\":[{\"id\":\"a\"}]}")));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!finished.wait(5000))
            return nullptr;
        return reply;
    }

    static int statusOf(const std::unique_ptr<QNetworkReply> &reply)
    {
        return reply ? reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : -1;
    }

    QNetworkAccessManager m_network;

private Q_SLOTS:
    // An endpoint on its own port answers on any path.
    void ownPortAnswersAnyPath()
    {
        TestEndpoint endpoint(u"own"_s, {});
        QVERIFY(endpoint.listenOwnPort(QHostAddress::LocalHost, 0, nullptr));
        QVERIFY(endpoint.ownPort() != 0);
        QCOMPARE(statusOf(post(endpoint.ownPort(), u"/events"_s)), 200);
        QCOMPARE(endpoint.snapshot().accepted, 1);
    }

    // FailFirst fails exactly the first N requests, then accepts; restarting counts again.
    void failFirstThenSucceed()
    {
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::FailFirst;
        b.failCount = 2;
        TestEndpoint endpoint(u"ff"_s, b);
        QVERIFY(endpoint.listenOwnPort(QHostAddress::LocalHost, 0, nullptr));
        QCOMPARE(statusOf(post(endpoint.ownPort())), 503);
        QCOMPARE(statusOf(post(endpoint.ownPort())), 503);
        QCOMPARE(statusOf(post(endpoint.ownPort())), 200);
        endpoint.restartSchedule();
        QCOMPARE(statusOf(post(endpoint.ownPort())), 503);
        QCOMPARE(endpoint.snapshot().statuses.value(503), 3);
    }

    // A 429 carries the configured Retry-After; successes never do.
    void tooManyRequestsWithRetryAfter()
    {
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::Status;
        b.status = 429;
        b.retryAfter = "2";
        TestEndpoint endpoint(u"limited"_s, b);
        QVERIFY(endpoint.listenOwnPort(QHostAddress::LocalHost, 0, nullptr));
        auto reply = post(endpoint.ownPort());
        QCOMPARE(statusOf(reply), 429);
        QCOMPARE(reply->rawHeader("Retry-After"), QByteArray("2"));
        b.mode = TestEndpointBehaviour::Healthy;
        endpoint.setBehaviour(b);
        reply = post(endpoint.ownPort());
        QCOMPARE(statusOf(reply), 200);
        QVERIFY(!reply->hasRawHeader("Retry-After"));
    }

    // Uniform latency delays each answer by a draw within its bounds.
    void uniformLatency()
    {
        TestEndpointBehaviour b;
        b.delayMs = 40;
        b.latency = TestEndpointBehaviour::Uniform;
        b.delayMaxMs = 90;
        TestEndpoint endpoint(u"lat"_s, b);
        QVERIFY(endpoint.listenOwnPort(QHostAddress::LocalHost, 0, nullptr));
        for (int i = 0; i < 3; ++i) {
            QElapsedTimer clock;
            clock.start();
            QCOMPARE(statusOf(post(endpoint.ownPort())), 200);
            QVERIFY2(clock.elapsed() >= 38, QByteArray::number(clock.elapsed()).constData());
        }
    }

    // A port already taken is reported, not fatal.
    void takenPortIsAnError()
    {
        TestEndpoint first(u"a"_s, {});
        QVERIFY(first.listenOwnPort(QHostAddress::LocalHost, 0, nullptr));
        TestEndpoint second(u"b"_s, {});
        QString error;
        QVERIFY(!second.listenOwnPort(QHostAddress::LocalHost, first.ownPort(), &error));
        QVERIFY(!error.isEmpty());
    }

    // The recent-requests list keeps the newest N, oldest first.
    void recentIsBounded()
    {
        TestEndpoint endpoint(u"r"_s, {});
        endpoint.setRecentLimit(2);
        QVERIFY(endpoint.listenOwnPort(QHostAddress::LocalHost, 0, nullptr));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(statusOf(post(endpoint.ownPort(), u"/p%1"_s.arg(i))), 200);
        const TestEndpointStats s = endpoint.snapshot();
        QCOMPARE(s.recent.size(), 2);
        QCOMPARE(s.recent.at(0).target, QByteArray("/p1"));
        QCOMPARE(s.recent.at(1).target, QByteArray("/p2"));
        QCOMPARE(s.recent.at(1).outcome, u"answered"_s);
    }
};

QTEST_GUILESS_MAIN(tst_TestEndpoint)
#include "tst_testendpoint.moc"
