#pragma once

// Private to the config loader and writer (never include from a public header): it pulls in
// yaml-cpp, which hookscope_core links PRIVATE.

#include "core/config/configloader.h"

#include <QPair>
#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <functional>
#include <optional>

namespace hookscope::configyaml {

// What gopkg.in/yaml.v2 makes of a scalar before it looks at the Go field it decodes into. The
// registry's leniencies and refusals all follow from this: `threshold: 1.9` is 1, `timeout: 500`
// is 500ns, `disabled: yes` is true, but `disabled: "true"` (quoted, so a string) is an error.
struct Resolved
{
    // Invalid: an explicit tag that does not fit the text (`!!null 5`), which yaml.v2 refuses.
    enum class Kind { Null, Bool, Int, UnsignedBig, Float, String, Invalid };
    Kind kind = Kind::String;
    bool boolValue = false;
    qint64 intValue = 0;
    double floatValue = 0;
};

// Resolution of an unquoted scalar (YAML 1.1 rules as yaml.v2 implements them).
Resolved resolvePlain(const QString &text);
// Resolution of a node: quoted scalars and explicit !!str are strings, null nodes are Null.
Resolved resolve(const YAML::Node &node);

QString scalarText(const YAML::Node &node);
// What yaml.v2 puts into a string field: the scalar's text, base64-decoded for !!binary.
QString stringValue(const YAML::Node &node);
// Go's int64(f) as yaml.v2 applies it to a float bound for an int field: refused above 2^63 and for
// NaN; otherwise truncated, and anything below -2^63 (-.inf) ends up as INT64_MIN (amd64).
std::optional<qint64> goFloatToInt64(double value);
// "a list", "a mapping", or the scalar quoted, for error messages.
QString describe(const YAML::Node &node);

// Walks YAML nodes into values, recording diagnostics and source positions into a load result.
class Reader
{
public:
    Reader(const QString &file, ConfigLoadResult *result);

    const QString &file() const { return m_file; }
    SourceSpot spot(const YAML::Node &node) const;
    void error(const SourceSpot &spot, const QString &message);
    void error(const YAML::Node &node, const QString &path, const QString &message);
    void warning(const SourceSpot &spot, const QString &message);
    void remember(const QString &path, const SourceSpot &spot);

    // Calls `handler(key, value)` for each entry in order, following "<<" merge keys (yaml.v2
    // does too). A handler returning false marks the key unknown: it is recorded with a
    // suggestion from `known`, for the lint. A repeated key warns (the later value wins).
    // A null node reads as an empty mapping; anything else that is no mapping is an error.
    using Handler = std::function<bool(const QString &key, const YAML::Node &value)>;
    bool readMapping(const YAML::Node &node, const QString &path, const QStringList &known,
                     const Handler &handler);

    bool readBool(const YAML::Node &node, const QString &path, bool *out);
    bool readInt(const YAML::Node &node, const QString &path, qint64 *out);
    bool readString(const YAML::Node &node, const QString &path, QString *out);
    bool readStringList(const YAML::Node &node, const QString &path, QStringList *out);
    // A Go duration string, or a bare number meaning nanoseconds (recorded for the lint).
    bool readDuration(const YAML::Node &node, const QString &path, qint64 *out);
    // The same, refusing a negative one ("must not be negative"); *out is left as it was then.
    bool readNonNegativeDuration(const YAML::Node &node, const QString &path, qint64 *out);
    // http.Header: a mapping of header name to a list of values.
    bool readHeaders(const YAML::Node &node, const QString &path,
                     QList<QPair<QString, QStringList>> *out);

private:
    bool enterMerge(const YAML::Node &at, const QString &path);
    // configyaml::describe(), except that while header values are read a scalar is never quoted:
    // a diagnostic must not print a credential (an Authorization value) into a terminal or CI log.
    // Unqualified describe() calls in Reader's members resolve here.
    QString describe(const YAML::Node &node) const;

    QString m_file;
    ConfigLoadResult *m_result;
    // Merges nest and repeat (`<<: [*a, *a]` inside `&b`, then `<<: [*b, *b]` ...), so a few lines
    // of YAML could make us visit billions of keys. Real files merge a handful of times.
    int m_mergeBudget = 1000;
    bool m_hideValues = false;   // inside readHeaders
};

} // namespace hookscope::configyaml
