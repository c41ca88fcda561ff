#include "core/engine/endpoint.h"
#include "core/model/eventrecord.h"
#include "testing/testendpointserver.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QTest>

#include <memory>

using namespace hookscope;
using namespace Qt::StringLiterals;

namespace {

const QString Stream = u"matrix-stream"_s;
const QString Name = u"t"_s;

// A registry-shaped push event carrying the generator's sequence stamp, so the receiver checks
// can tell order and loss (see SequenceStamp).
EventPtr stampedEvent(quint64 seq)
{
    const QByteArray id = "fm-" + QByteArray::number(seq);
    const QByteArray json = "{\"id\":\"" + id + "\",\"timestamp\":\"2026-11-27T18:55:52.501344571Z\","
        "\"action\":\"push\",\"target\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        "\"size\":471,\"digest\":\"sha256:c5856a990423e4d2222b8209b6503fbce248a4c628e4443b7758d1b3dd456287\","
        "\"repository\":\"demo/hello\"},\"request\":{\"id\":\"r\",\"addr\":\"127.0.0.1:1\","
        "\"host\":\"127.0.0.1:5000\",\"method\":\"PUT\",\"useragent\":\"test\"},\"actor\":{},"
        "\"source\":{\"addr\":\"vm:5000\",\"instanceID\":\"i-1\"},"
        "\"hookscope\":{\"seq\":" + QByteArray::number(seq) + ",\"stream\":\"" + Stream.toUtf8() + "\"}}";
    QString error;
    EventPtr event = EventRecord::fromJson(json, &error);
    Q_ASSERT_X(event, "stampedEvent", qPrintable(error));
    return event;
}

// One test endpoint and the real dispatcher endpoint (queue, RetryingSink, HttpSink over a
// QNetworkAccessManager) pointed at it, both on this thread.
class Rig
{
public:
    struct Settings
    {
        int timeoutMs = 300;    // small, so timeouts happen quickly; the registry's is 1 s
        int threshold = 10;     // the registry's default
        int backoffMs = 50;
        bool ownPort = false;   // Down / DownThenHeal refuse connections only on their own port
    };

    bool start(const TestEndpointBehaviour &behaviour, const Settings &settings)
    {
        QString error;
        const bool ok = m_server.listen(QHostAddress::LocalHost, 0, &error)
            && (settings.ownPort ? m_server.addEndpointOnOwnPort(Name, behaviour, 0, &error)
                                 : m_server.addEndpoint(Name, behaviour, &error));
        if (!ok) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        EndpointConfig config;
        config.name = u"ep"_s;
        config.url = m_server.url(Name).toString();
        config.timeoutNs = qint64(settings.timeoutMs) * 1'000'000;
        config.threshold = settings.threshold;
        config.backoffNs = qint64(settings.backoffMs) * 1'000'000;
        m_endpoint = std::make_unique<Endpoint>(config, &m_network);
        return true;
    }

    // Events with the next n stamps; the receiver is told they were sent (as the generator does).
    void send(int n)
    {
        for (int i = 0; i < n; ++i)
            m_endpoint->write(EventBlock{stampedEvent(++m_sent)});
        m_server.noteSent(Stream, m_sent);
    }

    void setBehaviour(const TestEndpointBehaviour &behaviour) { m_server.setBehaviour(Name, behaviour); }
    RegistryMetrics metrics() const { return m_endpoint->snapshot().metrics; }
    TestEndpointStats stats() const { return *m_server.stats(Name); }
    ReceiverCheckCounts checks() const { return stats().checks; }
    qint64 sent() const { return qint64(m_sent); }

private:
    TestEndpointServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<Endpoint> m_endpoint;   // declared last: gone before the network and server
    quint64 m_sent = 0;
};

TestEndpointBehaviour modeOnly(TestEndpointBehaviour::Mode mode)
{
    TestEndpointBehaviour b;
    b.mode = mode;
    return b;
}

} // namespace

