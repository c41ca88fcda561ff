// TEMPORARY stand-ins for core functions that are declared but not yet defined on this branch
// (see src/sources/CMakeLists.txt). Only what the ingest and admin servers need, kept minimal on
// purpose: the real implementations live in src/core once the model and engine work is merged.
#include "engine/endpointsnapshot.h"
#include "model/envelope.h"

namespace hookscope {

#ifdef HOOKSCOPE_STATE_NAMES_STANDIN
QString endpointStateName(EndpointState state)
{
    switch (state) {
    case EndpointState::Idle:
        return QStringLiteral("idle");
    case EndpointState::Sending:
        return QStringLiteral("sending");
    case EndpointState::BackingOff:
        return QStringLiteral("backing off");
    case EndpointState::Paused:
        return QStringLiteral("paused");
    case EndpointState::Closed:
        return QStringLiteral("closed");
    }
    return QString();
}
#endif

#ifdef HOOKSCOPE_ENVELOPE_STANDIN
namespace Envelope {

bool isAcceptedContentType(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    return type == MediaTypeV1 || type == MediaTypeV2 || type == MediaTypeJson;
}

ParseResult parse(const QByteArray &, int)
{
    ParseResult result;
    result.error = QStringLiteral("envelope parsing is not available in this build (stand-in)");
    return result;
}

} // namespace Envelope
#endif

} // namespace hookscope
