// Throughput and memory of hookscope's dispatcher against any webhook receiver, in the shape of
// ../shared/bench/peer-go's `peer -mode throughput`: K endpoints, N manifest-push events written at
// once, timed until every endpoint reports N successes. Prints one JSON line.
//
//   bench_throughput --url http://127.0.0.1:18180/hook --endpoints 4 --events 20000
#include "engine/endpoint.h"
#include "engine/engine.h"
#include "model/envelope.h"
#include "model/event.h"
#include "model/eventrecord.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QRandomGenerator>
#include <QUuid>

#include <sys/resource.h>

#include <atomic>
#include <thread>

using namespace hookscope;

namespace {

qint64 statusKb(const char *key)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(int(qstrlen(key))).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// A random (version 4) UUID from the fast seeded generator: QUuid::createUuid asks the kernel for
// every one, two syscalls per event in the timed region that the reference's generator does not pay.
QString fastUuid()
{
    quint32 words[4];
    QRandomGenerator::global()->fillRange(words);
    const QUuid uuid(words[0], quint16(words[1]), quint16((words[1] >> 16 & 0x0fff) | 0x4000),
                     uchar((words[2] & 0x3f) | 0x80), uchar(words[2] >> 8), uchar(words[2] >> 16),
                     uchar(words[2] >> 24), uchar(words[3]), uchar(words[3] >> 8), uchar(words[3] >> 16),
                     uchar(words[3] >> 24));
    return uuid.toString(QUuid::WithoutBraces);
}

EventPtr manifestPush(int i)
{
    Event event;
    event.id = fastUuid();
    event.timestamp = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    event.action = QStringLiteral("push");
    event.target.mediaType = QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
    event.target.size = 1574;
    event.target.length = 1574;
    event.target.digest = QStringLiteral("sha256:%1").arg(i, 64, 16, QLatin1Char('0'));
    event.target.repository = QStringLiteral("bench/app");
    event.target.url = QStringLiteral("http://registry.example:5000/v2/bench/app/manifests/") + event.target.digest;
    event.target.tag = QStringLiteral("v%1").arg(i);
    event.request.id = fastUuid();
    event.request.addr = QStringLiteral("10.0.0.1:51234");
    event.request.host = QStringLiteral("registry.example:5000");
    event.request.method = QStringLiteral("PUT");
    event.request.useragent = QStringLiteral("docker/24.0.7 go/go1.20.10");
    event.actor.name = QStringLiteral("ci-bot");
    event.source.addr = QStringLiteral("reg-node-1:5000");
    event.source.instanceID = QStringLiteral("9d6e1f20-7a3c-4b58-a1e2-3f4c5d6e7f80");
    return EventRecord::fromEvent(event);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("url"), QStringLiteral("Receiver base URL; endpoint i posts to URL/ep<i>."), QStringLiteral("URL"),
                      QStringLiteral("http://127.0.0.1:18180/hook")});
    parser.addOption({QStringLiteral("endpoints"), QStringLiteral("Endpoints (K)."), QStringLiteral("K"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("events"), QStringLiteral("Events (N)."), QStringLiteral("N"), QStringLiteral("20000")});
    parser.addOption({QStringLiteral("batch"), QStringLiteral("Events per envelope (1 = registry)."), QStringLiteral("B"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("transport"), QStringLiteral("HTTP transport: lean (default) or qnam."), QStringLiteral("T"),
                      QStringLiteral("lean")});
    parser.addOption({QStringLiteral("dump-envelope"),
                      QStringLiteral("Write the envelope of one benchmark event to FILE and exit (the body bench/wrk/post.lua sends)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("write-upfront"),
                      QStringLiteral("Make all N events before the dispatcher starts (default: a writer thread hands them over in chunks while delivery runs, as the reference's peer does).")});
    parser.addOption({QStringLiteral("timeout"), QStringLiteral("Give up after S seconds."), QStringLiteral("S"), QStringLiteral("300")});
    parser.process(app);
    if (parser.isSet(QStringLiteral("dump-envelope"))) {
        QFile out(parser.value(QStringLiteral("dump-envelope")));
        if (!out.open(QIODevice::WriteOnly) || out.write(Envelope::serialize({manifestPush(0)})) < 0) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(out.fileName()));
            return 2;
        }
        return 0;
    }
    const int k = parser.value(QStringLiteral("endpoints")).toInt();
    const int n = parser.value(QStringLiteral("events")).toInt();

    Engine engine;
    for (int i = 0; i < k; ++i) {
        EndpointConfig config;
        config.name = QStringLiteral("ep%1").arg(i);
        config.url = parser.value(QStringLiteral("url")) + QStringLiteral("/ep%1").arg(i);
        config.headers = {{QStringLiteral("Authorization"), {QStringLiteral("Bearer peer-bench-token")}}};
        config.maxBatch = parser.value(QStringLiteral("batch")).toInt();
        config.transport = parser.value(QStringLiteral("transport")) == QLatin1String("qnam") ? HttpTransportKind::Qnam
                                                                                             : HttpTransportKind::Lean;
        engine.addEndpoint(config);
    }
    const qint64 rssBefore = statusKb("VmRSS:");
    const double cpuBefore = cpuSeconds();
    QElapsedTimer clock;
    clock.start();
    std::atomic<qint64> writeNs{0};
    std::thread writer;
    if (parser.isSet(QStringLiteral("write-upfront"))) {
        EventBlock block;
        block.reserve(size_t(n));
        for (int i = 0; i < n; ++i)
            block.push_back(manifestPush(i));
        engine.submit(block);
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

    bool timedOut = false;
    QTimer poll;
    poll.setInterval(5);
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        for (Endpoint *endpoint : engine.endpoints()) {
            if (endpoint->metrics().registry().successes < n)
                return;
        }
        app.quit();
    });
    QTimer::singleShot(parser.value(QStringLiteral("timeout")).toInt() * 1000, &app, [&] {
        timedOut = true;
        app.quit();
    });
    poll.start();
    app.exec();
    if (writer.joinable())
        writer.join();
    const double writeSeconds = double(writeNs.load()) / 1e9;
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpuBefore;
    qint64 failures = 0;
    qint64 errors = 0;
    for (Endpoint *endpoint : engine.endpoints()) {
        failures += endpoint->metrics().registry().failures;
        errors += endpoint->metrics().registry().errors;
    }
    QJsonObject out{
        {QStringLiteral("impl"), QStringLiteral("hookscope-" HOOKSCOPE_VERSION)},
        {QStringLiteral("mode"), QStringLiteral("throughput")},
        {QStringLiteral("endpoints"), k},
        {QStringLiteral("events"), n},
        {QStringLiteral("block"), parser.value(QStringLiteral("batch")).toInt()},
        {QStringLiteral("transport"), parser.value(QStringLiteral("transport"))},
        {QStringLiteral("seconds"), seconds},
        {QStringLiteral("write_seconds"), writeSeconds},
        {QStringLiteral("events_per_sec"), double(n) / seconds},
        {QStringLiteral("deliveries_per_sec"), double(n) * k / seconds},
        {QStringLiteral("cpu_s"), cpu},
        {QStringLiteral("cpu_us_per_delivery"), cpu * 1e6 / (double(n) * k)},
        {QStringLiteral("rss_growth_kb"), statusKb("VmRSS:") - rssBefore},
        {QStringLiteral("peak_rss_kb"), statusKb("VmHWM:")},
        {QStringLiteral("failures"), failures},
        {QStringLiteral("errors"), errors},
        {QStringLiteral("timed_out"), timedOut},
    };
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return timedOut ? 1 : 0;
}
