#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>
#include <vector>

namespace hookscope {

class Event;

// One event as it sits in the endpoint queues: immutable and shared by every endpoint it was fanned
// out to, so K endpoints cost one copy of the bytes. It keeps the event's JSON exactly as it arrived
// (compacted, original key order and number spelling preserved) so relaying loses no field, and it
// keeps the few fields the hot path needs (filter, logs, UI) already extracted.
class EventRecord
{
public:
    // Builds a record from one event object's JSON text (any whitespace; it is compacted).
    // Returns nullptr and sets *error when the text is not a JSON object.
    static std::shared_ptr<const EventRecord> fromJson(const QByteArray &json, QString *error = nullptr);
    // Builds a record from a value event (generator, composer): serialised in the registry's key order.
    static std::shared_ptr<const EventRecord> fromEvent(const Event &event);
    // For callers that already validated and parsed the text (Envelope::parse): takes the compact
    // bytes as they are and reads the hot fields from `object`, so nothing is parsed twice.
    static std::shared_ptr<const EventRecord> fromParsed(QByteArray compactJson,
                                                         const QJsonObject &object);

    // Rebuilds a record the journal stored: the compact bytes and hot fields as it wrote them (no
    // parse, so a million-event queue comes back quickly) and the original acceptance time, so
    // queue ages survive a restart.
    struct Stored
    {
        QByteArray compactJson;
        qint64 acceptedAtMs = 0;
        QString id, action, mediaType, repository, tag;
    };
    static std::shared_ptr<const EventRecord> fromJournal(const Stored &stored);

    const QByteArray &id() const { return m_id; }
    const QString &action() const { return m_action; }
    const QString &mediaType() const { return m_mediaType; }   // target.mediaType, may be empty
    const QString &repository() const { return m_repository; }
    const QString &tag() const { return m_tag; }
    const QByteArray &compactJson() const { return m_json; }    // no insignificant whitespace
    qint64 acceptedAtMs() const { return m_acceptedAtMs; }      // wall clock, ms since the epoch

    Event toEvent() const;   // full value type, parsed on demand (UI detail, tests)
    // Go json.MarshalIndent style ("   " per level) at the given nesting depth, no trailing newline.
    QByteArray indentedJson(int depth) const;

    // Rough heap bytes held by this record (memory accounting and benchmarks).
    qsizetype approximateBytes() const;

private:
    EventRecord() = default;
    static std::shared_ptr<EventRecord> make(QByteArray compactJson, const QString &id,
                                             const QString &action, const QString &mediaType,
                                             const QString &repository, const QString &tag);
    QByteArray m_id;
    QString m_action;
    QString m_mediaType;
    QString m_repository;
    QString m_tag;
    QByteArray m_json;
    qint64 m_acceptedAtMs = 0;
};

using EventPtr = std::shared_ptr<const EventRecord>;
using EventBlock = std::vector<EventPtr>;

} // namespace hookscope
