#pragma once

#include "core/config/appconfig.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace hookscope {

// Saving over a YAML file the configuration came from, without losing what ConfigWriter cannot
// reproduce: yaml-cpp drops comments when it emits, and the writer writes a notifications file,
// not the registry's whole config. So the file's own text is edited instead, line by line:
//
// Kept: every line outside notifications.endpoints (other registry sections, hookscope:, comments,
// blank lines, quoting, key order); each endpoint that did not change, as written (its comments
// and its spelling: `threshold: 0` stays 0, not the effective 10); the comment lines just above an
// endpoint, which move with it (also when it changed). Endpoints keep the order of `config`.
// Not kept: comments and formatting *inside* an endpoint that changed (it is rewritten by
// ConfigWriter at the same indentation); an endpoint removed takes its comment lines with it.
//
// patch() gives up (nullopt, and the caller writes ConfigWriter::toYaml() as before, with only the
// file's opening and closing comment blocks kept by keepOuterComments()) when
// anything outside the endpoint list differs from the file, when the file does not load cleanly
// without environment overrides, when the list is a flow list ([...]), empty or uses aliases, or
// when the result would not read back as `config`: the edit is checked, never trusted.
class ConfigPatcher
{
public:
    static std::optional<QByteArray> patch(const QByteArray &original, const QString &path,
                                           const AppConfig &config);
    // When patch() gave up and the file is written anew: `written` (ConfigWriter's text) with the
    // comment block that opened `original` before it and the one that closed it after it (a
    // header, a licence, a note at the end); comments anywhere else are lost then.
    static QByteArray keepOuterComments(const QByteArray &original, const QByteArray &written);
};

} // namespace hookscope
