#pragma once

#include "core/config/appconfig.h"

#include <QByteArray>

namespace hookscope {

// Writes an AppConfig as YAML that registry 2.8.2 (its notifications: section) and hookscope both
// read back to the same values: durations as Go strings ("1s", "500ms"), header values as lists,
// strings quoted wherever YAML would read them as something else. hookscope's extension keys are
// written only when they differ from the defaults, so a plain registry setup stays plain.
// Other registry sections (storage, http, ...) are not kept: the result is a notifications file,
// not a registry config (`version: 0.1` is written so the registry's parser accepts its layout).
class ConfigWriter
{
public:
    static QByteArray toYaml(const AppConfig &config);
    // One endpoint as a one-item list ("- name: ...\n  url: ...\n"), for ConfigPatcher to put
    // into an existing file's endpoint list.
    static QByteArray endpointYaml(const EndpointConfig &endpoint);
};

} // namespace hookscope
