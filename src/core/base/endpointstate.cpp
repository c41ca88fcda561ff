#include "core/base/endpointstate.h"

namespace hookscope {

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
    case EndpointState::Unreachable:
        return QStringLiteral("unreachable");
    }
    return {};
}

} // namespace hookscope
