#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>
#include <vector>

namespace hookscope {

// Byte-level helpers for JSON text that has already been validated (QJsonDocument). They never
// build a DOM, so the key order, number spelling and string escapes the sender chose survive: that
// is what lets hookscope relay an event byte for byte. On invalid input they never read out of
// bounds, but their result is unspecified.
namespace JsonText {

// Removes every whitespace byte outside strings, and a leading UTF-8 byte order mark.
QByteArray compact(QByteArrayView json);

// Go's json.Indent(dst, src, "", unit) applied at a starting nesting depth: elements go on their own
// lines prefixed with (depth + nesting) * unit, keys are followed by ": ", empty {} and [] stay on
// one line. The first line carries no prefix, so the result can be pasted after an existing indent.
// Expects compact input (see compact()).
QByteArray indent(QByteArrayView compactJson, int depth, QByteArrayView unit = "   ");
// The same, appended to `out` (the envelope is built this way without a buffer per event).
void indentAppend(QByteArray &out, QByteArrayView compactJson, int depth, QByteArrayView unit = "   ");

// The spans of every element of the array stored under `key` in the top-level object, each trimmed
// of surrounding whitespace. If the key occurs several times the last one wins (as in QJsonDocument
// and Go). nullopt when the text is not an object, the key is absent or its value is not an array.
std::optional<std::vector<QByteArrayView>> topLevelArrayItems(QByteArrayView json,
                                                             QByteArrayView key);

// Deepest nesting of objects and arrays: 0 for a scalar, 1 for {} or [1], 2 for {"a":[]}.
int maxDepth(QByteArrayView json);

} // namespace JsonText
} // namespace hookscope
