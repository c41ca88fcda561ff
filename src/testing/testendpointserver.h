#pragma once

#include "testing/testendpointbehaviour.h"
#include "testing/testendpointstats.h"

#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace hookscope {

class HttpServer;
class TestEndpoint;

// Built-in faulty receivers for trying a dispatcher against: one HTTP server hosting any number of
// named test endpoints at /t/<name>, each with a behaviour that can be changed while it runs, plus
// optional endpoints with a listener of their own (the only way "down" can refuse connections).
// Every endpoint runs the receiver checks (duplicates, reordering, bad JSON) on what it accepts.
//
// Lives on the thread that created it; add and remove endpoints there. setBehaviour(), restartSchedule(), resetStats() and the
// read functions may be called from any thread.
class TestEndpointServer final : public QObject
{
    Q_OBJECT
public:
    explicit TestEndpointServer(QObject *parent = nullptr);
    ~TestEndpointServer() override;

    // The shared listener. Only loopback makes sense for a test receiver, hence the default.
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0,
                QString *error = nullptr);
    // Stops listening and removes every endpoint (own-port listeners close with them).
    void close();
    bool isListening() const;
    quint16 port() const;
    QHostAddress address() const { return m_address; }

    // Names are path segments: letters, digits, '-', '_' and '.'. An invalid name or behaviour, or
    // a name in use, is refused with a message and changes nothing.
    bool addEndpoint(const QString &name, const TestEndpointBehaviour &behaviour = {},
                     QString *error = nullptr);
    // Same, with its own listener on the shared server's address (port 0: any free port).
    // Requests reach it on any path; url() gives /t/<name> for symmetry.
    bool addEndpointOnOwnPort(const QString &name, const TestEndpointBehaviour &behaviour = {},
                              quint16 port = 0, QString *error = nullptr);
    bool removeEndpoint(const QString &name);
    QStringList endpointNames() const;
    bool hasEndpoint(const QString &name) const;
    // http://127.0.0.1:<port>/t/<name>; empty when there is no such endpoint.
    QUrl url(const QString &name) const;

    bool setBehaviour(const QString &name, const TestEndpointBehaviour &behaviour,
                      QString *error = nullptr);
    std::optional<TestEndpointBehaviour> behaviour(const QString &name) const;
    bool restartSchedule(const QString &name);
    bool resetStats(const QString &name);
    // How many request summaries each endpoint keeps (default 50).
    void setRecentLimit(int limit);

    // Value snapshots, in the order endpoints were added.
    QList<TestEndpointStats> snapshot() const;
    std::optional<TestEndpointStats> stats(const QString &name) const;
    // Sequence stamps 1..lastSentSeq of a generator stream that `name` never accepted.
    qint64 missing(const QString &name, const QString &stream, quint64 lastSentSeq) const;
    // A source (the generator) handed stamps 1..highestSeq of `stream` to the dispatcher for these
    // endpoints: every endpoint (or only `name`) then reports checks.lost against it. Any thread.
    void noteSent(const QString &stream, quint64 highestSeq, const QString &name = QString());

    static bool isValidName(const QString &name);

private:
    bool addEndpointImpl(const QString &name, const TestEndpointBehaviour &behaviour,
                         bool ownPort, quint16 port, QString *error);
    TestEndpoint *find(const QString &name) const;   // m_mutex held
    TestEndpoint *findLocked(const QString &name) const;
    // Runs fn on this object's thread: directly when already there, else queued.
    template<typename Fn>
    void onOwnThread(Fn fn);
    // What read(endpoint) gives for the endpoint called `name`, read with m_mutex held; nullopt
    // when there is none.
    template<typename T, typename Read>
    std::optional<T> readEndpoint(const QString &name, Read read) const;

    HttpServer *m_server;
    QHostAddress m_address = QHostAddress(QHostAddress::LocalHost);
    mutable QMutex m_mutex;   // guards the list, not the endpoints' own state
    QList<TestEndpoint *> m_endpoints;
    int m_recentLimit = 50;
};

} // namespace hookscope
