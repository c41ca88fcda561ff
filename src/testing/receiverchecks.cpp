#include "testing/receiverchecks.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace hookscope {

using namespace Qt::StringLiterals;

SequenceStamp SequenceStamp::fromEvent(const QJsonObject &event)
{
    SequenceStamp stamp;
    const QJsonObject o = event.value("hookscope"_L1).toObject();
    const QJsonValue seq = o.value("seq"_L1);
    const QJsonValue stream = o.value("stream"_L1);
    if (!seq.isDouble() || !stream.isString())
        return stamp;
    const double value = seq.toDouble();
    if (value < 1 || value > 9007199254740992.0)   // 2^53: beyond, a double is not an exact integer
        return stamp;
    stamp.seq = quint64(value);
    stamp.stream = stream.toString();
    return stamp;
}

bool ReceiverCheckCounts::operator==(const ReceiverCheckCounts &o) const
{
    return envelopes == o.envelopes && events == o.events && uniqueIds == o.uniqueIds
        && duplicates == o.duplicates && outOfOrder == o.outOfOrder
        && multiEventEnvelopes == o.multiEventEnvelopes && badJson == o.badJson
        && stamped == o.stamped && sequenceGaps == o.sequenceGaps && sent == o.sent
        && lost == o.lost;
}

bool ReceiverChecks::parseEnvelope(const QByteArray &body, QList<QJsonObject> *events)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return false;
    const QJsonValue list = document.object().value("events"_L1);
    if (!list.isArray())
        return false;
    const QJsonArray array = list.toArray();
    events->clear();
    events->reserve(array.size());
    for (const QJsonValue &v : array) {
        if (!v.isObject())
            return false;
        events->append(v.toObject());
    }
    return true;
}

void ReceiverChecks::recordAccepted(const QList<QJsonObject> &events)
{
    ++m_counts.envelopes;
    if (events.size() > 1)
        ++m_counts.multiEventEnvelopes;
    for (const QJsonObject &event : events) {
        ++m_counts.events;
        const QByteArray id = event.value("id"_L1).toString().toUtf8();
        // An event without an id cannot be told apart from another one: count it unique.
        if (!id.isEmpty()) {
            if (m_ids.contains(id)) {
                ++m_counts.duplicates;
                continue;   // a redelivery is a duplicate, not also an order violation
            }
            m_ids.insert(id);
        }
        ++m_counts.uniqueIds;
        const SequenceStamp stamp = SequenceStamp::fromEvent(event);
        if (!stamp.isValid())
            continue;
        ++m_counts.stamped;
        StreamState &stream = m_streams[stamp.stream];
        if (stamp.seq < stream.highest)
            ++m_counts.outOfOrder;
        else
            stream.highest = stamp.seq;
        // The id check above makes this a first delivery of that stamp, unless two events share
        // one (a replayed fixture): count each stamp once.
        if (!stream.seen.contains(stamp.seq)) {
            stream.seen.insert(stamp.seq);
            if (stamp.seq > stream.floor && stamp.seq <= stream.sent)
                ++stream.seenUpToSent;
        }
    }
}

ReceiverCheckCounts ReceiverChecks::counts() const
{
    ReceiverCheckCounts counts = m_counts;
    counts.sequenceGaps = 0;
    counts.sent = 0;
    counts.lost = 0;
    for (const StreamState &stream : m_streams) {
        counts.sequenceGaps += qint64(stream.highest) - stream.seen.size();
        counts.sent += qint64(stream.sent);
        counts.lost += qint64(stream.sent - stream.floor) - stream.seenUpToSent;
    }
    return counts;
}

qint64 ReceiverChecks::missing(const QString &stream, quint64 lastSentSeq) const
{
    const auto it = m_streams.constFind(stream);
    if (it == m_streams.constEnd())
        return qint64(lastSentSeq);
    qint64 present = 0;
    for (quint64 seq : it->seen)
        present += seq <= lastSentSeq ? 1 : 0;
    return qint64(lastSentSeq) - present;
}

void ReceiverChecks::noteSent(const QString &stream, quint64 highestSeq)
{
    if (stream.isEmpty())
        return;
    StreamState &state = m_streams[stream];
    if (highestSeq <= state.sent)
        return;
    // Only the newly covered range is looked up, so a snapshot never walks the whole set.
    // A jump of more than the set's size is cheaper the other way round.
    const quint64 added = highestSeq - state.sent;
    if (added > quint64(state.seen.size())) {
        qint64 covered = 0;
        for (quint64 seq : std::as_const(state.seen))
            covered += seq > state.floor && seq <= highestSeq ? 1 : 0;
        state.seenUpToSent = covered;
    } else {
        for (quint64 seq = state.sent + 1; seq <= highestSeq; ++seq)
            state.seenUpToSent += state.seen.contains(seq) ? 1 : 0;
    }
    state.sent = highestSeq;
}

void ReceiverChecks::clear()
{
    QHash<QString, StreamState> kept;
    for (auto it = m_streams.cbegin(); it != m_streams.cend(); ++it) {
        if (it->sent == 0)
            continue;
        StreamState state;
        state.sent = it->sent;
        state.floor = it->sent;
        kept.insert(it.key(), state);
    }
    m_counts = {};
    m_ids.clear();
    m_streams = std::move(kept);
}

} // namespace hookscope
