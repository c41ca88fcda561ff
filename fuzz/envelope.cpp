// Fuzzes what ingest does with a body it accepted: Envelope::parse, then what the queues and the
// sinks do with the records (EventCodec packing, unpacking, Envelope::serialize).
//
// Invariants, beyond "no crash, no sanitizer report":
// - EventCodec: encode() refuses exactly the texts holding a byte below 0x20; otherwise
//   decode(encode(x)) == x, decodedSize() agrees and the packing is never larger. decode() and
//   decodedSize() agree on any bytes at all (a corrupt journal row must not overrun).
// - parse -> pack -> unpack gives back each event's own bytes: every record's compactJson() (and
//   appendCompactJson()) is exactly that element of the compacted body, and its hot fields are the
//   ones in the JSON (as UTF-8 stores them: a lone surrogate reads back as U+FFFD, as in Go).
// - serialize -> parse is lossless and serialize is a fixed point: re-parsing the envelope we would
//   send gives the same compact bytes per event, and serialising those again the same envelope,
//   whose "events" array is the same JSON value as the body's.

#include "fuzzcheck.h"

#include "core/model/envelope.h"
#include "core/model/eventcodec.h"
#include "core/model/eventrecord.h"
#include "core/model/jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>

using namespace hookscope;

namespace {

void checkCodec(const QByteArray &text)
{
    bool hasControl = false;
    for (const char c : text)
        hasControl = hasControl || uchar(c) < 0x20;
    const QByteArray packed = EventCodec::encode(text);
    FUZZ_CHECK(packed.isNull() == hasControl, "encode() refuses exactly the texts with a byte < 0x20");
    if (!packed.isNull()) {
        FUZZ_CHECK(packed.size() <= text.size(), "packing never grows the text");
        FUZZ_CHECK(EventCodec::decodedSize(packed) == text.size(), "decodedSize(encode(x)) == size(x)");
        FUZZ_CHECK(EventCodec::decode(packed) == text, "decode(encode(x)) == x");
        QByteArray appended("prefix");
        EventCodec::decodeAppend(packed, appended);
        FUZZ_CHECK(appended == "prefix" + text, "decodeAppend appends exactly decode()");
    }
    // Arbitrary bytes as packed input: sizes agree and nothing is read or written out of bounds.
    FUZZ_CHECK(EventCodec::decode(text).size() == EventCodec::decodedSize(text),
               "decode() and decodedSize() agree on any input");
}

// What a hot field reads back as: the JSON string as stored in UTF-8 (a lone surrogate becomes
// U+FFFD, as Go decodes it), or empty when the member is missing or not a string.
QString hot(const QJsonValue &value)
{
    return value.isString() ? QString::fromUtf8(value.toString().toUtf8()) : QString();
}

void checkRecord(const EventPtr &record, QByteArrayView expectedCompact, const QJsonObject &object)
{
    const QByteArray compact = record->compactJson();
    FUZZ_CHECK(compact == expectedCompact, "a record unpacks to its element's compact bytes");
    QByteArray appended("x");
    record->appendCompactJson(appended);
    FUZZ_CHECK(appended == "x" + compact, "appendCompactJson() appends compactJson()");
    const QJsonValue id = object.value(QLatin1String("id"));
    FUZZ_CHECK(record->id() == (id.isString() ? id.toString().toUtf8() : QByteArray()), "id()");
    const QJsonValue action = object.value(QLatin1String("action"));
    FUZZ_CHECK(record->action() == hot(action), "action()");
    const QJsonObject target = object.value(QLatin1String("target")).toObject();
    const QJsonValue repository = target.value(QLatin1String("repository"));
    FUZZ_CHECK(record->repository() == hot(repository), "repository()");
    const QJsonValue mediaType = target.value(QLatin1String("mediaType"));
    FUZZ_CHECK(record->mediaType() == hot(mediaType), "mediaType()");
    const QJsonValue tag = target.value(QLatin1String("tag"));
    FUZZ_CHECK(record->tag() == hot(tag), "tag()");
    // The indented form (the UI, the journal export) compacts back to the same bytes.
    FUZZ_CHECK(JsonText::compact(record->indentedJson(1)) == compact, "compact(indent(x)) == x");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    checkCodec(body);

    const Envelope::ParseResult parsed = Envelope::parse(body);
    if (!parsed.ok())
        return 0;
    FUZZ_CHECK(parsed.error.isNull(), "ok() means no error text");
    const QByteArray compact = JsonText::compact(body);
    checkCodec(compact);
    const auto spans = JsonText::topLevelArrayItems(compact, "events");
    FUZZ_CHECK(spans.has_value(), "an envelope that parsed has an events array");
    FUZZ_CHECK(spans->size() == parsed.events.size(), "one record per element");
    const QJsonArray events =
        QJsonDocument::fromJson(body).object().value(QLatin1String("events")).toArray();
    FUZZ_CHECK(size_t(events.size()) == parsed.events.size(), "QJsonDocument agrees on the count");
    for (size_t i = 0; i < parsed.events.size(); ++i)
        checkRecord(parsed.events[i], spans->at(i), events.at(qsizetype(i)).toObject());
    if (parsed.events.empty())
        return 0;   // serialises to "{}" (Go's omitempty), which is no envelope to parse again

    const QByteArray sent = Envelope::serialize(parsed.events);
    const Envelope::ParseResult again = Envelope::parse(sent);
    FUZZ_CHECK(again.ok(), "what we send parses");
    FUZZ_CHECK(again.events.size() == parsed.events.size(), "serialize keeps every event");
    for (size_t i = 0; i < again.events.size(); ++i) {
        FUZZ_CHECK(again.events[i]->compactJson() == parsed.events[i]->compactJson(),
                   "serialize -> parse gives each event's bytes back");
    }
    FUZZ_CHECK(Envelope::serialize(again.events) == sent, "serialize is a fixed point");
    const QJsonValue sentEvents =
        QJsonDocument::fromJson(sent).object().value(QLatin1String("events"));
    FUZZ_CHECK(sentEvents == QJsonValue(events), "the relayed events are the same JSON value");
    return 0;
}