// Every fault mode of the built-in test endpoints against the real HttpSink: what the
// registry-faithful metrics say (Success = a 2xx/3xx, Failure = any other status, Error = no
// response), and what the receiver checks saw. Where a fault is healed, the queue must drain with
// nothing lost.
class tst_FaultMatrix final : public QObject
{
    Q_OBJECT

private:
    // After a fault: heal the receiver and check the queue drains, each event accepted (at least)
    // once, nothing lost.
    static void healAndDrain(Rig &rig, qint64 expectedDuplicates = 0)
    {
        rig.setBehaviour(modeOnly(TestEndpointBehaviour::Healthy));
        QTRY_COMPARE_WITH_TIMEOUT(rig.metrics().pending, 0, 5000);
        QCOMPARE(rig.metrics().successes, rig.sent());
        const ReceiverCheckCounts c = rig.checks();
        QCOMPARE(c.uniqueIds, rig.sent());
        QCOMPARE(c.lost, 0);
        QCOMPARE(c.sent, rig.sent());
        QCOMPARE(c.duplicates, expectedDuplicates);
        QCOMPARE(c.outOfOrder, 0);
    }

private Q_SLOTS:
    // Baseline: a healthy receiver takes everything once, in order.
    void healthy()
    {
        Rig rig;
        QVERIFY(rig.start(modeOnly(TestEndpointBehaviour::Healthy), {}));
        rig.send(5);
        QTRY_COMPARE(rig.metrics().successes, 5);
        const RegistryMetrics m = rig.metrics();
        QCOMPARE(m.failures, 0);
        QCOMPARE(m.errors, 0);
        QCOMPARE(m.statuses, (QMap<QString, qint64>{{u"200 OK"_s, 5}}));
        const ReceiverCheckCounts c = rig.checks();
        QCOMPARE(c.envelopes, 5);
        QCOMPARE(c.duplicates, 0);
        QCOMPARE(c.lost, 0);
    }

    // A reset (RST after reading the request) is an Error: no status. QNAM re-sends a request once
    // when its connection drops before any response byte (docs/ARCHITECTURE.md), so the receiver
    // may count up to two resets per Error; never fewer than one.
    void resetIsAnError()
    {
        Rig rig;
        QVERIFY(rig.start(modeOnly(TestEndpointBehaviour::ResetConnection), {}));
        rig.send(2);
        QTRY_VERIFY(rig.metrics().errors >= 2);
        const RegistryMetrics m = rig.metrics();
        QCOMPARE(m.successes, 0);
        QCOMPARE(m.failures, 0);
        QVERIFY(m.statuses.isEmpty());
        const TestEndpointStats s = rig.stats();
        QVERIFY(s.resets >= m.errors);
        QVERIFY2(s.resets <= 2 * (m.errors + 1), qPrintable(u"%1 resets for %2 errors"_s.arg(s.resets).arg(m.errors)));
        QCOMPARE(s.checks.envelopes, 0);   // nothing was accepted
        QCOMPARE(s.checks.lost, 2);        // both sent, neither accepted yet
        healAndDrain(rig);
    }

    // Close without answering (FIN) is an Error too, with the same QNAM re-send.
    void closeIsAnError()
    {
        Rig rig;
        QVERIFY(rig.start(modeOnly(TestEndpointBehaviour::CloseConnection), {}));
        rig.send(2);
        QTRY_VERIFY(rig.metrics().errors >= 2);
        const RegistryMetrics m = rig.metrics();
        QCOMPARE(m.successes, 0);
        QCOMPARE(m.failures, 0);
        QVERIFY(m.statuses.isEmpty());
        const TestEndpointStats s = rig.stats();
        QVERIFY(s.closes >= m.errors);
        QVERIFY(s.closes <= 2 * (m.errors + 1));
        QCOMPARE(s.checks.envelopes, 0);
        healAndDrain(rig);
    }

    // Bytes that are not HTTP, then EOF: the client gets no status, so an Error.
    void garbageIsAnError()
    {
        Rig rig;
        QVERIFY(rig.start(modeOnly(TestEndpointBehaviour::Garbage), {}));
        rig.send(1);
        QTRY_VERIFY(rig.metrics().errors >= 2);
        const RegistryMetrics m = rig.metrics();
        QCOMPARE(m.successes, 0);
        QCOMPARE(m.failures, 0);
        QVERIFY(m.statuses.isEmpty());
        const TestEndpointStats s = rig.stats();
        // QNAM does not take the garbage for a response (no status line) and treats it like a
        // connection dropped before answering: it re-sends once, so up to two per Error.
        QVERIFY2(s.garbage >= m.errors && s.garbage <= 2 * (m.errors + 1),
                 qPrintable(u"%1 garbage answers for %2 errors"_s.arg(s.garbage).arg(m.errors)));
        QCOMPARE(s.checks.envelopes, 0);
        healAndDrain(rig);
    }

