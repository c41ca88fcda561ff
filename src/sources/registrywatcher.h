#pragma once

#include "core/engine/endpointsnapshot.h"
#include "sources/expvarreader.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace hookscope {

// Attach mode: watches other registries' notification queues through their debug address
// (/debug/vars, the 2.8.2 expvar layout; /metrics with v3 names as a fallback) and turns them into
// endpoint snapshots marked remote, with what the counters imply: delivery rate, when the queue
// last moved, whether it is retrying. One request per registry per interval, all asynchronous, so
// dozens of registries at 1 Hz cost next to nothing.
class RegistryWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit RegistryWatcher(QObject *parent = nullptr);
    ~RegistryWatcher() override;

    // "127.0.0.1:5001" or "http://host:5001"; false (with a message) when it is not an address.
    bool addRegistry(const QString &debugAddress, QString *error = nullptr);
    void removeRegistry(const QString &debugAddress);
    QStringList registries() const;
    void setInterval(int ms);
    void pollNow();

    // Every watched registry's endpoints; an unreachable registry is one row in state Unreachable
    // that carries the error, until it answers again.
    QVector<EndpointSnapshot> endpoints() const;

    // How long the rows of a registry that restarted carry the note (remoteRestartedAt).
    static constexpr int RestartNoteSeconds = 600;

Q_SIGNALS:
    void updated();
    // A watched registry restarted between two readings: its counters went down (or its process
    // marks changed), so what it had pending is gone. `message` is the line to show:
    // "registry HOST:PORT restarted: counters reset; 12 event(s) were pending before (endpoint a:
    // 10, b: 2), lost with the restart". Emitted once per restart, before updated().
    void registryRestarted(const QString &registry, const QString &message);

private:
    struct Watched
    {
        QUrl base;
        QString label;   // host:port as the operator gave it
        QNetworkReply *reply = nullptr;
        bool triedPrometheus = false;
        QString error;
        QDateTime lastAnswer;
        QHash<QString, EndpointSnapshot> previous;   // by endpoint name, for deltas
        QHash<QString, QDateTime> pendingSince;
        QDateTime previousAt;                        // when `previous` was read
        QVector<EndpointSnapshot> endpoints;
        qint64 allocatedBytes = -1;                  // the last reading's process marks
        double startTimeSeconds = 0;
        QDateTime restartedAt;                       // the last restart seen, for the rows' note
        QString restartNote;
    };
    void poll(Watched &watched, const QString &path);
    void handleReply(const QString &label, QNetworkReply *reply);
    void absorb(Watched &watched, ExpvarReader::Result reading);
    void noticeRestart(Watched &watched, const ExpvarReader::Result &reading, const QDateTime &now);

    QNetworkAccessManager *m_network;
    QTimer m_timer;
    QHash<QString, Watched> m_watched;
    QStringList m_order;
};

} // namespace hookscope
