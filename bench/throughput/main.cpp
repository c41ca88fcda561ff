// Throughput and memory of hookscope's dispatcher against any webhook receiver, in the shape of
// bench/peer-go's peer. Prints one JSON line.
//
// --mode throughput (default): K endpoints, N manifest-push events written at once, timed until
// every endpoint reports N successes.
// --mode stuck: the receiver refuses connections (peer-go receiver -down -down-mode refuse); N events
// are queued, resident bytes per queued event are read, the queue stays stuck for --stuck-hold, then
// --heal-url is POSTed and heal-to-first-delivery and drain time are measured (as `peer -mode stuck`).
//
//   bench_throughput --url http://127.0.0.1:18180/hook --endpoints 4 --events 20000
//   bench_throughput --mode stuck --events 100000 --heal-url http://127.0.0.1:18181/control?heal=1
#include "benchsupport.h"
#include "core/engine/endpoint.h"
#include "core/engine/engine.h"
#include "core/model/envelope.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <atomic>
#include <cstdio>
#include <thread>

using namespace hookscope;
using namespace hookscope::bench;

namespace {

struct Totals
{
    qint64 minSuccesses = 0;   // the slowest endpoint's
    qint64 anySuccesses = 0;   // summed over endpoints
    qint64 failures = 0;
    qint64 errors = 0;
};

Totals totals(const Engine &engine)
{
    Totals t;
    bool first = true;
    for (Endpoint *endpoint : engine.endpoints()) {
        const RegistryMetrics &m = endpoint->metrics().registry();
        t.minSuccesses = first ? m.successes : qMin(t.minSuccesses, m.successes);
        first = false;
        t.anySuccesses += m.successes;
        t.failures += m.failures;
        t.errors += m.errors;
    }
    return t;
}

// Runs the event loop until `done` holds (checked every 2 ms, as the peer polls) or the deadline passes.
bool waitFor(const std::function<bool()> &done, qint64 deadlineNs, const QElapsedTimer &clock)
{
    if (done())
        return true;
    QEventLoop loop;
    bool ok = false;
    QTimer poll;
    poll.setInterval(2);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done()) {
            ok = true;
            loop.quit();
        } else if (clock.nsecsElapsed() > deadlineNs) {
            loop.quit();
        }
    });
    poll.start();
    loop.exec();
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("url"), QStringLiteral("Receiver base URL; endpoint i posts to URL/ep<i>."), QStringLiteral("URL"),
                      QStringLiteral("http://127.0.0.1:18180/hook")});
    parser.addOption({QStringLiteral("mode"), QStringLiteral("throughput or stuck."), QStringLiteral("MODE"), QStringLiteral("throughput")});
    parser.addOption({QStringLiteral("endpoints"), QStringLiteral("Endpoints (K)."), QStringLiteral("K"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("events"), QStringLiteral("Events (N)."), QStringLiteral("N"), QStringLiteral("20000")});
    parser.addOption({QStringLiteral("batch"), QStringLiteral("Events per envelope (1 = registry)."), QStringLiteral("B"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("transport"), QStringLiteral("HTTP transport: lean (default) or qnam."), QStringLiteral("T"),
                      QStringLiteral("lean")});
    parser.addOption({QStringLiteral("dump-envelope"),
                      QStringLiteral("Write the envelope of one benchmark event to FILE and exit (the body bench/wrk/post.lua sends)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("write-upfront"),
                      QStringLiteral("Throughput mode: make all N events before delivery starts (default: a writer thread hands them over in chunks while delivery runs, as the reference's peer does).")});
    parser.addOption({QStringLiteral("timeout"), QStringLiteral("Give up after S seconds."), QStringLiteral("S"), QStringLiteral("300")});
    parser.addOption({QStringLiteral("heal-url"), QStringLiteral("Stuck mode: POST here to heal the receiver."), QStringLiteral("URL")});
    parser.addOption({QStringLiteral("stuck-hold"), QStringLiteral("Stuck mode: seconds to stay stuck before healing."),
                      QStringLiteral("S"), QStringLiteral("3")});
    parser.addOption({QStringLiteral("no-drain"), QStringLiteral("Stuck mode: measure memory only, do not heal.")});
    parser.process(app);
    if (parser.isSet(QStringLiteral("dump-envelope"))) {
        QFile out(parser.value(QStringLiteral("dump-envelope")));
        if (!out.open(QIODevice::WriteOnly) || out.write(Envelope::serialize({manifestPush(0)})) < 0) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(out.fileName()));
            return 2;
        }
        return 0;
    }
    const QString mode = parser.value(QStringLiteral("mode"));
    const bool stuck = mode == QLatin1String("stuck");
    const int k = parser.value(QStringLiteral("endpoints")).toInt();
    const int n = parser.value(QStringLiteral("events")).toInt();
    const int batch = parser.value(QStringLiteral("batch")).toInt();
    const bool drain = !parser.isSet(QStringLiteral("no-drain"));
    if ((mode != QLatin1String("throughput") && !stuck) || k < 1 || n < 1 || batch < 1
        || (stuck && drain && !parser.isSet(QStringLiteral("heal-url")))) {
        std::fprintf(stderr, "bench_throughput: need --mode throughput|stuck, --endpoints >= 1, --events >= 1, "
                             "--batch >= 1, and --heal-url (or --no-drain) in stuck mode\n");
        return 2;
    }

    Engine engine;
    for (int i = 0; i < k; ++i) {
        EndpointConfig config;
        config.name = QStringLiteral("ep%1").arg(i);
        config.url = parser.value(QStringLiteral("url")) + QStringLiteral("/ep%1").arg(i);
        config.headers = {{QStringLiteral("Authorization"), {QStringLiteral("Bearer peer-bench-token")}}};
        config.maxBatch = batch;
        config.transport = parser.value(QStringLiteral("transport")) == QLatin1String("qnam") ? HttpTransportKind::Qnam
                                                                                             : HttpTransportKind::Lean;
        engine.addEndpoint(config);
    }
    const qint64 deadlineNs = parser.value(QStringLiteral("timeout")).toLongLong() * 1'000'000'000;
    const qint64 rssBefore = statusKb("VmRSS:");
    const double cpuBefore = cpuSeconds();
    QElapsedTimer clock;
    clock.start();
    std::atomic<qint64> writeNs{0};
    std::thread writer;
    if (stuck || parser.isSet(QStringLiteral("write-upfront"))) {
        // Written in blocks of 1000 so a large stuck queue is not first held twice (block + queue).
        constexpr int Block = 1000;
        for (int done = 0; done < n; done += Block) {
            EventBlock block;
            block.reserve(size_t(qMin(Block, n - done)));
            for (int i = done; i < qMin(n, done + Block); ++i)
                block.push_back(manifestPush(i));
            engine.submit(block);
        }
        writeNs = clock.nsecsElapsed();
    } else {
        // As the reference's peer (and a registry's request handlers) do: events are made on another
        // thread and handed over while the dispatcher already delivers, a chunk at a time.
        writer = std::thread([&] {
            constexpr int Chunk = 250;
            for (int first = 0; first < n; first += Chunk) {
                EventBlock chunk;
                chunk.reserve(size_t(qMin(Chunk, n - first)));
                for (int i = first; i < qMin(first + Chunk, n); ++i)
                    chunk.push_back(manifestPush(i));
                QMetaObject::invokeMethod(&app, [&engine, chunk = std::move(chunk)] { engine.submit(chunk); },
                                          Qt::QueuedConnection);
            }
            writeNs = clock.nsecsElapsed();
        });
    }

    const auto writeSeconds = [&writeNs] { return double(writeNs.load()) / 1e9; };
    QJsonObject out{
        {QStringLiteral("impl"), QStringLiteral("hookscope-" HOOKSCOPE_VERSION)},
        {QStringLiteral("mode"), mode},
        {QStringLiteral("endpoints"), k},
        {QStringLiteral("events"), n},
        {QStringLiteral("block"), batch},
        {QStringLiteral("transport"), parser.value(QStringLiteral("transport"))},
    };
    bool timedOut = false;
    if (stuck) {
        // Everything is queued once submit() returns; let the first refused attempts happen.
        app.processEvents();
        const qint64 rssQueued = statusKb("VmRSS:");
        out.insert(QStringLiteral("enqueue_seconds"), writeSeconds());
        out.insert(QStringLiteral("rss_growth_kb"), rssQueued - rssBefore);
        out.insert(QStringLiteral("rss_bytes_per_event"), double(rssQueued - rssBefore) * 1024.0 / n);
        const qint64 holdNs = qint64(parser.value(QStringLiteral("stuck-hold")).toDouble() * 1e9);
        const qint64 holdEnd = clock.nsecsElapsed() + holdNs;
        waitFor([] { return false; }, holdEnd, clock);
        out.insert(QStringLiteral("errors_while_down"), totals(engine).errors);
        out.insert(QStringLiteral("delivered_while_down"), totals(engine).anySuccesses);
        if (drain) {
            QNetworkAccessManager control;
            QNetworkRequest healRequest(QUrl(parser.value(QStringLiteral("heal-url"))));
            healRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/plain"));
            QNetworkReply *heal = control.post(healRequest, QByteArray());
            waitFor([heal] { return heal->isFinished(); }, clock.nsecsElapsed() + 10'000'000'000, clock);
            const qint64 healedNs = clock.nsecsElapsed();
            out.insert(QStringLiteral("heal_status"), heal->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
            const bool first = waitFor([&] { return totals(engine).anySuccesses > 0; }, deadlineNs, clock);
            const qint64 firstNs = clock.nsecsElapsed();
            const bool drained = first && waitFor([&] { return totals(engine).minSuccesses >= n; }, deadlineNs, clock);
            const double drainSeconds = double(clock.nsecsElapsed() - healedNs) / 1e9;
            timedOut = !drained;
            if (first)
                out.insert(QStringLiteral("heal_to_first_delivery_s"), double(firstNs - healedNs) / 1e9);
            if (drained) {
                out.insert(QStringLiteral("drain_seconds"), drainSeconds);
                out.insert(QStringLiteral("drain_events_per_sec"), double(n) / drainSeconds);
            }
        }
    } else {
        timedOut = !waitFor([&] { return totals(engine).minSuccesses >= n; }, deadlineNs, clock);
    }
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    if (writer.joinable())
        writer.join();
    out.insert(QStringLiteral("write_seconds"), writeSeconds());
    const double cpu = cpuSeconds() - cpuBefore;
    const Totals t = totals(engine);
    if (!stuck) {
        out.insert(QStringLiteral("events_per_sec"), double(n) / seconds);
        out.insert(QStringLiteral("deliveries_per_sec"), double(n) * k / seconds);
        out.insert(QStringLiteral("cpu_us_per_delivery"), cpu * 1e6 / (double(n) * k));
        out.insert(QStringLiteral("rss_growth_kb"), statusKb("VmRSS:") - rssBefore);
    }
    out.insert(QStringLiteral("seconds"), seconds);
    out.insert(QStringLiteral("cpu_s"), cpu);
    out.insert(QStringLiteral("peak_rss_kb"), statusKb("VmHWM:"));
    out.insert(QStringLiteral("successes"), t.anySuccesses);
    out.insert(QStringLiteral("failures"), t.failures);
    out.insert(QStringLiteral("errors"), t.errors);
    out.insert(QStringLiteral("timed_out"), timedOut);
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return timedOut ? 1 : 0;
}
