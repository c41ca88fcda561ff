#include "fakehttpserver.h"
#include "model/envelope.h"
#include "sinks/httpsink.h"
#include "testevents.h"

#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

struct Outcome
{
    int calls = 0;
    SinkResult result;
    Sink::Done done()
    {
        return [this](const SinkResult &r) {
            ++calls;
            result = r;
        };
    }
};

quint16 unusedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();   // closed again when probe goes away: nothing listens there
}

} // namespace

class tst_HttpSink final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The request is what registry 2.8.2 sends: POST, v1 media type, the envelope, configured headers.
    void requestShape()
    {
        FakeHttpServer server;
        QNetworkAccessManager network;
        HttpSink sink(&network, {server.url(QStringLiteral("/hook")),
                                 {{QStringLiteral("Authorization"), {QStringLiteral("Bearer fixture-token")}},
                                  {QStringLiteral("X-Multi"), {QStringLiteral("a"), QStringLiteral("b")}}},
                                 1000});
        QList<AttemptRecord> attempts;
        sink.setAttemptObserver([&](const AttemptRecord &a) { attempts.append(a); });
        const EventBlock block = makeEvents(1);
        Outcome o;
        sink.write(block, o.done());
        QTRY_COMPARE(o.calls, 1);
        QCOMPARE(o.result.kind, SinkResult::Ok);
        QCOMPARE(server.requestCount(), 1);
        const auto &r = server.received().first();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.path, QByteArray("/hook"));
        QCOMPARE(r.header("Content-Type"), QByteArray(Envelope::MediaTypeV1));
        QCOMPARE(r.header("Authorization"), QByteArray("Bearer fixture-token"));
        QCOMPARE(r.header("X-Multi"), QByteArray("a, b"));
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
        HttpSink sink(&network, {server.url(), {}, 2000});
        QList<AttemptRecord> attempts;
        sink.setAttemptObserver([&](const AttemptRecord &a) { attempts.append(a); });
        Outcome o;
        sink.write(makeEvents(1), o.done());
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
        HttpSink sink(&network, {server.url(), {}, 2000});
        Outcome o;
        sink.write(makeEvents(1), o.done());
        QTRY_COMPARE(o.calls, 1);
        QCOMPARE(o.result.kind, SinkResult::Ok);
        QCOMPARE(server.requestCount(), 2);
        QCOMPARE(server.received().at(1).method, QByteArray("POST"));
        QCOMPARE(server.received().at(1).path, QByteArray("/moved"));
        QCOMPARE(server.received().at(1).body, server.received().at(0).body);
    }

    // No response at all is an Error, classified: refused, reset, timeout.
    void refusedIsError()
    {
        QNetworkAccessManager network;
        HttpSink sink(&network, {QUrl(QStringLiteral("http://127.0.0.1:%1/events").arg(unusedPort())), {}, 2000});
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
        HttpSink sink(&network, {server.url(), {}, 2000});
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
        HttpSink sink(&network, {server.url(), {}, 150});
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
        HttpSink sink(&network, {server.url(), {}, 10000});
        QList<AttemptRecord> attempts;
        sink.setAttemptObserver([&](const AttemptRecord &a) { attempts.append(a); });
        Outcome o;
        sink.write(makeEvents(1), o.done());
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
        HttpSink sink(&network, {server.url(), {}, 2000});
        QList<AttemptRecord> attempts;
        sink.setAttemptObserver([&](const AttemptRecord &a) { attempts.append(a); });
        Outcome o;
        sink.write(makeEvents(1), o.done());
        QTRY_COMPARE(o.calls, 1);
        QCOMPARE(attempts.first().responseBody.size(), AttemptRecord::BodyCaptureLimit);
        QCOMPARE(attempts.first().reason, QStringLiteral("Bad Request"));
    }
};

QTEST_GUILESS_MAIN(tst_HttpSink)
#include "tst_httpsink.moc"
