// TEMPORARY stand-in until the model work lands (wip-model replaces this file).
#include "model/envelope.h"

namespace hookscope::Envelope {

bool isAcceptedContentType(const QByteArray &) { return true; }

ParseResult parse(const QByteArray &, int) { return {}; }

QByteArray serialize(const EventBlock &events)
{
    QByteArray out = "{\"events\":[";
    bool first = true;
    for (const EventPtr &e : events) {
        if (!first)
            out += ',';
        first = false;
        out += e->compactJson();
    }
    out += "]}";
    return out;
}

} // namespace hookscope::Envelope
