#include "core/engine/endpointmetrics.h"

#include <QTest>

using namespace hookscope;

namespace {

AttemptRecord attempt(AttemptRecord::Outcome outcome, int status, int events = 1, double ms = 10)
{
    AttemptRecord a;
    a.outcome = outcome;
    a.status = status;
    a.durationMs = ms;
    a.startedAt = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < events; ++i)
        a.eventIds.append("e" + QByteArray::number(i));
    if (outcome == AttemptRecord::Error) {
        a.errorClass = ErrorClass::Refused;
        a.errorText = QStringLiteral("Connection refused");
    }
    return a;
}

} // namespace

class tst_EndpointMetrics final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The fixture's "failing" endpoint: 33 events, 34 x 500 then 33 x 200 (expvar-5-recovered.json).
    void reproducesFixtureCounts()
    {
        EndpointMetrics m;
        m.recordIngress(33);
        for (int i = 0; i < 34; ++i)
            m.recordAttempt(attempt(AttemptRecord::Failure, 500));
        for (int i = 0; i < 33; ++i) {
            m.recordAttempt(attempt(AttemptRecord::Success, 200));
            m.recordEgress(1);
        }
        const RegistryMetrics &r = m.registry();
        QCOMPARE(r.pending, 0);
        QCOMPARE(r.events, 33);
        QCOMPARE(r.successes, 33);
        QCOMPARE(r.failures, 34);
        QCOMPARE(r.errors, 0);
        QCOMPARE(r.statuses, (QMap<QString, qint64>{{QStringLiteral("200 OK"), 33},
                                                    {QStringLiteral("500 Internal Server Error"), 34}}));
    }

    // Counters move by the number of events in the envelope (len(block)), as the registry counts.
    void countsByBlockSize()
    {
        EndpointMetrics m;
        m.recordAttempt(attempt(AttemptRecord::Error, 0, 3));
        m.recordAttempt(attempt(AttemptRecord::Failure, 503, 3));
        m.recordAttempt(attempt(AttemptRecord::Success, 202, 3));
        QCOMPARE(m.registry().errors, 3);
        QCOMPARE(m.registry().failures, 3);
        QCOMPARE(m.registry().successes, 3);
        QCOMPARE(m.registry().statuses.value(QStringLiteral("503 Service Unavailable")), 3);
        QCOMPARE(m.registry().statuses.value(QStringLiteral("202 Accepted")), 3);
        EndpointSnapshot s;
        m.fill(s);
        QCOMPARE(s.errorClasses.value(QStringLiteral("refused")), 3);
        QCOMPARE(s.lastStatus, 202);
        QVERIFY(s.lastError.isEmpty());   // a success clears the last error
    }

    // Cancelled attempts move no registry counter.
    void cancelledCountsNothing()
    {
        EndpointMetrics m;
        m.recordAttempt(attempt(AttemptRecord::Cancelled, 0));
        QCOMPARE(m.registry(), RegistryMetrics());
    }

    // Nearest-rank latency percentiles over the recent window.
    void latencyPercentiles()
    {
        EndpointMetrics m;
        QCOMPARE(m.latencyPercentileMs(50), 0.0);
        for (int i = 1; i <= 100; ++i)
            m.recordAttempt(attempt(AttemptRecord::Success, 200, 1, i));
        QCOMPARE(m.latencyPercentileMs(50), 50.0);
        QCOMPARE(m.latencyPercentileMs(95), 95.0);
        QCOMPARE(m.latencyPercentileMs(99), 99.0);
        QCOMPARE(m.latencyPercentileMs(100), 100.0);
    }
};

QTEST_GUILESS_MAIN(tst_EndpointMetrics)
#include "tst_endpointmetrics.moc"
