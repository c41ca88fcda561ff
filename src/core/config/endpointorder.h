#pragma once

#include "core/config/endpointconfig.h"

#include <QList>

namespace hookscope {

// What File > Save writes as the endpoint list: `running` (what the engine runs, in its order,
// edits included) with each disabled endpoint of `file` (the configuration as loaded; the engine
// never creates disabled endpoints, as the registry does not) put back where the file had it:
// right after the endpoint that came before it in the file, or first when none did. Without this a
// disabled second endpoint moved to the end on every save.
QList<EndpointConfig> endpointsInFileOrder(const QList<EndpointConfig> &running,
                                           const QList<EndpointConfig> &file);

} // namespace hookscope
