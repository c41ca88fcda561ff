// Load generator for hookscope's ingest (the relay path): posts N manifest-push events in envelopes
// of B events over C keep-alive connections, one request in flight per connection, as a registry
// with C notification writers would. Bodies are built before the clock starts so the generator's
// own JSON work is not in the measured rate. Prints one JSON line.
//
//   bench_ingest_load --target 127.0.0.1:5050 --events 20000 --connections 1
#include "benchsupport.h"
#include "core/model/envelope.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTcpSocket>
#include <QTimer>

#include <chrono>
#include <cstdio>
#include <memory>
#include <vector>

using namespace hookscope;
using namespace hookscope::bench;

namespace {

// One keep-alive connection: sends the next request when the previous answer is complete.
struct Connection
{
    QTcpSocket socket;
    QByteArray buffer;
    bool busy = false;
};

struct Load
{
    std::vector<QByteArray> requests;
    size_t next = 0;
    qint64 answered = 0;
    qint64 transportErrors = 0;
    QMap<QString, qint64> statuses;
};

// Parses one complete response off the front of `buffer`; returns its status, 0 if incomplete.
int takeResponse(QByteArray &buffer)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return 0;
    const QByteArray head = buffer.left(headerEnd);
    qsizetype length = 0;
    for (const QByteArray &line : head.split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    }
    if (buffer.size() < headerEnd + 4 + length)
        return 0;
    const int status = head.mid(9, 3).toInt();
    buffer.remove(0, headerEnd + 4 + length);
    return status > 0 ? status : -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("target"), QStringLiteral("Ingest address HOST:PORT."), QStringLiteral("HOST:PORT"),
                      QStringLiteral("127.0.0.1:5050")});
    parser.addOption({QStringLiteral("path"), QStringLiteral("Request path."), QStringLiteral("PATH"), QStringLiteral("/events")});
    parser.addOption({QStringLiteral("events"), QStringLiteral("Events (N)."), QStringLiteral("N"), QStringLiteral("20000")});
    parser.addOption({QStringLiteral("batch"), QStringLiteral("Events per envelope."), QStringLiteral("B"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("connections"), QStringLiteral("Keep-alive connections (C)."), QStringLiteral("C"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("timeout"), QStringLiteral("Give up after S seconds."), QStringLiteral("S"), QStringLiteral("120")});
    parser.process(app);
    const QString target = parser.value(QStringLiteral("target"));
    const qsizetype colon = target.lastIndexOf(QLatin1Char(':'));
    const QString host = target.left(colon);
    const int port = colon > 0 ? target.mid(colon + 1).toInt() : 0;
    const qint64 n = parser.value(QStringLiteral("events")).toLongLong();
    const int batch = parser.value(QStringLiteral("batch")).toInt();
    const int c = parser.value(QStringLiteral("connections")).toInt();
    if (port <= 0 || port > 65535 || n < 1 || batch < 1 || c < 1) {
        std::fprintf(stderr, "bench_ingest_load: need --target HOST:PORT, --events >= 1, --batch >= 1, --connections >= 1\n");
        return 2;
    }

    Load load;
    const QByteArray path = parser.value(QStringLiteral("path")).toUtf8();
    const QByteArray hostHeader = target.toUtf8();
    for (qint64 done = 0; done < n; done += batch) {
        EventBlock block;
        for (qint64 i = done; i < qMin(n, done + batch); ++i)
            block.push_back(manifestPush(i));
        const QByteArray body = Envelope::serialize(block);
        load.requests.push_back("POST " + path + " HTTP/1.1\r\nHost: " + hostHeader
                                + "\r\nContent-Type: application/vnd.docker.distribution.events.v1+json"
                                  "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }
    const qint64 total = qint64(load.requests.size());

    const double cpuBefore = cpuSeconds();
    // Wall-clock start, so a harness can time the relay from here to the receiver's last delivery.
    const qint64 startUnixNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::system_clock::now().time_since_epoch()).count();
    QElapsedTimer clock;
    clock.start();
    std::vector<std::unique_ptr<Connection>> connections;
    auto sendNext = [&load](Connection &conn) {
        if (load.next >= load.requests.size())
            return;
        conn.busy = true;
        conn.socket.write(load.requests[load.next++]);
    };
    for (int i = 0; i < c; ++i) {
        connections.push_back(std::make_unique<Connection>());
        Connection *conn = connections.back().get();
        conn->socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        QObject::connect(&conn->socket, &QTcpSocket::connected, &app, [conn, &sendNext] { sendNext(*conn); });
        QObject::connect(&conn->socket, &QTcpSocket::readyRead, &app, [conn, &load, &sendNext, &app, total] {
            conn->buffer += conn->socket.readAll();
            int status = 0;
            while ((status = takeResponse(conn->buffer)) != 0) {
                ++load.answered;
                load.statuses[QString::number(status)] += 1;
                conn->busy = false;
                if (load.answered >= total)
                    app.quit();
                else
                    sendNext(*conn);
            }
        });
        QObject::connect(&conn->socket, &QTcpSocket::errorOccurred, &app, [conn, &load, &app](QAbstractSocket::SocketError) {
            // A dropped connection loses its request's answer; count it and stop rather than guess.
            ++load.transportErrors;
            std::fprintf(stderr, "bench_ingest_load: %s\n", qPrintable(conn->socket.errorString()));
            app.quit();
        });
        conn->socket.connectToHost(host, quint16(port));
    }
    bool timedOut = false;
    QTimer::singleShot(parser.value(QStringLiteral("timeout")).toInt() * 1000, &app, [&] {
        timedOut = true;
        app.quit();
    });
    app.exec();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    QJsonObject statuses;
    for (auto it = load.statuses.cbegin(); it != load.statuses.cend(); ++it)
        statuses.insert(it.key(), it.value());
    const qint64 accepted = load.statuses.value(QStringLiteral("200"));
    const QJsonObject out{
        {QStringLiteral("impl"), QStringLiteral("bench_ingest_load")},
        {QStringLiteral("connections"), c},
        {QStringLiteral("events"), n},
        {QStringLiteral("block"), batch},
        {QStringLiteral("requests"), total},
        {QStringLiteral("answered"), load.answered},
        {QStringLiteral("accepted_requests"), accepted},
        {QStringLiteral("statuses"), statuses},
        {QStringLiteral("transport_errors"), load.transportErrors},
        {QStringLiteral("seconds"), seconds},
        {QStringLiteral("start_unix_ns"), double(startUnixNs)},
        {QStringLiteral("requests_per_sec"), double(load.answered) / seconds},
        {QStringLiteral("cpu_s"), cpuSeconds() - cpuBefore},
        {QStringLiteral("timed_out"), timedOut},
    };
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return timedOut || load.transportErrors > 0 || accepted != total ? 1 : 0;
}
