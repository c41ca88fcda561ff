#include "sources/expvarreader.h"
#include "fixtures.h"

#include <QTest>

using namespace hookscope;

class tst_ExpvarReader final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The real registry's /debug/vars (whole page and subtree captures) read back every counter,
    // with the Authorization token masked.
    void readsRegistryExpvar()
    {
        for (const QString &name : {QStringLiteral("expvar-5-recovered.json"), QStringLiteral("expvar-full-end.json")}) {
            const ExpvarReader::Result result = ExpvarReader::fromExpvar(fixtures::read(name));
            QVERIFY2(result.ok(), qPrintable(result.error));
            QCOMPARE(result.endpoints.size(), 4);
            const EndpointSnapshot &primary = result.endpoints.at(0);
            QCOMPARE(primary.config.name, QStringLiteral("primary"));
            QCOMPARE(primary.config.threshold, 3);
            QCOMPARE(primary.config.timeoutNs, 1'000'000'000);
            QCOMPARE(primary.config.headers.value(0).second, QStringList{QStringLiteral("Bearer ******")});
            QCOMPARE(primary.metrics.events, 33);
            QCOMPARE(primary.metrics.successes, 33);
        }
        const ExpvarReader::Result recovered = ExpvarReader::fromExpvar(fixtures::read(QStringLiteral("expvar-5-recovered.json")));
        const EndpointSnapshot &failing = recovered.endpoints.at(1);
        QCOMPARE(failing.metrics.failures, 34);
        QCOMPARE(failing.metrics.statuses.value(QStringLiteral("500 Internal Server Error")), 34);
        QCOMPARE(recovered.endpoints.at(3).metrics.pending, 33);   // "down" never recovered
        QCOMPARE(recovered.endpoints.at(3).metrics.errors, 35);
    }

    // Attach mode shows a remote registry's endpoint URLs, which it prints in clear: they are
    // masked as they are read (attach mode never sends to them).
    void remoteUrlsMasked()
    {
        const QByteArray page =
            "{\"registry\": {\"notifications\": {\"endpoints\": [ "
            "{\"name\": \"a\", \"url\": \"https://user:pa55@hooks.example/e?access_token=t0k&x=1\", "
            "\"Headers\": {\"Authorization\": [\"Bearer t0k\"]}, \"Timeout\": 1000000000, \"Threshold\": 3, "
            "\"Backoff\": 1000000000, \"IgnoredMediaTypes\": null, \"Ignore\": {\"MediaTypes\": null, \"Actions\": null}, "
            "\"Metrics\": {\"Pending\": 0, \"Events\": 0, \"Successes\": 0, \"Failures\": 0, \"Errors\": 0, \"Statuses\": {}}}]}}} ";
        const ExpvarReader::Result result = ExpvarReader::fromExpvar(page);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.endpoints.size(), 1);
        QCOMPARE(result.endpoints.first().config.url,
                 QStringLiteral("https://user:***@hooks.example/e?access_token=***&x=1"));
        QCOMPARE(result.endpoints.first().config.headers.value(0).second, QStringList{QStringLiteral("Bearer ******")});
    }

    // Registry v3 exports the same counters as Prometheus text.
    void readsPrometheus()
    {
        const QByteArray text = "# HELP registry_notifications_events_total The number of total events\n"
                                "# TYPE registry_notifications_events_total counter\n"
                                "registry_notifications_events_total{endpoint=\"ci\",type=\"Events\"} 12\n"
                                "registry_notifications_events_total{endpoint=\"ci\",type=\"Successes\"} 10\n"
                                "registry_notifications_events_total{endpoint=\"ci\",type=\"Failures\"} 4\n"
                                "registry_notifications_events_total{endpoint=\"ci\",type=\"Errors\"} 1\n"
                                "registry_notifications_pending_total{endpoint=\"ci\"} 2\n"
                                "registry_notifications_status_total{code=\"503 Service Unavailable\",endpoint=\"ci\"} 4\n";
        const ExpvarReader::Result result = ExpvarReader::fromPrometheus(text);
        QVERIFY(result.ok());
        QCOMPARE(result.endpoints.size(), 1);
        const RegistryMetrics &m = result.endpoints.first().metrics;
        QCOMPARE(m.events, 12);
        QCOMPARE(m.successes, 10);
        QCOMPARE(m.failures, 4);
        QCOMPARE(m.errors, 1);
        QCOMPARE(m.pending, 2);
        QCOMPARE(m.statuses.value(QStringLiteral("503 Service Unavailable")), 4);
    }

    // Something else at the address is an error that shows what was received, never a crash.
    // The process marks attach mode tells a restart by: memstats.TotalAlloc of a full page,
    // go_memstats_alloc_bytes_total and process_start_time_seconds of /metrics; absent ones unset.
    void readsProcessMarks()
    {
        const ExpvarReader::Result full
            = ExpvarReader::fromExpvar(fixtures::read(QStringLiteral("expvar-full-end.json")));
        QVERIFY(full.ok());
        QCOMPARE(full.allocatedBytes, 58426432);
        QCOMPARE(full.startTimeSeconds, 0.0);
        const ExpvarReader::Result subtree
            = ExpvarReader::fromExpvar(fixtures::read(QStringLiteral("expvar-1-after-push.json")));
        QCOMPARE(subtree.allocatedBytes, -1);
        const QByteArray text = fixtures::read(QStringLiteral("metrics-1-after-push.txt"))
            + "registry_notifications_pending_total{endpoint=\"a\"} 0\n";
        const ExpvarReader::Result metrics = ExpvarReader::fromPrometheus(text);
        QVERIFY(metrics.allocatedBytes > 0);
        QVERIFY(metrics.startTimeSeconds > 1.7e9);
    }

    void otherContentIsAnError_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("html") << QByteArray("<html><body>nginx</body></html>");
        QTest::newRow("other json") << QByteArray("{\"cmdline\": [\"x\"]}");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("endpoints not a list") << QByteArray("{\"endpoints\": 3}");
    }
    void otherContentIsAnError()
    {
        QFETCH(QByteArray, body);
        const ExpvarReader::Result result = ExpvarReader::fromExpvar(body);
        QVERIFY(!result.ok());
        QVERIFY(!result.error.isEmpty());
        QVERIFY(!ExpvarReader::fromPrometheus(body).ok());
    }
};

QTEST_GUILESS_MAIN(tst_ExpvarReader)
#include "tst_expvarreader.moc"
