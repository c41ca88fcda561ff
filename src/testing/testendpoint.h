#pragma once

#include "testing/receiverchecks.h"
#include "testing/testendpointstats.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QMutex>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

namespace hookscope {

class HttpRequest;
class HttpResponder;
class HttpServer;

// One built-in test endpoint (owned by TestEndpointServer). It answers on the server's shared port
// at /t/<name>, or on a listener of its own, which is the only way "down" can refuse connections.
// Lives on one thread; snapshot() may be called from any thread.
class TestEndpoint final : public QObject
{
    Q_OBJECT
public:
    TestEndpoint(const QString &name, const TestEndpointBehaviour &behaviour, QObject *parent = nullptr);
    ~TestEndpoint() override;

    QString name() const { return m_name; }
    // Gives the endpoint its own listener (port 0: any free port, kept across down phases).
    bool listenOwnPort(const QHostAddress &address, quint16 port, QString *error);
    bool hasOwnPort() const { return m_ownServer != nullptr; }
    quint16 ownPort() const { return m_ownPort; }
    void setUrl(const QUrl &url);

    // Thread of the endpoint only. A change of mode or of the down/up times restarts the schedule.
    void setBehaviour(const TestEndpointBehaviour &behaviour);
    TestEndpointBehaviour behaviour() const;
    // Flap and DownThenHeal count their phases from now on.
    void restartSchedule();
    void resetStats();
    void setRecentLimit(int limit);

    void handle(const HttpRequest &request, const HttpResponder &responder);
    bool isDown() const;

    TestEndpointStats snapshot() const;   // any thread
    qint64 missing(const QString &stream, quint64 lastSentSeq) const;   // any thread
    // The source handed stamps 1..highestSeq of `stream` to the dispatcher (any thread).
    void noteSent(const QString &stream, quint64 highestSeq);

private:
    void applySchedule();
    void addSummary(TestEndpointRequestSummary summary);   // m_mutex held
    void answer(const HttpResponder &responder, const HttpRequest &request,
                const QList<QJsonObject> &events, int status, const QByteArray &body);

    const QString m_name;
    HttpServer *m_ownServer = nullptr;
    QHostAddress m_ownAddress;
    quint16 m_ownPort = 0;
    QElapsedTimer m_scheduleClock;
    QTimer m_transitionTimer;
    QRandomGenerator m_random;
    QRandomGenerator m_latencyRandom;   // separate, so latency draws never shift fail draws
    qint64 m_answeredSinceRestart = 0;   // FailFirst counts from the schedule's start

    mutable QMutex m_mutex;   // guards what snapshot() reads
    TestEndpointStats m_stats;
    ReceiverChecks m_checks;
    int m_recentLimit = 50;
};

} // namespace hookscope
