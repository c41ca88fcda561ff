#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

namespace hookscope {

class Event;

// One event as it sits in the endpoint queues: immutable and shared by every endpoint it was fanned
// out to, so K endpoints cost one copy of the bytes. It keeps the event's JSON exactly as it arrived
// (compacted, original key order and number spelling preserved) so relaying loses no field, and it
// keeps the few fields the hot path needs (filter, logs, UI) already extracted.
//
// A million of these can wait behind a dead receiver, so the layout is frugal: the record and its
// shared_ptr control block are one allocation (make_shared), and every byte it owns is a second
// one: the JSON packed by EventCodec (about half of the compact text for registry events), then
// the id, repository and tag as UTF-8. Action and media type come from a small vocabulary and are
// interned: a record holds an index. Accessors build their values on demand.
class EventRecord
{
    struct Private
    {
    };

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
    // parse, so a queue window comes back quickly) and the original acceptance time, so queue ages
    // survive a restart.
    struct Stored
    {
        QByteArray compactJson;
        qint64 acceptedAtMs = 0;
        QString id, action, mediaType, repository, tag;
    };
    static std::shared_ptr<const EventRecord> fromJournal(const Stored &stored);

    explicit EventRecord(Private) { }
    EventRecord(const EventRecord &) = delete;
    EventRecord &operator=(const EventRecord &) = delete;

    QByteArray id() const;
    QString action() const;       // interned: records share the string
    QString mediaType() const;    // target.mediaType, may be empty; interned
    QString repository() const;
    QString tag() const;
    QByteArray compactJson() const;                 // no insignificant whitespace
    void appendCompactJson(QByteArray &out) const;  // the same bytes, appended without a temporary
    qint64 acceptedAtMs() const { return m_acceptedAtMs; }   // wall clock, ms since the epoch
    // The engine stamps a record when it accepts it, from its own clock (a ManualClock's wall time
    // in virtual-time runs), before the record reaches any queue or another thread. Until then it
    // holds the time it was built. Once only: a record submitted again (already queued, perhaps
    // read by the window) keeps its first acceptance time.
    void markAccepted(qint64 wallMs) const
    {
        if (m_stamped)
            return;
        m_acceptedAtMs = wallMs;
        m_stamped = true;
    }

    Event toEvent() const;   // full value type, parsed on demand (UI detail, tests)
    // Go json.MarshalIndent style ("   " per level) at the given nesting depth, no trailing newline.
    QByteArray indentedJson(int depth) const;

    // Rough heap bytes held by this record (memory accounting and benchmarks).
    qsizetype approximateBytes() const;

    // The key a journal gave this record (0: none). Set by the journal on the engine thread; the
    // record is otherwise immutable, so this is the one mutable field, atomic for other readers.
    qint64 journalKey() const { return m_journalKey.load(std::memory_order_relaxed); }
    void setJournalKey(qint64 key) const { m_journalKey.store(key, std::memory_order_relaxed); }

private:
    enum Field { Json, Id, Repository, Tag, Action, MediaType, FieldCount };
    static std::shared_ptr<EventRecord> make(QByteArrayView compactJson, QByteArrayView id,
                                             const QString &action, const QString &mediaType,
                                             const QString &repository, const QString &tag);
    QByteArrayView field(Field which) const;
    QString internedOrStored(quint16 index, Field which) const;

    std::unique_ptr<char[]> m_bytes;       // the fields, back to back, in Field order
    quint32 m_sizes[FieldCount] = {};      // Action/MediaType: 0 unless the vocabulary was full
    quint16 m_action = 0;                  // index into the intern table; 0 = empty or stored
    quint16 m_mediaType = 0;
    bool m_packed = false;                 // m_bytes holds EventCodec output, not the text itself
    mutable qint64 m_acceptedAtMs = 0;   // see markAccepted()
    mutable bool m_stamped = false;
    mutable std::atomic<qint64> m_journalKey{0};
};

using EventPtr = std::shared_ptr<const EventRecord>;
using EventBlock = std::vector<EventPtr>;

} // namespace hookscope