    // A 503 is a Failure keyed by its status line; the receiver rejected, did not accept.
    void status503IsAFailure()
    {
        Rig rig;
        TestEndpointBehaviour b = modeOnly(TestEndpointBehaviour::Status);
        b.status = 503;
        QVERIFY(rig.start(b, {}));
        rig.send(1);
        QTRY_VERIFY(rig.metrics().failures >= 3);
        const RegistryMetrics m = rig.metrics();
        QCOMPARE(m.successes, 0);
        QCOMPARE(m.errors, 0);
        QCOMPARE(m.statuses.keys(), QStringList{u"503 Service Unavailable"_s});
        QCOMPARE(m.statuses.value(u"503 Service Unavailable"_s), m.failures);
        const TestEndpointStats s = rig.stats();
        QVERIFY(s.rejected >= m.failures);
        QCOMPARE(s.accepted, 0);
        QCOMPARE(s.checks.envelopes, 0);
        healAndDrain(rig);
        QCOMPARE(rig.metrics().statuses.value(u"200 OK"_s), 1);
    }

    // 429 with Retry-After is a Failure like any status >= 400 (the registry ignores
    // Retry-After and retries on its own schedule; so does hookscope by default).
    void rateLimitedIsAFailure()
    {
        Rig rig;
        TestEndpointBehaviour b = modeOnly(TestEndpointBehaviour::Status);
        b.status = 429;
        b.retryAfter = "1";
        QVERIFY(rig.start(b, {}));
        rig.send(1);
        QTRY_VERIFY(rig.metrics().failures >= 2);
        const RegistryMetrics m = rig.metrics();
        QCOMPARE(m.errors, 0);
        QCOMPARE(m.statuses.keys(), QStringList{u"429 Too Many Requests"_s});
        QCOMPARE(rig.stats().statuses.value(429), rig.stats().rejected);
        healAndDrain(rig);
    }

    // A receiver that never answers: the attempt times out, an Error. The receiver saw the
    // request but accepted nothing.
    void hangPastTheTimeoutIsAnError()
    {
        Rig rig;
        QVERIFY(rig.start(modeOnly(TestEndpointBehaviour::Hang), {}));
        QElapsedTimer clock;
        clock.start();
        rig.send(1);
        QTRY_COMPARE_WITH_TIMEOUT(rig.metrics().errors, 1, 3000);
        QVERIFY(clock.elapsed() >= 250);   // the 300 ms timeout, not an early failure
        QCOMPARE(rig.metrics().failures, 0);
        QVERIFY(rig.stats().hangs >= 1);
        QCOMPARE(rig.checks().envelopes, 0);
        healAndDrain(rig);
    }

    // A slow answer past the timeout: the sender gives up (an Error) but the receiver processes
    // the envelope anyway, so the retry delivers it a second time: one duplicate. Threshold 1
    // with a 600 ms backoff holds the retry back until the receiver has been healed.
    void slowAnswerPastTheTimeoutGivesADuplicate()
    {
        Rig rig;
        TestEndpointBehaviour b = modeOnly(TestEndpointBehaviour::Slow);
        b.delayMs = 450;
        Rig::Settings settings;
        settings.threshold = 1;
        settings.backoffMs = 600;
        QVERIFY(rig.start(b, settings));
        rig.send(1);
        QTRY_COMPARE_WITH_TIMEOUT(rig.metrics().errors, 1, 3000);
        QCOMPARE(rig.checks().envelopes, 0);   // still "processing"
        rig.setBehaviour(modeOnly(TestEndpointBehaviour::Healthy));
        QTRY_COMPARE_WITH_TIMEOUT(rig.checks().envelopes, 1, 3000);   // the late one landed
        QCOMPARE(rig.metrics().successes, 0);
        QTRY_COMPARE_WITH_TIMEOUT(rig.metrics().successes, 1, 3000);
        const RegistryMetrics m = rig.metrics();
        QCOMPARE(m.errors, 1);
        QCOMPARE(m.failures, 0);
        const ReceiverCheckCounts c = rig.checks();
        QCOMPARE(c.envelopes, 2);
        QCOMPARE(c.duplicates, 1);
        QCOMPARE(c.lost, 0);
    }

    // A body trickled in within the timeout is a plain success, decided at the headers (the
    // delivery does not wait for the body: Go's client returns there, the registry never reads it).
    void slowBodyWithinTheTimeoutSucceeds()
    {
        Rig rig;
        TestEndpointBehaviour b = modeOnly(TestEndpointBehaviour::SlowBody);
        b.bodyBytes = 2000;
        b.bodyMs = 250;
        Rig::Settings settings;
        settings.timeoutMs = 1000;   // the registry's
        QVERIFY(rig.start(b, settings));
        rig.send(2);
        QTRY_COMPARE_WITH_TIMEOUT(rig.metrics().successes, 2, 5000);
        const RegistryMetrics m = rig.metrics();
        QCOMPARE(m.errors, 0);
        QCOMPARE(m.failures, 0);
        QCOMPARE(m.statuses, (QMap<QString, qint64>{{u"200 OK"_s, 2}}));
        const ReceiverCheckCounts c = rig.checks();
        QCOMPARE(c.envelopes, 2);
        QCOMPARE(c.duplicates, 0);
        QCOMPARE(c.lost, 0);
    }

