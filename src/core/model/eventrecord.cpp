#include "model/eventrecord.h"

#include "model/event.h"
#include "model/jsonparse.h"
#include "model/jsontext.h"

#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QMutex>

namespace hookscope {

using namespace Qt::StringLiterals;

namespace {

// Actions and media types come from a tiny vocabulary, yet every parsed record would otherwise own
// its own copy. Interning makes a million queued records share a handful of implicitly shared
// strings. The table is capped so a sender inventing values cannot grow it without bound; past
// the cap values are simply not shared.
QString intern(const QString &value)
{
    if (value.isEmpty())
        return QString();
    constexpr qsizetype MaxEntries = 512;
    static QMutex mutex;
    static QHash<QString, QString> table;
    const QMutexLocker locker(&mutex);
    const auto it = table.constFind(value);
    if (it != table.constEnd())
        return it.value();
    if (table.size() >= MaxEntries)
        return value;
    table.insert(value, value);
    return value;
}

QString stringAt(const QJsonObject &o, QLatin1String key)
{
    const QJsonValue v = o.value(key);
    return v.isString() ? v.toString() : QString();
}

qsizetype stringBytes(const QString &s)
{
    return s.isDetached() ? s.capacity() * qsizetype(sizeof(QChar)) : 0;
}

} // namespace

std::shared_ptr<EventRecord> EventRecord::make(QByteArray compactJson, const QString &id,
                                               const QString &action, const QString &mediaType,
                                               const QString &repository, const QString &tag)
{
    // make_shared cannot reach the private constructor; one extra allocation is acceptable.
    std::shared_ptr<EventRecord> record(new EventRecord);
    record->m_json = std::move(compactJson);
    record->m_id = id.toUtf8();
    record->m_action = intern(action);
    record->m_mediaType = intern(mediaType);
    record->m_repository = repository;
    record->m_tag = tag;
    record->m_acceptedAtMs = QDateTime::currentMSecsSinceEpoch();
    return record;
}

std::shared_ptr<const EventRecord> EventRecord::fromParsed(QByteArray compactJson,
                                                           const QJsonObject &object)
{
    const QJsonObject target = object.value("target"_L1).toObject();
    return make(std::move(compactJson), stringAt(object, "id"_L1), stringAt(object, "action"_L1),
                stringAt(target, "mediaType"_L1), stringAt(target, "repository"_L1),
                stringAt(target, "tag"_L1));
}

std::shared_ptr<const EventRecord> EventRecord::fromJson(const QByteArray &json, QString *error)
{
    // Parse the text as given so an error offset points into what the caller actually has.
    QJsonObject object;
    const QString problem = parseJsonObject(json, &object, u"event is not an object"_s);
    if (!problem.isNull()) {
        if (error)
            *error = problem;
        return nullptr;
    }
    QByteArray compact = JsonText::compact(json);
    // compact() sizes its buffer for the input; queued records should not carry the slack.
    if (compact.capacity() > compact.size() + compact.size() / 8)
        compact.squeeze();
    return fromParsed(std::move(compact), object);
}

std::shared_ptr<const EventRecord> EventRecord::fromJournal(const Stored &stored)
{
    std::shared_ptr<EventRecord> record = make(stored.compactJson, stored.id, stored.action, stored.mediaType,
                                               stored.repository, stored.tag);
    record->m_acceptedAtMs = stored.acceptedAtMs;
    return record;
}

std::shared_ptr<const EventRecord> EventRecord::fromEvent(const Event &event)
{
    return make(event.toCompactJson(), event.id, event.action, event.target.mediaType,
                event.target.repository, event.target.tag);
}

Event EventRecord::toEvent() const
{
    return Event::fromJson(QJsonDocument::fromJson(m_json).object());
}

QByteArray EventRecord::indentedJson(int depth) const
{
    return JsonText::indent(m_json, depth);
}

qsizetype EventRecord::approximateBytes() const
{
    // The object itself, the shared_ptr control block, and the buffers this record alone owns.
    // Interned action/mediaType strings are shared by every record and are not counted.
    constexpr qsizetype ControlBlock = 2 * sizeof(void *) + 2 * sizeof(int);
    constexpr qsizetype BufferHeader = 16;   // QArrayData header per heap buffer
    qsizetype bytes = qsizetype(sizeof(EventRecord)) + ControlBlock;
    bytes += m_json.capacity() + BufferHeader;
    if (!m_id.isEmpty())
        bytes += m_id.capacity() + BufferHeader;
    if (!m_repository.isEmpty())
        bytes += stringBytes(m_repository) + BufferHeader;
    if (!m_tag.isEmpty())
        bytes += stringBytes(m_tag) + BufferHeader;
    return bytes;
}

} // namespace hookscope
