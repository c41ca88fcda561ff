#pragma once

#include "core/config/appconfig.h"
#include "core/config/configdiagnostic.h"
#include "core/config/configsourcemap.h"

namespace hookscope {

// Warnings about a configuration that loads but probably does not do what its author meant:
// unit-less or tiny timeouts, duplicate names, unknown keys, filters that the registry and
// hookscope apply differently, listeners exposed beyond loopback. Never errors: a warned file runs.
class ConfigLint
{
public:
    static ConfigDiagnostics lint(const AppConfig &config, const ConfigSourceMap &source);

    // Timeouts below this are almost certainly a slip (a bare integer, or "ns" for "s").
    static constexpr qint64 kMinSensibleTimeoutNs = 10'000'000; // 10ms
    // Attempt log budgets below this keep hardly any request bodies (up to 64 KiB each).
    static constexpr qint64 kMinSensibleAttemptLogBudget = 1024 * 1024;

    // True for "localhost", 127.0.0.0/8 and ::1 (with or without brackets).
    static bool isLoopbackHost(const QString &host);
};

} // namespace hookscope
