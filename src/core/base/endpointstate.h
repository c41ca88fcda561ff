#pragma once

#include <QString>

namespace hookscope {

// What the endpoint is doing right now.
// Unreachable is for watched registries whose debug page does not answer.
enum class EndpointState { Idle, Sending, BackingOff, Paused, Closed, Unreachable };
QString endpointStateName(EndpointState state);   // "idle", "sending", "backing off", "paused", "closed"

} // namespace hookscope
