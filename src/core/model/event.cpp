#include "core/model/event.h"

#include "core/model/gojson.h"

#include <QJsonValue>

namespace hookscope {

using namespace Qt::StringLiterals;

namespace {

// Lenient readers: a value of the wrong JSON type reads as empty, as the brief for the UI asks.
QString stringAt(const QJsonObject &o, QLatin1String key)
{
    const QJsonValue v = o.value(key);
    return v.isString() ? v.toString() : QString();
}

qint64 integerAt(const QJsonObject &o, QLatin1String key)
{
    const QJsonValue v = o.value(key);
    return v.isDouble() ? v.toInteger(0) : 0;
}

QJsonObject objectAt(const QJsonObject &o, QLatin1String key)
{
    return o.value(key).toObject();   // {} unless it is an object
}

// Keys a struct does not model, so they can be written back out unchanged.
QJsonObject unknownKeys(const QJsonObject &o, std::initializer_list<QLatin1String> known)
{
    QJsonObject extra;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        bool isKnown = false;
        for (QLatin1String k : known)
            isKnown = isKnown || it.key() == k;
        if (!isKnown)
            extra.insert(it.key(), it.value());
    }
    return extra;
}

// Object writer for toCompactJson(): tracks the separator so callers just name members in order.
class CompactObject
{
public:
    explicit CompactObject(QByteArray &out) : m_out(out) { m_out.append('{'); }
    ~CompactObject() { m_out.append('}'); }
    CompactObject(const CompactObject &) = delete;
    CompactObject &operator=(const CompactObject &) = delete;

    QByteArray &key(QStringView name)
    {
        if (m_separator)
            m_out.append(',');
        m_separator = true;
        GoJson::appendString(m_out, name);
        m_out.append(':');
        return m_out;
    }
    void string(QStringView name, const QString &value) { GoJson::appendString(key(name), value); }
    void stringIfSet(QStringView name, const QString &value)
    {
        if (!value.isEmpty())
            string(name, value);
    }
    void integerIfSet(QStringView name, qint64 value)
    {
        if (value != 0)
            key(name).append(QByteArray::number(value));
    }
    void extras(const QJsonObject &extra)
    {
        for (const QString &k : GoJson::sortedKeys(extra))
            GoJson::appendValue(key(k), extra.value(k));
    }

private:
    QByteArray &m_out;
    bool m_separator = false;
};

// A JSON array of `items`, each written by `appendItem(out, item)`: the target's urls and its
// references are both lists Go marshals element by element, in order, without spaces.
template<typename List, typename AppendItem>
void appendArray(QByteArray &out, const List &items, AppendItem appendItem)
{
    out.append('[');
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i)
            out.append(',');
        appendItem(out, items.at(i));
    }
    out.append(']');
}

void appendPlatform(QByteArray &out, const QJsonObject &platform)
{
    // Field order of the OCI image-spec Platform struct vendored by registry 2.8.2.
    GoJson::appendOrderedObject(out, platform,
                                {u"architecture", u"os", u"os.version", u"os.features", u"variant"},
                                [&out](const QString &, const QJsonValue &v) {
                                    GoJson::appendValue(out, v);
                                });
}

void appendDescriptor(QByteArray &out, const QJsonValue &value)
{
    if (!value.isObject()) {
        GoJson::appendValue(out, value);
        return;
    }
    GoJson::appendOrderedObject(out, value.toObject(),
                                {u"mediaType", u"size", u"digest", u"urls", u"annotations",
                                 u"platform"},
                                [&out](const QString &k, const QJsonValue &v) {
                                    if (k == u"platform" && v.isObject())
                                        appendPlatform(out, v.toObject());
                                    else
                                        GoJson::appendValue(out, v);
                                });
}

