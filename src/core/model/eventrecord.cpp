#include "core/model/eventrecord.h"

#include "core/model/event.h"
#include "core/model/eventcodec.h"
#include "core/model/jsonparse.h"
#include "core/model/jsontext.h"

#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QMutex>

#include <cstring>

namespace hookscope {

using namespace Qt::StringLiterals;

namespace {

// Actions and media types come from a tiny vocabulary, yet every parsed record would otherwise own
// its own copy. Interning makes a million queued records share a handful of strings and hold a
// 2-byte index each. The table is capped so a sender inventing values cannot grow it without bound;
// past the cap a record stores the value itself. Entries are written once, before the count that
// publishes them, so readers need no lock.
class InternTable
{
public:
    static constexpr quint16 Capacity = 512;

    // 0 for an empty value or a full table.
    quint16 indexOf(const QString &value)
    {
        if (value.isEmpty())
            return 0;
        const QMutexLocker locker(&m_mutex);
        const auto it = m_index.constFind(value);
        if (it != m_index.constEnd())
            return it.value();
        const int used = m_count.loadRelaxed();
        if (used + 1 >= Capacity)
            return 0;
        const quint16 index = quint16(used + 1);
        m_values[index] = value;
        m_index.insert(value, index);
        m_count.storeRelease(index);
        return index;
    }
    QString at(quint16 index) const
    {
        return index > 0 && index <= m_count.loadAcquire() ? m_values[index] : QString();
    }

private:
    QMutex m_mutex;
    QHash<QString, quint16> m_index;
    QString m_values[Capacity];
    QAtomicInt m_count;
};

InternTable &interned()
{
    static InternTable table;
    return table;
}

QString stringAt(const QJsonObject &o, QLatin1String key)
{
    const QJsonValue v = o.value(key);
    return v.isString() ? v.toString() : QString();
}

} // namespace

std::shared_ptr<EventRecord> EventRecord::make(QByteArrayView compactJson, QByteArrayView id,
                                               const QString &action, const QString &mediaType,
                                               const QString &repository, const QString &tag)
{
    auto record = std::make_shared<EventRecord>(Private{});
    const QByteArray packed = EventCodec::encode(compactJson);
    // Text that is not compact JSON (a raw control byte) is kept as it is: never guess.
    record->m_packed = !packed.isNull();
    const QByteArrayView json = record->m_packed ? QByteArrayView(packed) : compactJson;
    // A lone surrogate (JSON "\udc00") does not survive UTF-8, which is how the other fields, a
    // full intern table and the journal store text: such a value is never interned, so it reads
    // back the same (U+FFFD, as Go decodes it) whatever the table holds. Found by fuzz/envelope.
    record->m_action = action.isValidUtf16() ? interned().indexOf(action) : 0;
    record->m_mediaType = mediaType.isValidUtf16() ? interned().indexOf(mediaType) : 0;
    const QByteArray repositoryUtf8 = repository.toUtf8();
    const QByteArray tagUtf8 = tag.toUtf8();
    const QByteArray actionUtf8 = record->m_action ? QByteArray() : action.toUtf8();
    const QByteArray mediaTypeUtf8 = record->m_mediaType ? QByteArray() : mediaType.toUtf8();
    const QByteArrayView parts[FieldCount] = {json, id, repositoryUtf8, tagUtf8, actionUtf8, mediaTypeUtf8};
    qsizetype total = 0;
    for (int i = 0; i < FieldCount; ++i) {
        record->m_sizes[i] = quint32(parts[i].size());
        total += parts[i].size();
    }
    record->m_bytes.reset(new char[size_t(qMax<qsizetype>(1, total))]);
    char *at = record->m_bytes.get();
    for (const QByteArrayView &part : parts) {
        if (!part.isEmpty())
            std::memcpy(at, part.data(), size_t(part.size()));
        at += part.size();
    }
    record->m_acceptedAtMs = QDateTime::currentMSecsSinceEpoch();
    return record;
}

QByteArrayView EventRecord::field(Field which) const
{
    qsizetype offset = 0;
    for (int i = 0; i < which; ++i)
        offset += m_sizes[i];
    return QByteArrayView(m_bytes.get() + offset, m_sizes[which]);
}

QString EventRecord::internedOrStored(quint16 index, Field which) const
{
    return index ? interned().at(index) : (m_sizes[which] ? QString::fromUtf8(field(which)) : QString());
}

QByteArray EventRecord::id() const
{
    return field(Id).toByteArray();
}

QString EventRecord::action() const
{
    return internedOrStored(m_action, Action);
}

QString EventRecord::mediaType() const
{
    return internedOrStored(m_mediaType, MediaType);
}

QString EventRecord::repository() const
{
    return QString::fromUtf8(field(Repository));
}

QString EventRecord::tag() const
{
    return QString::fromUtf8(field(Tag));
}

QByteArray EventRecord::compactJson() const
{
    if (!m_packed)
        return field(Json).toByteArray();
    return EventCodec::decode(field(Json));
}

void EventRecord::appendCompactJson(QByteArray &out) const
{
    if (m_packed)
        EventCodec::decodeAppend(field(Json), out);
    else
        out.append(field(Json));
}

std::shared_ptr<const EventRecord> EventRecord::fromParsed(QByteArray compactJson,
                                                           const QJsonObject &object)
{
    const QJsonObject target = object.value("target"_L1).toObject();
    return make(compactJson, stringAt(object, "id"_L1).toUtf8(), stringAt(object, "action"_L1),
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
    return fromParsed(JsonText::compact(json), object);
}

std::shared_ptr<const EventRecord> EventRecord::fromJournal(const Stored &stored)
{
    std::shared_ptr<EventRecord> record = make(stored.compactJson, stored.id.toUtf8(), stored.action,
                                               stored.mediaType, stored.repository, stored.tag);
    record->m_acceptedAtMs = stored.acceptedAtMs;
    record->m_stamped = true;   // accepted in an earlier run: its age goes on from then
    return record;
}

std::shared_ptr<const EventRecord> EventRecord::fromEvent(const Event &event)
{
    return make(event.toCompactJson(), event.id.toUtf8(), event.action, event.target.mediaType,
                event.target.repository, event.target.tag);
}

Event EventRecord::toEvent() const
{
    return Event::fromJson(QJsonDocument::fromJson(compactJson()).object());
}

QByteArray EventRecord::indentedJson(int depth) const
{
    return JsonText::indent(compactJson(), depth);
}

qsizetype EventRecord::approximateBytes() const
{
    // make_shared's one block (control block plus this object) and the byte buffer, each with the
    // allocator's 16-byte header and rounding. Interned strings are shared and not counted.
    constexpr qsizetype ControlBlock = 2 * sizeof(void *);
    const auto chunk = [](qsizetype n) { return (n + 8 + 15) / 16 * 16; };
    qsizetype bytes = 0;
    for (const quint32 size : m_sizes)
        bytes += size;
    return chunk(qsizetype(sizeof(EventRecord)) + ControlBlock) + chunk(bytes);
}

} // namespace hookscope
