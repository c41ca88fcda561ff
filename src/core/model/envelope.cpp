#include "core/model/envelope.h"

#include "core/model/eventvalidator.h"

#include "core/model/jsonparse.h"
#include "core/model/jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hookscope::Envelope {

using namespace Qt::StringLiterals;

bool isAcceptedContentType(const QByteArray &contentType)
{
    // "type/subtype; charset=utf-8": only the media type decides; it is case-insensitive (RFC 9110).
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray type =
        (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
    return type == MediaTypeV1 || type == MediaTypeV2 || type == MediaTypeJson;
}

ParseResult parse(const QByteArray &body, int maxDepth)
{
    ParseOptions options;
    options.maxDepth = maxDepth;
    return parse(body, options);
}

ParseResult parse(const QByteArray &body, const ParseOptions &options)
{
    ParseResult result;
    // Cheap text scan first, so absurdly nested input never reaches the recursive parser.
    if (JsonText::maxDepth(body) > options.maxDepth) {
        result.error = u"nesting deeper than "_s + QString::number(options.maxDepth);
        return result;
    }

    QJsonObject root;
    result.error = parseJsonObject(body, &root, u"top level is not an object"_s);
    if (!result.ok())
        return result;
    const auto eventsIt = root.constFind("events"_L1);
    if (eventsIt == root.constEnd()) {
        result.error = u"\"events\" is missing"_s;
        return result;
    }
    if (!eventsIt.value().isArray()) {
        result.error = u"\"events\" is not an array"_s;
        return result;
    }
    const QJsonArray events = eventsIt.value().toArray();
    // Before any per-event work: 50,000 tiny objects must cost one count, not 50,000 records.
    if (options.maxEvents >= 0 && events.size() > options.maxEvents) {
        result.tooManyEvents = true;
        result.error = u"%1 events in one envelope; at most %2 are taken"_s.arg(events.size())
                           .arg(options.maxEvents);
        return result;
    }
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (!events.at(i).isObject()) {
            result.error = u"events["_s + QString::number(i) + u"] is not an object"_s;
            return result;
        }
        if (!options.validateEvents)
            continue;
        if (const std::optional<QString> problem = EventValidator::checkIngested(events.at(i).toObject())) {
            result.error = u"events["_s + QString::number(i) + u"]: "_s + *problem;
            return result;
        }
    }

    // Each record keeps its element's own bytes (compacted once, for the whole body) so the
    // sender's key order, number spelling and unknown fields survive relaying.
    const QByteArray compact = JsonText::compact(body);
    const auto spans = JsonText::topLevelArrayItems(compact, "events");
    if (!spans || qsizetype(spans->size()) != events.size()) {
        // Cannot happen for text QJsonDocument accepted; reported rather than asserted.
        result.error = u"internal error: could not locate the events in the body"_s;
        return result;
    }
    result.events.reserve(spans->size());
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QByteArrayView span = spans->at(size_t(i));
        result.events.push_back(
            EventRecord::fromParsed(span.toByteArray(), events.at(i).toObject()));
    }
    return result;
}

QByteArray serialize(const EventBlock &events)
{
    if (events.empty())
        return QByteArrayLiteral("{}");
    // json.MarshalIndent(env, "", "   "): events sit at depth 2 under {"events": [ ... ]}.
    static constexpr char Head[] = "{\n   \"events\": [\n      ";
    static constexpr char Separator[] = ",\n      ";
    static constexpr char Tail[] = "\n   ]\n}";
    QByteArray out;
    // Records keep their JSON packed: each is unpacked into this one buffer (it keeps its capacity
    // across events), so an envelope costs no allocation per event and no second pass to size it.
    QByteArray compact;
    bool first = true;
    for (const EventPtr &event : events) {
        compact.resize(0);
        event->appendCompactJson(compact);
        if (first) {
            // Indenting roughly doubles compact JSON; events of one envelope are alike in size.
            out.reserve(qsizetype(sizeof Head + sizeof Tail)
                        + qsizetype(events.size()) * (compact.size() * 2 + qsizetype(sizeof Separator)));
            out.append(Head);
        } else {
            out.append(Separator);
        }
        first = false;
        JsonText::indentAppend(out, compact, 2);
    }
    out.append(Tail);
    return out;
}

} // namespace hookscope::Envelope