    // A body still trickling when the timeout fires: the status line had arrived, so this is a
    // Success, as in the registry (Go's client returns at the headers and the registry's sink
    // never reads the body). The attempt ends at the timeout, not when the body would have.
    void slowBodyPastTheTimeoutIsStillASuccess()
    {
        Rig rig;
        TestEndpointBehaviour b = modeOnly(TestEndpointBehaviour::SlowBody);
        b.bodyBytes = 1000;
        b.bodyMs = 1500;
        QVERIFY(rig.start(b, {}));   // 300 ms timeout
        QElapsedTimer clock;
        clock.start();
        rig.send(1);
        QTRY_COMPARE_WITH_TIMEOUT(rig.metrics().successes, 1, 3000);
        QVERIFY2(clock.elapsed() < 1200, qPrintable(QString::number(clock.elapsed())));
        const RegistryMetrics m = rig.metrics();
        QCOMPARE(m.errors, 0);
        QCOMPARE(m.statuses, (QMap<QString, qint64>{{u"200 OK"_s, 1}}));
        const ReceiverCheckCounts c = rig.checks();
        QCOMPARE(c.envelopes, 1);
        QCOMPARE(c.duplicates, 0);
        QCOMPARE(c.lost, 0);
    }

    // Fail the first 3, then succeed: 3 Failures, then everything arrives, nothing lost.
    void failFirstThenSucceed()
    {
        Rig rig;
        TestEndpointBehaviour b = modeOnly(TestEndpointBehaviour::FailFirst);
        b.failCount = 3;
        b.status = 503;
        QVERIFY(rig.start(b, {}));
        rig.send(4);
        QTRY_COMPARE_WITH_TIMEOUT(rig.metrics().successes, 4, 5000);
        const RegistryMetrics m = rig.metrics();
        QCOMPARE(m.failures, 3);
        QCOMPARE(m.errors, 0);
        QCOMPARE(m.pending, 0);
        QCOMPARE(m.statuses, (QMap<QString, qint64>{{u"503 Service Unavailable"_s, 3}, {u"200 OK"_s, 4}}));
        const ReceiverCheckCounts c = rig.checks();
        QCOMPARE(c.envelopes, 4);
        QCOMPARE(c.duplicates, 0);
        QCOMPARE(c.outOfOrder, 0);
        QCOMPARE(c.lost, 0);
    }

    // Down (connections refused on its own port) for 600 ms, then healthy: Errors while down,
    // then the queue drains in order with nothing lost.
    void downThenHealDrains()
    {
        Rig rig;
        TestEndpointBehaviour b = modeOnly(TestEndpointBehaviour::DownThenHeal);
        b.downMs = 600;
        Rig::Settings settings;
        settings.ownPort = true;
        QVERIFY(rig.start(b, settings));
        rig.send(5);
        QTRY_VERIFY(rig.metrics().errors >= 1);
        QCOMPARE(rig.stats().requests, 0);   // refused: nothing reached the receiver
        QCOMPARE(rig.checks().lost, 5);
        QTRY_COMPARE_WITH_TIMEOUT(rig.metrics().successes, 5, 5000);
        const RegistryMetrics m = rig.metrics();
        QCOMPARE(m.pending, 0);
        QCOMPARE(m.failures, 0);
        const ReceiverCheckCounts c = rig.checks();
        QCOMPARE(c.envelopes, 5);
        QCOMPARE(c.duplicates, 0);
        QCOMPARE(c.outOfOrder, 0);
        QCOMPARE(c.lost, 0);
    }

    // A 50% failure rate: Failures equal the receiver's rejections; all delivered in the end.
    void failRateDrains()
    {
        Rig rig;
        TestEndpointBehaviour b = modeOnly(TestEndpointBehaviour::FailRate);
        b.failRate = 0.5;
        b.seed = 7;
        QVERIFY(rig.start(b, {}));
        rig.send(10);
        QTRY_COMPARE_WITH_TIMEOUT(rig.metrics().successes, 10, 10000);
        const RegistryMetrics m = rig.metrics();
        QCOMPARE(m.errors, 0);
        QCOMPARE(m.failures, rig.stats().rejected);
        QVERIFY(m.failures > 0);
        const ReceiverCheckCounts c = rig.checks();
        QCOMPARE(c.lost, 0);
        QCOMPARE(c.duplicates, 0);
        QCOMPARE(c.outOfOrder, 0);
    }
};

QTEST_GUILESS_MAIN(tst_FaultMatrix)
#include "tst_faultmatrix.moc"
