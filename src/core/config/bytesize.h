#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace hookscope {

// Sizes in hookscope's own keys (hookscope.attemptlog.budget): a plain count of bytes, or a number
// with a binary unit, "512KiB", "32MiB", "1GiB" ("B" is bytes; a space before the unit is fine).
// Only whole numbers: "1.5MiB" is an error, as is a decimal unit ("32MB"), so the value written is
// the value meant. On failure returns nullopt and sets *error (no key name: the caller adds it).
std::optional<qint64> parseByteSize(QStringView text, QString *error = nullptr);

// The largest unit that divides `bytes` exactly: "32MiB", "1536KiB", "1000" (plain bytes).
QString formatByteSize(qint64 bytes);

} // namespace hookscope
