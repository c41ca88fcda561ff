#include "fixtures.h"
#include "sources/prometheuswriter.h"

#include <QRegularExpression>
#include <QTest>

using namespace hookscope;

namespace {

QByteArrayList samplesOf(const QByteArray &text, const QByteArray &family)
{
    QByteArrayList lines;
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(QByteArray(family + '{')) || line.startsWith(QByteArray(family + ' ')))
            lines.append(line);
    }
    return lines;
}

EngineSnapshot recoveredSnapshot()
{
    return fixtures::snapshotFromExpvar(
        fixtures::expvarEndpoints(fixtures::readJson(QStringLiteral("expvar-5-recovered.json"))));
}

} // namespace

class tst_PrometheusWriter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The registry v3 families with the numbers of the 2.8.2 capture.
    void registryFamilies()
    {
        const QByteArray text = PrometheusWriter::write(recoveredSnapshot());
        const QByteArrayList events = samplesOf(text, "registry_notifications_events_total");
        QCOMPARE(events.size(), 16);   // 4 endpoints x 4 types
        QVERIFY(events.contains("registry_notifications_events_total{endpoint=\"failing\",type=\"Events\"} 33"));
        QVERIFY(events.contains("registry_notifications_events_total{endpoint=\"failing\",type=\"Successes\"} 33"));
        QVERIFY(events.contains("registry_notifications_events_total{endpoint=\"failing\",type=\"Failures\"} 34"));
        QVERIFY(events.contains("registry_notifications_events_total{endpoint=\"timeout\",type=\"Errors\"} 17"));
        QCOMPARE(samplesOf(text, "registry_notifications_pending_total"),
                 QByteArrayList({"registry_notifications_pending_total{endpoint=\"primary\"} 0",
                                 "registry_notifications_pending_total{endpoint=\"failing\"} 0",
                                 "registry_notifications_pending_total{endpoint=\"timeout\"} 0",
                                 "registry_notifications_pending_total{endpoint=\"down\"} 33"}));
        const QByteArrayList statuses = samplesOf(text, "registry_notifications_status_total");
        QCOMPARE(statuses.size(), 4);
        QVERIFY(statuses.contains("registry_notifications_status_total{code=\"500 Internal Server Error\",endpoint=\"failing\"} 34"));
        QVERIFY(statuses.contains("registry_notifications_status_total{code=\"200 OK\",endpoint=\"primary\"} 33"));

        QVERIFY(text.contains("# HELP registry_notifications_events_total The number of total events\n"
                              "# TYPE registry_notifications_events_total counter\n"));
        QVERIFY(text.contains("# TYPE registry_notifications_pending_total gauge\n"));
        QVERIFY(text.contains("# TYPE registry_notifications_status_total counter\n"));
    }

    // Every line is a comment or a well-formed sample, and each family is declared exactly once
    // before its samples.
    void wellFormed()
    {
        EngineSnapshot snapshot = recoveredSnapshot();
        snapshot.endpoints[0].errorClasses = {{QStringLiteral("refused"), 2}};
        snapshot.endpoints[0].latencyP95Ms = 12.5;
        const QByteArray text = PrometheusWriter::write(snapshot);
        QVERIFY(text.endsWith('\n'));
        // name{label="value",...} number; a value may hold escaped quotes and backslashes.
        static const QRegularExpression sampleLine(QStringLiteral(
            "^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? -?[0-9.e+-]+$"));
        QSet<QByteArray> typed;
        QSet<QByteArray> helped;
        for (const QByteArray &line : text.split('\n')) {
            if (line.isEmpty())
                continue;
            if (line.startsWith("# TYPE ")) {
                const QByteArray name = line.split(' ').value(2);
                QVERIFY2(!typed.contains(name), name.constData());
                typed.insert(name);
                continue;
            }
            if (line.startsWith("# HELP ")) {
                helped.insert(line.split(' ').value(2));
                continue;
            }
            const auto match = sampleLine.match(QString::fromUtf8(line));
            QVERIFY2(match.hasMatch(), line.constData());
            QVERIFY2(typed.contains(match.captured(1).toUtf8()), line.constData());
        }
        QCOMPARE(helped, typed);
        for (const char *name : {"hookscope_endpoint_dead_letters", "hookscope_endpoint_consecutive_failures",
                                 "hookscope_endpoint_latency_seconds", "hookscope_ingest_requests_total",
                                 "hookscope_endpoint_state", "hookscope_endpoint_errors_total"})
            QVERIFY2(typed.contains(name), name);
        QVERIFY(text.contains("hookscope_endpoint_latency_seconds{endpoint=\"primary\",quantile=\"0.95\"} 0.0125\n"));
        QVERIFY(text.contains("hookscope_endpoint_errors_total{class=\"refused\",endpoint=\"primary\"} 2\n"));
        QVERIFY(text.contains("hookscope_endpoint_state{endpoint=\"primary\",state=\"idle\"} 1\n"));
        QVERIFY(text.contains("hookscope_endpoint_state{endpoint=\"primary\",state=\"sending\"} 0\n"));
    }

    // Label values escape backslash, quote and newline; UTF-8 passes through.
    void escapesLabelValues()
    {
        QCOMPARE(PrometheusWriter::escapeLabelValue(QStringLiteral("a\"b\\c\nd")), QByteArray("a\\\"b\\\\c\\nd"));
        QCOMPARE(PrometheusWriter::sample("m", {{"endpoint", QStringLiteral("é \"x\"")}}, 1),
                 QByteArray("m{endpoint=\"\xc3\xa9 \\\"x\\\"\"} 1\n"));
        QCOMPARE(PrometheusWriter::sample("m", {}, 0.5), QByteArray("m 0.5\n"));
    }

    // Label values are stored by scrapers for months: a URL in one (an endpoint named after its
    // URL) is masked; other values are untouched.
    void labelValuesMasked()
    {
        QCOMPARE(PrometheusWriter::sample("m", {{"endpoint", QStringLiteral("https://u:pa55@h/hook?token=t0k")}}, 1),
                 QByteArray("m{endpoint=\"https://u:***@h/hook?token=***\"} 1\n"));
        EngineSnapshot snapshot = recoveredSnapshot();
        snapshot.endpoints[0].config.name = QStringLiteral("slack https://hooks.example/x?sig=t0k");
        const QByteArray text = PrometheusWriter::write(snapshot);
        QVERIFY(!text.contains("t0k"));
        QVERIFY(text.contains("endpoint=\"slack https://hooks.example/x?sig=***\""));
        QVERIFY(text.contains("endpoint=\"down\""));
    }

    // Counters print as integers; fractions, infinities and NaN as Prometheus expects.
    void formatsValues()
    {
        QCOMPARE(PrometheusWriter::formatValue(0), QByteArray("0"));
        QCOMPARE(PrometheusWriter::formatValue(1234567890123.0), QByteArray("1234567890123"));
        QCOMPARE(PrometheusWriter::formatValue(0.25), QByteArray("0.25"));
        QCOMPARE(PrometheusWriter::formatValue(qInf()), QByteArray("+Inf"));
        QCOMPARE(PrometheusWriter::formatValue(qQNaN()), QByteArray("NaN"));
    }

    // Ingest counters are exported; disabled endpoints are not.
    void ingestAndDisabled()
    {
        EngineSnapshot snapshot = recoveredSnapshot();
        snapshot.endpoints[3].config.disabled = true;
        snapshot.ingest.requests = 7;
        snapshot.ingest.rejected = 2;
        snapshot.ingest.timedOut = 1;
        snapshot.eventsIn = 40;
        const QByteArray text = PrometheusWriter::write(snapshot);
        QVERIFY(!text.contains("endpoint=\"down\""));
        QVERIFY(text.contains("\nhookscope_ingest_requests_total 7\n"));
        QVERIFY(text.contains("\nhookscope_ingest_rejected_total 2\n"));
        QVERIFY(text.contains("\nhookscope_ingest_timeouts_total 1\n"));
        QVERIFY(text.contains("\nhookscope_events_in_total 40\n"));
    }

    // No endpoints: the families are still declared, with no samples (a valid exposition).
    void empty()
    {
        const QByteArray text = PrometheusWriter::write(EngineSnapshot());
        QVERIFY(text.contains("# TYPE registry_notifications_events_total counter\n"));
        QVERIFY(samplesOf(text, "registry_notifications_events_total").isEmpty());
    }

    // hookscope_journal_up: only in durable mode, 1 writing, 0 while writes fail.
    void journalUp()
    {
        EngineSnapshot snapshot;
        QVERIFY(!PrometheusWriter::write(snapshot).contains("hookscope_journal_up"));
        snapshot.journalPath = QStringLiteral("/var/lib/hookscope/q.db");
        QVERIFY(PrometheusWriter::write(snapshot).contains(
            "hookscope_journal_up{path=\"/var/lib/hookscope/q.db\"} 1\n"));
        QVERIFY(PrometheusWriter::write(snapshot).contains("# TYPE hookscope_journal_up gauge\n"));
        snapshot.journalWritable = false;
        snapshot.journalError = QStringLiteral("journal cannot write: database or disk is full (/var/lib/hookscope/q.db)");
        QVERIFY(PrometheusWriter::write(snapshot).contains(
            "hookscope_journal_up{path=\"/var/lib/hookscope/q.db\"} 0\n"));
    }
};

QTEST_GUILESS_MAIN(tst_PrometheusWriter)
#include "tst_prometheuswriter.moc"