QJsonObject annotationsObject(const QMap<QString, QString> &annotations)
{
    QJsonObject o;
    for (auto it = annotations.constBegin(); it != annotations.constEnd(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

} // namespace

bool EventTarget::operator==(const EventTarget &o) const
{
    return mediaType == o.mediaType && size == o.size && digest == o.digest && urls == o.urls
        && annotations == o.annotations && platform == o.platform && length == o.length
        && repository == o.repository && fromRepository == o.fromRepository && url == o.url
        && tag == o.tag && references == o.references && type == o.type && name == o.name
        && extra == o.extra;
}

bool EventRequest::operator==(const EventRequest &o) const
{
    return id == o.id && addr == o.addr && host == o.host && method == o.method
        && useragent == o.useragent && extra == o.extra;
}

bool Event::operator==(const Event &o) const
{
    return id == o.id && timestamp == o.timestamp && action == o.action && target == o.target
        && request == o.request && actor == o.actor && source == o.source && extra == o.extra;
}

Event Event::fromJson(const QJsonObject &object)
{
    Event e;
    e.id = stringAt(object, "id"_L1);
    e.timestamp = stringAt(object, "timestamp"_L1);
    e.action = stringAt(object, "action"_L1);
    e.extra = unknownKeys(object, {"id"_L1, "timestamp"_L1, "action"_L1, "target"_L1,
                                   "request"_L1, "actor"_L1, "source"_L1});

    const QJsonObject t = objectAt(object, "target"_L1);
    EventTarget &target = e.target;
    target.mediaType = stringAt(t, "mediaType"_L1);
    target.size = integerAt(t, "size"_L1);
    target.digest = stringAt(t, "digest"_L1);
    for (const QJsonValue &url : t.value("urls"_L1).toArray()) {
        if (url.isString())
            target.urls.append(url.toString());
    }
    const QJsonObject annotations = objectAt(t, "annotations"_L1);
    for (auto it = annotations.constBegin(); it != annotations.constEnd(); ++it) {
        if (it.value().isString())
            target.annotations.insert(it.key(), it.value().toString());
    }
    target.platform = objectAt(t, "platform"_L1);
    target.length = integerAt(t, "length"_L1);
    target.repository = stringAt(t, "repository"_L1);
    target.fromRepository = stringAt(t, "fromRepository"_L1);
    target.url = stringAt(t, "url"_L1);
    target.tag = stringAt(t, "tag"_L1);
    target.references = t.value("references"_L1).toArray();
    target.type = stringAt(t, "type"_L1);
    target.name = stringAt(t, "name"_L1);
    target.extra = unknownKeys(t, {"mediaType"_L1, "size"_L1, "digest"_L1, "urls"_L1,
                                   "annotations"_L1, "platform"_L1, "length"_L1,
                                   "repository"_L1, "fromRepository"_L1, "url"_L1, "tag"_L1,
                                   "references"_L1, "type"_L1, "name"_L1});

    const QJsonObject r = objectAt(object, "request"_L1);
    e.request.id = stringAt(r, "id"_L1);
    e.request.addr = stringAt(r, "addr"_L1);
    e.request.host = stringAt(r, "host"_L1);
    e.request.method = stringAt(r, "method"_L1);
    e.request.useragent = stringAt(r, "useragent"_L1);
    e.request.extra = unknownKeys(r, {"id"_L1, "addr"_L1, "host"_L1, "method"_L1,
                                      "useragent"_L1});

    const QJsonObject a = objectAt(object, "actor"_L1);
    e.actor.name = stringAt(a, "name"_L1);
    e.actor.extra = unknownKeys(a, {"name"_L1});

    const QJsonObject s = objectAt(object, "source"_L1);
    e.source.addr = stringAt(s, "addr"_L1);
    e.source.instanceID = stringAt(s, "instanceID"_L1);
    e.source.extra = unknownKeys(s, {"addr"_L1, "instanceID"_L1});
    return e;
}

QJsonObject Event::toJsonObject() const
{
    const auto setIfNotEmpty = [](QJsonObject &o, QLatin1String key, const QString &value) {
        if (!value.isEmpty())
            o.insert(key, value);
    };

    // Unknown keys go in first so a known key of the same name (set by hand) wins.
    QJsonObject t = target.extra;
    setIfNotEmpty(t, "mediaType"_L1, target.mediaType);
    if (target.size != 0)
        t.insert("size"_L1, target.size);
    setIfNotEmpty(t, "digest"_L1, target.digest);
    if (!target.urls.isEmpty())
        t.insert("urls"_L1, QJsonArray::fromStringList(target.urls));
    if (!target.annotations.isEmpty())
        t.insert("annotations"_L1, annotationsObject(target.annotations));
    if (!target.platform.isEmpty())
        t.insert("platform"_L1, target.platform);
    if (target.length != 0)
        t.insert("length"_L1, target.length);
    setIfNotEmpty(t, "repository"_L1, target.repository);
    setIfNotEmpty(t, "fromRepository"_L1, target.fromRepository);
    setIfNotEmpty(t, "url"_L1, target.url);
    setIfNotEmpty(t, "tag"_L1, target.tag);
    if (!target.references.isEmpty())
        t.insert("references"_L1, target.references);
    setIfNotEmpty(t, "type"_L1, target.type);
    setIfNotEmpty(t, "name"_L1, target.name);

    QJsonObject r = request.extra;
    r.insert("id"_L1, request.id);
    setIfNotEmpty(r, "addr"_L1, request.addr);
    setIfNotEmpty(r, "host"_L1, request.host);
    r.insert("method"_L1, request.method);
    r.insert("useragent"_L1, request.useragent);

    QJsonObject a = actor.extra;
    setIfNotEmpty(a, "name"_L1, actor.name);

    QJsonObject s = source.extra;
    setIfNotEmpty(s, "addr"_L1, source.addr);
    setIfNotEmpty(s, "instanceID"_L1, source.instanceID);

    QJsonObject o = extra;
    setIfNotEmpty(o, "id"_L1, id);
    o.insert("timestamp"_L1, timestamp);
    o.insert("action"_L1, action);
    o.insert("target"_L1, t);
    o.insert("request"_L1, r);
    o.insert("actor"_L1, a);
    o.insert("source"_L1, s);
    return o;
}

QByteArray Event::toCompactJson() const
{
    QByteArray out;
    out.reserve(1024);
    {
        CompactObject event(out);
        event.stringIfSet(u"id", id);
        event.string(u"timestamp", timestamp);
        event.string(u"action", action);
        {
            CompactObject t(event.key(u"target"));
            const bool legacy = target.is2015Shape();
            if (legacy) {
                // The 2015 target was {type, name, digest, tag, url}.
                t.stringIfSet(u"type", target.type);
                t.stringIfSet(u"name", target.name);
                t.stringIfSet(u"digest", target.digest);
                t.stringIfSet(u"tag", target.tag);
                t.stringIfSet(u"url", target.url);
            }
            t.stringIfSet(u"mediaType", target.mediaType);
            t.integerIfSet(u"size", target.size);
            if (!legacy)
                t.stringIfSet(u"digest", target.digest);
            if (!target.urls.isEmpty())
                appendArray(t.key(u"urls"), target.urls, GoJson::appendString);
            if (!target.annotations.isEmpty())
                GoJson::appendValue(t.key(u"annotations"), annotationsObject(target.annotations));
            if (!target.platform.isEmpty())
                appendPlatform(t.key(u"platform"), target.platform);
            t.integerIfSet(u"length", target.length);
            t.stringIfSet(u"repository", target.repository);
            t.stringIfSet(u"fromRepository", target.fromRepository);
            if (!legacy) {
                t.stringIfSet(u"url", target.url);
                t.stringIfSet(u"tag", target.tag);
            }
            if (!target.references.isEmpty())
                appendArray(t.key(u"references"), target.references, appendDescriptor);
            t.extras(target.extra);
        }
        {
            CompactObject r(event.key(u"request"));
            r.string(u"id", request.id);
            r.stringIfSet(u"addr", request.addr);
            r.stringIfSet(u"host", request.host);
            r.string(u"method", request.method);
            r.string(u"useragent", request.useragent);
            r.extras(request.extra);
        }
        {
            CompactObject a(event.key(u"actor"));
            a.stringIfSet(u"name", actor.name);
            a.extras(actor.extra);
        }
        {
            CompactObject s(event.key(u"source"));
            s.stringIfSet(u"addr", source.addr);
            s.stringIfSet(u"instanceID", source.instanceID);
            s.extras(source.extra);
        }
        event.extras(extra);
    }
    return out;
}

} // namespace hookscope
