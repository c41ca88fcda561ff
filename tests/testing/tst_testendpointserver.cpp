#include "testing/testendpointserver.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace hookscope;
using namespace Qt::StringLiterals;

namespace {

const QByteArray EventsV1 = "application/vnd.docker.distribution.events.v1+json";

// An envelope with one event per (id, seq) pair, stamped as the generator stamps them.
QByteArray envelope(const QList<QPair<QByteArray, int>> &events, const QByteArray &stream = "s1")
{
    QByteArray body = "{\"events\":[";
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (i > 0)
            body += ',';
        body += "{\"id\":\"" + events.at(i).first + "\",\"action\":\"push\",\"hookscope\":{\"seq\":"
            + QByteArray::number(events.at(i).second) + ",\"stream\":\"" + stream + "\"}}";
    }
    return body + "]}";
}

} // namespace

class tst_TestEndpointServer : public QObject
{
    Q_OBJECT

private:
    struct Result
    {
        int status = 0;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QByteArray body;
        qint64 elapsedMs = 0;
    };

    // POSTs and waits for the reply; the client gives up after timeoutMs.
    Result post(const QUrl &url, const QByteArray &body = envelope({{"a", 1}}),
                const QByteArray &contentType = EventsV1, int timeoutMs = 3000,
                const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        for (const auto &h : headers)
            request.setRawHeader(h.first, h.second);
        request.setTransferTimeout(timeoutMs);
        QElapsedTimer clock;
        clock.start();
        std::unique_ptr<QNetworkReply> reply(m_network->post(request, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!finished.wait(timeoutMs + 2000))
            return {};
        Result r;
        r.elapsedMs = clock.elapsed();
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.error = reply->error();
        if (reply->isOpen())
            r.body = reply->readAll();
        return r;
    }

    TestEndpointStats stats(const QString &name)
    {
        const auto s = m_server->stats(name);
        return s ? *s : TestEndpointStats();
    }

    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<TestEndpointServer> m_server;

private Q_SLOTS:
    void init()
    {
        m_network = std::make_unique<QNetworkAccessManager>();
        m_server = std::make_unique<TestEndpointServer>();
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    }

    void cleanup()
    {
        m_server.reset();
        m_network.reset();
    }

    // A healthy endpoint answers 200, counts the request and the accepted event.
    void healthyAccepts()
    {
        QVERIFY(m_server->addEndpoint(u"ok"_s));
        QCOMPARE(m_server->url(u"ok"_s).toString(),
                 u"http://127.0.0.1:%1/t/ok"_s.arg(m_server->port()));
        const Result r = post(m_server->url(u"ok"_s));
        QCOMPARE(r.status, 200);
        const TestEndpointStats s = stats(u"ok"_s);
        QCOMPARE(s.requests, 1);
        QCOMPARE(s.accepted, 1);
        QCOMPARE(s.statuses.value(200), 1);
        QCOMPARE(s.checks.envelopes, 1);
        QCOMPARE(s.checks.uniqueIds, 1);
        QCOMPARE(s.recent.size(), 1);
        QCOMPARE(s.recent.first().firstEventId, QByteArray("a"));
    }

    // A path that names no endpoint is a 404, and endpoints only see their own requests.
    void unknownPathIs404()
    {
        QVERIFY(m_server->addEndpoint(u"ok"_s));
        QUrl url = m_server->url(u"ok"_s);
        url.setPath(u"/t/nope"_s);
        QCOMPARE(post(url).status, 404);
        QCOMPARE(stats(u"ok"_s).requests, 0);
    }

    // Status mode answers the configured code and body; a behaviour change applies to the next request.
    void statusModeAndLiveEdit()
    {
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::Status;
        b.status = 503;
        b.body = "busy";
        QVERIFY(m_server->addEndpoint(u"s"_s, b));
        Result r = post(m_server->url(u"s"_s));
        QCOMPARE(r.status, 503);
        QCOMPARE(r.body, QByteArray("busy"));
        QVERIFY(m_server->setBehaviour(u"s"_s, TestEndpointBehaviour()));
        QCOMPARE(post(m_server->url(u"s"_s)).status, 200);
        const TestEndpointStats s = stats(u"s"_s);
        QCOMPARE(s.rejected, 1);
        QCOMPARE(s.accepted, 1);
        QCOMPARE(s.checks.envelopes, 1);   // the rejected envelope is not "accepted"
    }

    // Invalid names, statuses and rates are refused with a message and nothing is added.
    void refusesInvalidConfiguration()
    {
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::Status;
        b.status = 42;
        QString error;
        QVERIFY(!m_server->addEndpoint(u"bad"_s, b, &error));
        QVERIFY(error.contains(u"42"_s));
        QVERIFY(!m_server->addEndpoint(u"a/b"_s, {}, &error));
        QVERIFY(m_server->addEndpoint(u"x"_s));
        QVERIFY(!m_server->addEndpoint(u"x"_s, {}, &error));
        b.mode = TestEndpointBehaviour::FailRate;
        b.failRate = 1.5;
        QVERIFY(!m_server->setBehaviour(u"x"_s, b, &error));
        QCOMPARE(m_server->endpointNames(), QStringList{u"x"_s});
    }

    // FailRate with a fixed seed fails roughly that fraction with 5xx, and the same seed gives the same count.
    void failRateSeeded()
    {
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::FailRate;
        b.failRate = 0.3;
        b.seed = 42;
        QVERIFY(m_server->addEndpoint(u"f1"_s, b));
        QVERIFY(m_server->addEndpoint(u"f2"_s, b));
        for (int i = 0; i < 100; ++i) {
            const QByteArray id = "e" + QByteArray::number(i);
            const int s1 = post(m_server->url(u"f1"_s), envelope({{id, i + 1}})).status;
            QVERIFY(s1 == 200 || (s1 >= 500 && s1 <= 504));
            QCOMPARE(post(m_server->url(u"f2"_s), envelope({{id, i + 1}})).status, s1);
        }
        const TestEndpointStats s = stats(u"f1"_s);
        QVERIFY2(s.rejected >= 15 && s.rejected <= 45, QByteArray::number(s.rejected).constData());
        QCOMPARE(s.statuses, stats(u"f2"_s).statuses);
    }

    // Down on its own port closes the listener: the client's connection is refused.
    void downOnOwnPortRefuses()
    {
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::Down;
        QVERIFY(m_server->addEndpointOnOwnPort(u"d"_s, b));
        const QUrl url = m_server->url(u"d"_s);
        QVERIFY(url.port() != m_server->port());
        QCOMPARE(post(url).error, QNetworkReply::ConnectionRefusedError);
        TestEndpointStats s = stats(u"d"_s);
        QVERIFY(s.ownPort && !s.listening && s.down);
        QVERIFY(m_server->setBehaviour(u"d"_s, TestEndpointBehaviour()));
        QCOMPARE(post(url).status, 200);
    }

    // Down on the shared port resets the connection (or closes it without an answer).
    void downOnSharedPortResetsOrCloses()
    {
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::Down;
        QVERIFY(m_server->addEndpoint(u"r"_s, b));
        Result r = post(m_server->url(u"r"_s));
        QCOMPARE(r.status, 0);
        // Qt reports ECONNRESET as RemoteHostClosedError; QNAM also resends a request once on
        // its own when the connection dies before any answer, so the endpoint sees one or two.
        QCOMPARE(r.error, QNetworkReply::RemoteHostClosedError);
        const qint64 resets = stats(u"r"_s).resets;
        QVERIFY(resets >= 1 && resets <= 2);
        b.downStyle = TestEndpointBehaviour::Close;
        QVERIFY(m_server->setBehaviour(u"r"_s, b));
        r = post(m_server->url(u"r"_s));
        QCOMPARE(r.status, 0);
        QCOMPARE(r.error, QNetworkReply::RemoteHostClosedError);
        const qint64 closes = stats(u"r"_s).closes;
        QVERIFY(closes >= 1 && closes <= 2);
        QCOMPARE(stats(u"r"_s).accepted, 0);
    }

    // The close and reset modes act on every request even on an endpoint's own port, where the
    // listener stays open (unlike down): the client connects, sends, and gets EOF or RST.
    void closeAndResetModes_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("ownPort");
        QTest::newRow("close shared") << int(TestEndpointBehaviour::CloseConnection) << false;
        QTest::newRow("reset shared") << int(TestEndpointBehaviour::ResetConnection) << false;
        QTest::newRow("close own port") << int(TestEndpointBehaviour::CloseConnection) << true;
        QTest::newRow("reset own port") << int(TestEndpointBehaviour::ResetConnection) << true;
    }
    void closeAndResetModes()
    {
        QFETCH(int, mode);
        QFETCH(bool, ownPort);
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::Mode(mode);
        QVERIFY(ownPort ? m_server->addEndpointOnOwnPort(u"c"_s, b) : m_server->addEndpoint(u"c"_s, b));
        const Result r = post(m_server->url(u"c"_s));
        QCOMPARE(r.status, 0);
        // Qt reports both EOF and ECONNRESET before an answer as RemoteHostClosedError (and re-sends
        // once on its own, so one or two requests arrive).
        QCOMPARE(r.error, QNetworkReply::RemoteHostClosedError);
        const TestEndpointStats s = stats(u"c"_s);
        const qint64 counted = b.mode == TestEndpointBehaviour::CloseConnection ? s.closes : s.resets;
        QVERIFY(counted >= 1 && counted <= 2);
        QCOMPARE(s.requests, counted);
        QCOMPARE(s.accepted, 0);
        QVERIFY(!s.down);
        QCOMPARE(s.listening, ownPort);
        QCOMPARE(s.recent.last().outcome, b.mode == TestEndpointBehaviour::CloseConnection ? u"closed"_s : u"reset"_s);
    }

