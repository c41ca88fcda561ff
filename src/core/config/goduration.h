#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace hookscope {

// Durations in the registry's configuration are Go time.Duration values. These two functions follow
// Go's time.ParseDuration and Duration.String() exactly, so a value hookscope reads, shows or
// writes means the same thing to the registry.

// Parses "300ms", "-1.5h", "2h45m", "0" ... into nanoseconds. Units: ns, us, µs (U+00B5 or U+03BC),
// ms, s, m, h. A number without a unit is an error here (only "0" is allowed), as in Go; the YAML
// loader handles bare integers itself. On failure returns nullopt and sets *error (Go's wording).
std::optional<qint64> parseGoDuration(QStringView text, QString *error = nullptr);

// Formats nanoseconds like Go: "0s", "500ms", "1.5s", "2m0s", "1h0m0s", "1.5µs" (U+00B5).
QString formatGoDuration(qint64 ns);

} // namespace hookscope
