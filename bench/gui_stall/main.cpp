// GUI responsiveness under load: the real MainWindow over a running Runtime, with --prefill events
// pending behind an endpoint whose address refuses connections, while --rate events/s keep flowing
// in (and, with --url, out to a receiver through a second endpoint that batches). Prints the
// window's own StallProbe figures (p99 and worst lateness of a 10 ms heartbeat) as one JSON line.
// Run it under xvfb-run (or QT_QPA_PLATFORM=offscreen).
// --flowing-endpoints K spreads the flow over K endpoints (every event goes to each, as the
// registry's broadcaster does), so the window lists K + 1 endpoints that all move.
//
//   xvfb-run -a bench_gui_stall --prefill 1000000 --rate 10000 --seconds 10 --url http://127.0.0.1:18180/hook
//   xvfb-run -a bench_gui_stall --prefill 100000 --rate 10 --flowing-endpoints 1000 --url http://127.0.0.1:18180/hook
#include "benchsupport.h"
#include "core/config/appconfig.h"
#include "core/engine/endpoint.h"
#include "core/engine/engine.h"
#include "app/widgets/mainwindow.h"
#include "sources/runtime.h"
#include "app/widgets/stallprobe.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTimer>

#include <cstdio>

using namespace hookscope;
using namespace hookscope::bench;

