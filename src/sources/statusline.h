#pragma once

#include "core/engine/endpointsnapshot.h"

#include <QString>

namespace hookscope {

// One line per endpoint for the headless mode's periodic status, greppable key=value pairs:
// `ep primary state=idle pending=0 events=33 ok=33 fail=0 err=0 last=200 oldest=0s next=- dead=0 err_text=""`,
// followed by ` misconfigured (url has no host)` for an endpoint whose URL cannot be delivered to.
QString formatStatusLine(const EndpointSnapshot &endpoint);
// "1.5s", "2m03s", "1h02m" style ages for humans.
QString formatAge(qint64 ms);

} // namespace hookscope
