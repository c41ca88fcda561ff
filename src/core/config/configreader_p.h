#pragma once

// Private to the config loader: the schema walk over a parsed YAML document (yaml-cpp types).

#include "core/config/configloader.h"
#include "core/config/configyaml_p.h"

namespace hookscope::configyaml {

// Each reads one part of the configuration into result->config, recording diagnostics and source
// positions (attributed to `file`) in the result. They mirror how registry 2.8.2 decodes the same
// YAML into its structs, plus hookscope's keys.
void readConfigRoot(const YAML::Node &root, const QString &file, ConfigLoadResult *result);
// For the REGISTRY_NOTIFICATIONS* environment overrides: a fresh section, list or events block.
void readNotificationsSection(const YAML::Node &node, const QString &file,
                              ConfigLoadResult *result);
void readEndpointList(const YAML::Node &node, const QString &file, ConfigLoadResult *result);
void readEventsSection(const YAML::Node &node, const QString &file, ConfigLoadResult *result);
// The hookscope: section (confighookscopereader.cpp).
void readHookscopeSection(Reader &reader, const YAML::Node &node, ConfigLoadResult *result);
// hookscope.testendpoints, .generator and .replay (configscenarioreader.cpp); false for other keys.
bool readScenarioKey(Reader &reader, const QString &key, const YAML::Node &value,
                     ConfigLoadResult *result);
// After every section is read: each enabled endpoint's "testendpoint://NAME" url must name a
// declared test endpoint (an error otherwise; a warning for disabled endpoints).
void checkTestEndpointReferences(const QString &file, ConfigLoadResult *result);

} // namespace hookscope::configyaml
