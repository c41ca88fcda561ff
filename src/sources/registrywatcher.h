#pragma once

#include "core/engine/endpointsnapshot.h"

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

Q_SIGNALS:
    void updated();

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
    };
    void poll(Watched &watched, const QString &path);
    void handleReply(const QString &label, QNetworkReply *reply);
    void absorb(Watched &watched, QVector<EndpointSnapshot> endpoints);

    QNetworkAccessManager *m_network;
    QTimer m_timer;
    QHash<QString, Watched> m_watched;
    QStringList m_order;
};

} // namespace hookscope
