#pragma once

// Private to the config loader: hookscope.testendpoints, the receivers hookscope runs itself
// (configtestendpointreader.cpp). checkTestEndpointReferences (configreader_p.h) lives there too.

#include "core/config/configyaml_p.h"

namespace hookscope::configyaml {

// Reads the list at `path` into result->config.testEndpoints (replacing it): each needs a unique
// name and listens on loopback only.
void readTestEndpoints(Reader &reader, const YAML::Node &node, const QString &path,
                       ConfigLoadResult *result);

} // namespace hookscope::configyaml
