#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace hookscope {

// The event's target: the registry 2.8.2 descriptor fields plus the 2015 {type, name} shape, so one
// struct describes every sender hookscope meets.
struct EventTarget
{
    QString mediaType;
    qint64 size = 0;
    QString digest;
    QStringList urls;
    QMap<QString, QString> annotations;
    QJsonObject platform;     // {architecture, os, os.version, os.features, variant}
    qint64 length = 0;        // same value as size; deprecated by the registry but still sent
    QString repository;
    QString fromRepository;   // mount only
    QString url;
    QString tag;
    QJsonArray references;    // descriptors, only with includereferences: true
    QString type;             // 2015 shape: "manifest" or "blob"
    QString name;             // 2015 shape: the repository
    QJsonObject extra;        // keys this model does not know, kept so a round trip loses nothing

    bool is2015Shape() const { return !type.isEmpty() || !name.isEmpty(); }
    bool operator==(const EventTarget &o) const;
    bool operator!=(const EventTarget &o) const { return !(*this == o); }
};

struct EventRequest
{
    QString id;
    QString addr;
    QString host;
    QString method;
    QString useragent;
    QJsonObject extra;

    bool operator==(const EventRequest &o) const;
    bool operator!=(const EventRequest &o) const { return !(*this == o); }
};

struct EventActor
{
    QString name;
    QJsonObject extra;

    bool operator==(const EventActor &o) const { return name == o.name && extra == o.extra; }
    bool operator!=(const EventActor &o) const { return !(*this == o); }
};

struct EventSource
{
    QString addr;
    QString instanceID;
    QJsonObject extra;

    bool operator==(const EventSource &o) const
    {
        return addr == o.addr && instanceID == o.instanceID && extra == o.extra;
    }
    bool operator!=(const EventSource &o) const { return !(*this == o); }
};

// One registry notification event as a value type (UI detail views, the generator, tests). The
// queues carry EventRecord instead, which keeps the original bytes.
class Event
{
public:
    QString id;
    QString timestamp;   // kept exactly as received: Go RFC 3339 with 0-9 fractional digits
    QString action;      // push, pull, delete, mount
    EventTarget target;
    EventRequest request;
    EventActor actor;
    EventSource source;
    QJsonObject extra;   // unknown top-level keys

    // Lenient: a field of the wrong JSON type is ignored (left empty/zero), never an error.
    static Event fromJson(const QJsonObject &object);
    // Registry 2.8.2 omitempty rules: empty target keys and an empty id are left out; timestamp,
    // action, target, request{id, method, useragent}, actor and source are always written.
    QJsonObject toJsonObject() const;
    // Compact JSON in the registry's key order with Go's string escaping (<, >, & as \u003c \u003e
    // \u0026, U+2028/U+2029 escaped), i.e. what json.Marshal would send. Unknown keys follow the
    // known ones of their object, sorted.
    QByteArray toCompactJson() const;

    bool operator==(const Event &o) const;
    bool operator!=(const Event &o) const { return !(*this == o); }
};

} // namespace hookscope