    // Slow-body: the status and headers come at once, the body over bodyMs; the receiver accepted.
    void slowBodyTricklesTheAnswer()
    {
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::SlowBody;
        b.bodyBytes = 500;
        b.bodyMs = 200;
        QVERIFY(m_server->addEndpoint(u"sb"_s, b));
        const Result r = post(m_server->url(u"sb"_s));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body.size(), 500);
        QVERIFY(r.body.startsWith("OK\n"));
        QVERIFY2(r.elapsedMs >= 180, QByteArray::number(r.elapsedMs).constData());
        QCOMPARE(stats(u"sb"_s).checks.envelopes, 1);
    }

    // Garbage: the client gets bytes that are no HTTP response and no status; nothing accepted.
    void garbageIsNoAnswer()
    {
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::Garbage;
        QVERIFY(m_server->addEndpoint(u"g"_s, b));
        const Result r = post(m_server->url(u"g"_s));
        QCOMPARE(r.status, 0);
        QVERIFY(r.error != QNetworkReply::NoError);
        const TestEndpointStats s = stats(u"g"_s);
        QVERIFY(s.garbage >= 1);
        QCOMPARE(s.accepted, 0);
        QCOMPARE(s.checks.envelopes, 0);
    }

    // A port already taken: the endpoint is refused with the port in the message and not added;
    // the server and its other endpoints keep running.
    void portTakenIsRefused()
    {
        QVERIFY(m_server->addEndpointOnOwnPort(u"first"_s));
        const quint16 taken = quint16(m_server->url(u"first"_s).port());
        QString error;
        QVERIFY(!m_server->addEndpointOnOwnPort(u"second"_s, {}, taken, &error));
        QVERIFY2(error.contains(QString::number(taken)), qPrintable(error));
        QVERIFY(!m_server->hasEndpoint(u"second"_s));
        QCOMPARE(post(m_server->url(u"first"_s)).status, 200);
    }

    // Hang never answers: the client's own timeout ends the exchange.
    void hangHoldsUntilClientTimeout()
    {
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::Hang;
        QVERIFY(m_server->addEndpoint(u"h"_s, b));
        const Result r = post(m_server->url(u"h"_s), envelope({{"a", 1}}), EventsV1, 150);
        QCOMPARE(r.error, QNetworkReply::OperationCanceledError);
        QVERIFY(r.elapsedMs >= 140);
        QCOMPARE(stats(u"h"_s).hangs, 1);
        QCOMPARE(stats(u"h"_s).accepted, 0);
    }

    // Slow answers 200 no sooner than its delay.
    void slowAnswersAfterDelay()
    {
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::Slow;
        b.delayMs = 120;
        QVERIFY(m_server->addEndpoint(u"slow"_s, b));
        const Result r = post(m_server->url(u"slow"_s));
        QCOMPARE(r.status, 200);
        QVERIFY2(r.elapsedMs >= 115, QByteArray::number(r.elapsedMs).constData());
    }

    // A slow answer past the client's timeout is still processed, so the retry is a duplicate.
    void slowPastTimeoutMakesDuplicate()
    {
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::Slow;
        b.delayMs = 150;
        QVERIFY(m_server->addEndpoint(u"slow"_s, b));
        QCOMPARE(post(m_server->url(u"slow"_s), envelope({{"a", 1}}), EventsV1, 50).error,
                 QNetworkReply::OperationCanceledError);
        QTRY_COMPARE_WITH_TIMEOUT(stats(u"slow"_s).accepted, 1, 2000);
        QCOMPARE(post(m_server->url(u"slow"_s), envelope({{"a", 1}})).status, 200);
        const TestEndpointStats s = stats(u"slow"_s);
        QCOMPARE(s.checks.uniqueIds, 1);
        QCOMPARE(s.checks.duplicates, 1);
    }

    // Strict media type answers 415 unless the events v1/v2 type; requireHeader answers 401 without it.
    void strictMediaTypeAndRequiredHeader()
    {
        TestEndpointBehaviour b;
        b.strictMediaType = true;
        b.requireHeader = "Authorization: Bearer t";
        QVERIFY(m_server->addEndpoint(u"m"_s, b));
        const QUrl url = m_server->url(u"m"_s);
        const QList<QPair<QByteArray, QByteArray>> auth = {{"Authorization", "Bearer t"}};
        QCOMPARE(post(url, envelope({{"a", 1}}), "application/json", 3000, auth).status, 415);
        QCOMPARE(post(url, envelope({{"a", 1}}), EventsV1).status, 401);
        QCOMPARE(post(url, envelope({{"a", 1}}), EventsV1, 3000, auth).status, 200);
        QCOMPARE(post(url, envelope({{"b", 2}}),
                      "application/vnd.docker.distribution.events.v2+json", 3000, auth).status,
                 200);
        QCOMPARE(stats(u"m"_s).statuses.value(415), 1);
    }

    // DownThenHeal refuses on its own port for downMs, then answers, and restarts on request.
    void downThenHealHealsOnTime()
    {
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::DownThenHeal;
        b.downMs = 300;
        QElapsedTimer clock;
        clock.start();
        QVERIFY(m_server->addEndpointOnOwnPort(u"heal"_s, b));
        const QUrl url = m_server->url(u"heal"_s);
        QCOMPARE(post(url).error, QNetworkReply::ConnectionRefusedError);
        QTRY_VERIFY_WITH_TIMEOUT(stats(u"heal"_s).listening, 2000);
        QVERIFY2(clock.elapsed() >= 290, QByteArray::number(clock.elapsed()).constData());
        QCOMPARE(post(url).status, 200);
        QVERIFY(m_server->restartSchedule(u"heal"_s));
        QVERIFY(!stats(u"heal"_s).listening);
        QCOMPARE(post(url).error, QNetworkReply::ConnectionRefusedError);
    }

    // Flap alternates down and up phases on its own port.
    void flapAlternates()
    {
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::Flap;
        b.downMs = 150;
        b.upMs = 150;
        QVERIFY(m_server->addEndpointOnOwnPort(u"flap"_s, b));
        QVERIFY(stats(u"flap"_s).down);
        QTRY_VERIFY_WITH_TIMEOUT(stats(u"flap"_s).listening, 1000);
        QTRY_VERIFY_WITH_TIMEOUT(!stats(u"flap"_s).listening, 1000);
        QTRY_VERIFY_WITH_TIMEOUT(stats(u"flap"_s).listening, 1000);
    }

    // Duplicates by id, reordering by sequence stamp, multi-event envelopes and bad JSON are counted.
    void receiverChecks()
    {
        QVERIFY(m_server->addEndpoint(u"c"_s));
        const QUrl url = m_server->url(u"c"_s);
        QCOMPARE(post(url, envelope({{"e1", 1}})).status, 200);
        QCOMPARE(post(url, envelope({{"e3", 3}})).status, 200);
        QCOMPARE(post(url, envelope({{"e2", 2}})).status, 200);   // arrives after 3: reordered
        QCOMPARE(post(url, envelope({{"e3", 3}})).status, 200);   // redelivery: a duplicate only
        QCOMPARE(post(url, envelope({{"e5", 5}, {"e6", 6}})).status, 200);
        QCOMPARE(post(url, envelope({{"x1", 1}}, "other")).status, 200);   // another stream
        QCOMPARE(post(url, "{not json").status, 400);
        QCOMPARE(post(url, "{\"events\":{}}").status, 400);
        const TestEndpointStats s = stats(u"c"_s);
        QCOMPARE(s.checks.envelopes, 6);
        QCOMPARE(s.checks.events, 7);
        QCOMPARE(s.checks.uniqueIds, 6);
        QCOMPARE(s.checks.duplicates, 1);
        QCOMPARE(s.checks.outOfOrder, 1);
        QCOMPARE(s.checks.multiEventEnvelopes, 1);
        QCOMPARE(s.checks.badJson, 2);
        QCOMPARE(s.checks.sequenceGaps, 1);   // stamp 4 of s1 never arrived
        QCOMPARE(m_server->missing(u"c"_s, u"s1"_s, 7), 2);   // 4 and 7
        QVERIFY(m_server->resetStats(u"c"_s));
        QCOMPARE(stats(u"c"_s).checks, ReceiverCheckCounts());
    }

    // The snapshot is a value that can be read from another thread while the endpoint runs.
    void snapshotFromAnotherThread()
    {
        QVERIFY(m_server->addEndpoint(u"a"_s));
        QVERIFY(m_server->addEndpoint(u"b"_s));
        QList<TestEndpointStats> seen;
        std::unique_ptr<QThread> reader(QThread::create([this, &seen] {
            for (int i = 0; i < 200; ++i)
                seen = m_server->snapshot();
        }));
        reader->start();
        for (int i = 0; i < 20; ++i)
            QCOMPARE(post(m_server->url(u"a"_s), envelope({{QByteArray::number(i), i + 1}})).status, 200);
        QVERIFY(reader->wait(5000));
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen.first().name, u"a"_s);
        QCOMPARE(m_server->snapshot().first().accepted, 20);
    }

    // Behaviour changes requested from another thread are applied on the server's thread.
    void setBehaviourFromAnotherThread()
    {
        QVERIFY(m_server->addEndpoint(u"a"_s));
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::Status;
        b.status = 500;
        std::unique_ptr<QThread> writer(QThread::create([this, b] {
            m_server->setBehaviour(u"a"_s, b);
        }));
        writer->start();
        QVERIFY(writer->wait(5000));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->behaviour(u"a"_s)->status, 500, 2000);
        QCOMPARE(post(m_server->url(u"a"_s)).status, 500);
    }
};

QTEST_GUILESS_MAIN(tst_TestEndpointServer)
#include "tst_testendpointserver.moc"