namespace {

// A loopback port nobody listens on: bind one, note it, release it.
quint16 refusingPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

EventBlock makeBlock(qint64 first, qint64 count)
{
    EventBlock block;
    block.reserve(size_t(count));
    for (qint64 i = first; i < first + count; ++i)
        block.push_back(manifestPush(i));
    return block;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("prefill"), QStringLiteral("Events pending before measuring."), QStringLiteral("N"),
                      QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("rate"), QStringLiteral("Events per second flowing in while measuring."), QStringLiteral("R"),
                      QStringLiteral("10000")});
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("Measuring time (the probe keeps the last 10 s)."),
                      QStringLiteral("S"), QStringLiteral("10")});
    parser.addOption({QStringLiteral("url"), QStringLiteral("Receiver URL for a second, flowing endpoint (batch 100); none if empty."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("flowing-endpoints"),
                      QStringLiteral("Flowing endpoints with --url (1: one named \"flowing\"; more: flowing0..K-1, each posting to URL/<name>)."),
                      QStringLiteral("K"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("flowing-batch"), QStringLiteral("Events per envelope of each flowing endpoint."),
                      QStringLiteral("B"), QStringLiteral("100")});
    parser.process(app);
    const int flowingCount = parser.value(QStringLiteral("flowing-endpoints")).toInt();
    const int flowingBatch = parser.value(QStringLiteral("flowing-batch")).toInt();
    const qint64 prefill = parser.value(QStringLiteral("prefill")).toLongLong();
    const qint64 rate = parser.value(QStringLiteral("rate")).toLongLong();
    const double seconds = parser.value(QStringLiteral("seconds")).toDouble();
    if (prefill < 0 || rate < 0 || seconds <= 0 || flowingCount < 1 || flowingBatch < 1) {
        std::fprintf(stderr, "bench_gui_stall: need --prefill >= 0, --rate >= 0, --seconds > 0, "
                             "--flowing-endpoints >= 1, --flowing-batch >= 1\n");
        return 2;
    }

    AppConfig config;
    EndpointConfig stuck;
    stuck.name = QStringLiteral("stuck");
    stuck.url = QStringLiteral("http://127.0.0.1:%1/hook").arg(refusingPort());
    config.endpoints = {stuck};
    Runtime runtime;
    QString error;
    if (!runtime.start(config, &error)) {
        std::fprintf(stderr, "bench_gui_stall: %s\n", qPrintable(error));
        return 1;
    }
    // Pre-fill on the engine thread in slices, as ingest would have queued them.
    QElapsedTimer clock;
    clock.start();
    constexpr qint64 Slice = 10'000;
    for (qint64 done = 0; done < prefill; done += Slice) {
        const qint64 count = qMin(Slice, prefill - done);
        runtime.host().call([done, count](Engine &engine) { engine.submit(makeBlock(done, count)); });
    }
    const double prefillSeconds = double(clock.nsecsElapsed()) / 1e9;
    QStringList flowingNames;
    if (parser.isSet(QStringLiteral("url"))) {
        // Added after the pre-fill so they only carry the flow, not the backlog.
        QList<EndpointConfig> flowing;
        for (int i = 0; i < flowingCount; ++i) {
            EndpointConfig each;
            each.name = flowingCount == 1 ? QStringLiteral("flowing") : QStringLiteral("flowing%1").arg(i);
            each.url = parser.value(QStringLiteral("url")) + QLatin1Char('/') + each.name;
            each.maxBatch = flowingBatch;
            flowing.append(each);
            flowingNames.append(each.name);
        }
        runtime.host().call([flowing](Engine &engine) {
            for (const EndpointConfig &each : flowing)
                engine.addEndpoint(each);
        });
    }

    MainWindow window(runtime.host(), config);
    window.resize(1280, 800);
    window.show();
    window.selectEndpoint(stuck.name);

    // Feed by elapsed time, not by tick count, so a late GUI tick does not lower the offered rate.
    // The events are built on the engine thread; the GUI thread only posts.
    qint64 fed = 0;
    QElapsedTimer feedClock;
    QTimer feed;
    feed.setInterval(10);
    QObject::connect(&feed, &QTimer::timeout, &window, [&] {
        const qint64 due = feedClock.elapsed() * rate / 1000 - fed;
        if (due <= 0)
            return;
        const qint64 first = prefill + fed;
        fed += due;
        runtime.host().post([first, due](Engine &engine) { engine.submit(makeBlock(first, due)); });
    });
    // One second to settle (first paint, first snapshots), then measure.
    QTimer::singleShot(1000, &window, [&] {
        window.stallProbe()->reset();
        feedClock.start();
        feed.start();
        QTimer::singleShot(int(seconds * 1000), &window, [&] { QApplication::quit(); });
    });
    QApplication::exec();
    feed.stop();
    const double p99 = window.stallProbe()->p99Ms();
    const double worst = window.stallProbe()->worstMs();
    const int samples = window.stallProbe()->sampleCount();
    const double fedSeconds = double(feedClock.elapsed()) / 1000.0;
    qint64 pending = 0;
    qint64 delivered = 0;
    qint64 flowingErrors = 0;
    runtime.host().call([&](Engine &engine) {
        pending = engine.endpoint(stuck.name)->queue().size();
        for (const QString &name : flowingNames) {
            if (Endpoint *flowing = engine.endpoint(name)) {
                delivered += flowing->metrics().registry().successes;
                flowingErrors += flowing->metrics().registry().errors;
            }
        }
    });
    const QJsonObject out{
        {QStringLiteral("impl"), QStringLiteral("hookscope-" HOOKSCOPE_VERSION)},
        {QStringLiteral("mode"), QStringLiteral("gui")},
        {QStringLiteral("platform"), QGuiApplication::platformName()},
        {QStringLiteral("prefill"), prefill},
        {QStringLiteral("prefill_seconds"), prefillSeconds},
        {QStringLiteral("rate"), rate},
        {QStringLiteral("fed"), fed},
        {QStringLiteral("fed_per_sec"), double(fed) / qMax(0.001, fedSeconds)},
        {QStringLiteral("flowing_endpoints"), qint64(flowingNames.size())},
        {QStringLiteral("flowing_batch"), flowingBatch},
        {QStringLiteral("flowing_delivered"), delivered},   // summed over the flowing endpoints
        {QStringLiteral("flowing_errors"), flowingErrors},
        {QStringLiteral("pending_at_end"), pending},
        {QStringLiteral("probe_samples"), samples},
        {QStringLiteral("p99_ms"), p99},
        {QStringLiteral("worst_ms"), worst},
        {QStringLiteral("peak_rss_kb"), statusKb("VmHWM:")},
    };
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    runtime.shutdown(0);
    return 0;
}
