#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

namespace hookscope {

// The generator's sequence stamp, read back from an event. The generator (src/sources/generator.h)
// writes it as an extra top-level member of each event:
//     "hookscope": {"seq": 17, "stream": "<source.instanceID of that generator>"}
// A top-level key the registry's Event struct does not have is ignored by registry-format receivers
// (Go's encoding/json skips unknown fields) and survives relaying byte for byte, because queued
// records keep the JSON as it came. Events without it (real registry traffic) are still checked for
// duplicates, just not for order.
struct SequenceStamp
{
    QString stream;
    quint64 seq = 0;   // 1-based; 0 means "no stamp"

    bool isValid() const { return seq > 0 && !stream.isEmpty(); }
    static SequenceStamp fromEvent(const QJsonObject &event);
};

struct ReceiverCheckCounts
{
    qint64 envelopes = 0;           // accepted envelopes
    qint64 events = 0;              // events in them, duplicates included
    qint64 uniqueIds = 0;
    qint64 duplicates = 0;          // events whose id was already accepted
    // First deliveries whose stamp is lower than the highest already accepted from that stream.
    qint64 outOfOrder = 0;
    qint64 multiEventEnvelopes = 0; // envelopes with more than one event (the registry sends one)
    qint64 badJson = 0;             // bodies that are not an envelope ({"events": [objects]})
    qint64 stamped = 0;             // unique events that carried a sequence stamp
    // Per stream, stamps below the highest one seen that never arrived (summed over streams):
    // what is missing so far, if the sender has delivered its newest event.
    qint64 sequenceGaps = 0;
    // Loss, for streams whose sender said how far it got (ReceiverChecks::noteSent): per stream,
    // the stamps in [1, highest sent] never accepted, summed. `sent` is the sum of those highest
    // stamps. While events are still queued or being retried they count as lost; once the
    // sender's queues have drained, this is what never arrived.
    qint64 sent = 0;
    qint64 lost = 0;

    bool operator==(const ReceiverCheckCounts &o) const;
    bool operator!=(const ReceiverCheckCounts &o) const { return !(*this == o); }
};

// Bookkeeping of one receiver: what it accepted, duplicates by event id, reordering by generator
// sequence. Not thread-safe; the owner serialises access.
class ReceiverChecks
{
public:
    // Splits an envelope body into its event objects; false when it is not an envelope.
    static bool parseEnvelope(const QByteArray &body, QList<QJsonObject> *events);

    void recordBadJson() { ++m_counts.badJson; }
    // Records an accepted envelope's events, in envelope order.
    void recordAccepted(const QList<QJsonObject> &events);

    ReceiverCheckCounts counts() const;
    // Stamps 1..lastSentSeq of `stream` never accepted: the loss once the sender says it sent that many.
    qint64 missing(const QString &stream, quint64 lastSentSeq) const;
    // The sender (the generator) handed stamps 1..highestSeq of `stream` to the dispatcher for this
    // receiver. Only grows: a lower value than before is ignored. Makes counts().lost meaningful.
    void noteSent(const QString &stream, quint64 highestSeq);
    QStringList streams() const { return m_streams.keys(); }
    bool hasAccepted(const QByteArray &id) const { return m_ids.contains(id); }
    // Forgets everything accepted. What the sender had sent so far is remembered as a floor, so
    // loss counts from now on instead of blaming the cleared history.
    void clear();

private:
    struct StreamState
    {
        quint64 highest = 0;
        QSet<quint64> seen;
        quint64 sent = 0;           // noteSent(); 0: never told
        // Stamps up to here were sent before the last clear(): neither lost nor counted.
        quint64 floor = 0;
        qint64 seenUpToSent = 0;    // how many of `seen` are in (floor, sent], kept as both grow
    };
    ReceiverCheckCounts m_counts;
    QSet<QByteArray> m_ids;
    QHash<QString, StreamState> m_streams;
};

} // namespace hookscope
