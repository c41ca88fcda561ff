#pragma once

#include "core/model/eventrecord.h"

#include <QByteArray>
#include <QString>

namespace hookscope {

// The registry's wire envelope {"events": [ ... ]}.
namespace Envelope {

// Media types: the registry 2.8.2 sends v1; registry v3 sends v2; some senders use application/json.
inline constexpr char MediaTypeV1[] = "application/vnd.docker.distribution.events.v1+json";
inline constexpr char MediaTypeV2[] = "application/vnd.docker.distribution.events.v2+json";
inline constexpr char MediaTypeJson[] = "application/json";

// True for the three accepted Content-Type values (parameters such as charset are ignored,
// comparison is case-insensitive on the type).
bool isAcceptedContentType(const QByteArray &contentType);

struct ParseResult
{
    EventBlock events;   // in envelope order
    QString error;       // empty on success; a short human message naming what is wrong
    bool tooManyEvents = false;   // the error is ParseOptions::maxEvents (ingest answers 413)
    bool ok() const { return error.isNull(); }
};

// What ingest adds to the plain parse (hookscope.ingest.validate and .maxevents).
struct ParseOptions
{
    int maxDepth = 64;
    qsizetype maxEvents = -1;     // < 0: no cap
    bool validateEvents = false;  // EventValidator::checkIngested on each, first problem is the error
};

// Parses an envelope body. Rejects: invalid JSON, invalid UTF-8, a top level that is not an object,
// "events" missing or not an array, an element that is not an object, nesting deeper than maxDepth.
// An envelope with "events": [] parses to zero events (ok).
ParseResult parse(const QByteArray &body, int maxDepth = 64);
// The same, then the cap and (optionally) each event's fields are checked before any record is
// made: "events[17]: missing \"timestamp\"". Events are kept byte for byte either way.
ParseResult parse(const QByteArray &body, const ParseOptions &options);

// Serialises a block the way registry 2.8.2 does: json.MarshalIndent(envelope, "", "   "),
// no trailing newline. An empty block gives "{}" (Go's omitempty on events).
QByteArray serialize(const EventBlock &events);

} // namespace Envelope
} // namespace hookscope
