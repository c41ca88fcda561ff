#include "engine/endpointsnapshot.h"

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

QString errorClassName(ErrorClass errorClass)
{
    switch (errorClass) {
    case ErrorClass::None:
        return QString();
    case ErrorClass::Refused:
        return QStringLiteral("refused");
    case ErrorClass::Reset:
        return QStringLiteral("reset");
    case ErrorClass::Timeout:
        return QStringLiteral("timeout");
    case ErrorClass::Dns:
        return QStringLiteral("dns");
    case ErrorClass::Tls:
        return QStringLiteral("tls");
    case ErrorClass::Other:
        return QStringLiteral("other");
    case ErrorClass::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

} // namespace hookscope
