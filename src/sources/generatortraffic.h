#pragma once

#include "core/model/event.h"

#include <QList>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <functional>

namespace hookscope {

enum class GeneratorProfile { Push, Pull, Mount, Delete, Mixed };

struct GeneratorOptions
{
    quint32 seed = 1;                      // same seed, same events (timestamps aside)
    QString scheme = QStringLiteral("https");
    QString registryHost = QStringLiteral("registry.example.net");   // request.host, target.url
    QString sourceAddr = QStringLiteral("registry-1:5000");          // source.addr
    QStringList repositories;              // empty: a built-in realistic set
    QStringList users;                     // actor names; "" is an anonymous client; empty: built-in
    bool includeReferences = false;        // notifications.events.includereferences
    // Adds the "hookscope": {"seq", "stream"} member the receiver checks read (see
    // src/testing/receiverchecks.h). Off: events are exactly registry-shaped, order is unchecked.
    bool stampSequence = true;
    // Mixed profile: relative weights of the client operations.
    int pushWeight = 3;
    int pullWeight = 6;
    int mountWeight = 1;
    int deleteWeight = 1;
};

// The deterministic core of the generator: turns client operations (docker push, pull, a cross-repo
// mount, a tag delete) into the events registry 2.8.2 emits for them, in its order and shapes (see
// the fixtures' "Envelopes per step"). It remembers what was pushed, so later pulls, mounts and
// deletes refer to real content. No timers, no I/O.
class GeneratorTraffic
{
public:
    explicit GeneratorTraffic(const GeneratorOptions &options = {});

    // The events of one client operation, in emission order, stamped with the next sequence numbers.
    QList<Event> operation(GeneratorProfile profile);

    QString stream() const { return m_instanceId; }   // = source.instanceID
    quint64 lastSequence() const { return m_sequence; }
    const GeneratorOptions &options() const { return m_options; }
    // Nanoseconds since the epoch; default is the wall clock plus a seeded sub-millisecond part.
    void setClock(std::function<qint64()> nowNs) { m_clock = std::move(nowNs); }

    static QString formatTimestamp(qint64 nsSinceEpoch);   // Go's RFC3339Nano in UTC
    static QString mediaTypeName(int kind);

private:
    struct Blob
    {
        QString mediaType;   // as referenced by the manifest (the event itself says octet-stream)
        qint64 size = 0;
        QString digest;
    };
    struct Image
    {
        QString repository;
        QString tag;
        QString mediaType;
        qint64 size = 0;
        QString digest;
        QList<Blob> blobs;      // config first, then layers (image manifests)
        QList<Blob> children;   // child manifests (index / list); they share `blobs`
    };
    struct Client
    {
        QString ip;
        int port = 0;
        QString userAgent;
        QString actor;
    };

    QList<Event> push();
    QList<Event> pull();
    QList<Event> mount();
    QList<Event> remove();

    Image newImage(const QString &repository);
    Image anyImage();
    void remember(const Image &pushed);
    static Image childOf(const Image &index, const Blob &child);
    Client newClient();
    Event baseEvent(const QString &action, const QString &method, Client &client,
                    const QString &requestId = QString());
    Event blobEvent(const QString &action, const QString &method, Client &client,
                    const QString &repository, const Blob &blob);
    Event manifestEvent(const QString &action, const QString &method, Client &client,
                        const Image &image, bool byTag);
    QList<Event> stamp(QList<Event> events);

    QString uuid();
    QString digestOf(const QByteArray &what);
    QString pick(const QStringList &list);
    qint64 nowNs();

    GeneratorOptions m_options;
    QRandomGenerator m_random;
    QString m_instanceId;
    quint64 m_sequence = 0;
    quint64 m_counter = 0;        // makes every digest and tag distinct
    qint64 m_lastNs = 0;
    QList<Image> m_catalog;       // what is pushed and not deleted, oldest first
    std::function<qint64()> m_clock;
};

} // namespace hookscope
