#pragma once

#include "http/httpserver.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QQueue>
#include <QUrl>

namespace hookscope {

// What the fake receiver does with one request.
struct FakeStep
{
    enum Action { Respond, Hang, Close, Reset };
    int status = 200;
    int delayMs = 0;                 // before acting (Respond, Close, Reset)
    Action action = Respond;
    QByteArray body;
    HttpHeaders headers;

    static FakeStep respond(int status, int delayMs = 0) { return {status, delayMs, Respond, {}, {}}; }
    static FakeStep hang() { return {0, 0, Hang, {}, {}}; }
    static FakeStep close(int delayMs = 0) { return {0, delayMs, Close, {}, {}}; }
    static FakeStep reset(int delayMs = 0) { return {0, delayMs, Reset, {}, {}}; }
};

// A scriptable webhook receiver on 127.0.0.1 (free port) for dispatcher tests. Each request
// consumes the next scripted step; when the script is empty, the default step (200) applies.
// Every request is recorded, with a monotonic arrival time, before its step runs.
class FakeHttpServer : public QObject
{
    Q_OBJECT
public:
    struct Received
    {
        QByteArray method;
        QByteArray path;             // the raw request target
        HttpHeaders headers;
        QByteArray body;
        qint64 atMs = 0;             // ms since the fake server was created (monotonic)
        int connectionId = 0;

        QByteArray header(const QByteArray &name) const;
        // The ids of the envelope's events, in envelope order.
        QList<QByteArray> eventIds() const;
    };

    explicit FakeHttpServer(QObject *parent = nullptr);
    explicit FakeHttpServer(const HttpServerOptions &options, QObject *parent = nullptr);

    bool isListening() const { return m_server->isListening(); }
    quint16 port() const { return m_server->serverPort(); }
    QUrl url(const QString &path = QStringLiteral("/events")) const;

    void enqueue(const FakeStep &step) { m_script.enqueue(step); }
    void enqueue(const QList<FakeStep> &steps);
    void setDefaultStep(const FakeStep &step) { m_defaultStep = step; }
    int remainingSteps() const { return int(m_script.size()); }

    const QList<Received> &received() const { return m_received; }
    // Event ids of every envelope received, in arrival order; only requests to `path` when given.
    QList<QByteArray> eventIds(const QByteArray &path = {}) const;
    int requestCount() const { return int(m_received.size()); }
    int connectionCount() const { return int(m_server->stats().connectionsAccepted); }
    void clearReceived() { m_received.clear(); }
    // Spins the event loop until n requests arrived in total or the time is up.
    bool waitForRequests(int n, int timeoutMs = 5000);

    HttpServer &server() { return *m_server; }

Q_SIGNALS:
    void requestReceived(int index);

private:
    void handle(const HttpRequest &request, HttpResponder responder);
    static void perform(const FakeStep &step, const HttpResponder &responder);

    HttpServer *m_server = nullptr;
    QQueue<FakeStep> m_script;
    FakeStep m_defaultStep;
    QList<Received> m_received;
    QElapsedTimer m_clock;
};

} // namespace hookscope
