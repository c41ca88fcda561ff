#include "core/config/configyaml_p.h"

#include "core/config/goduration.h"
#include "core/config/secretmask.h"

#include <QScopeGuard>
#include <QSet>

#include <cmath>
#include <utility>

namespace hookscope::configyaml {

namespace {

int editDistance(const QString &a, const QString &b)
{
    QList<int> previous(b.size() + 1);
    QList<int> current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (a.at(i - 1) == b.at(j - 1) ? 0 : 1);
            current[j] = qMin(qMin(previous[j] + 1, current[j - 1] + 1), substitution);
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

QString suggestionFor(const QString &key, const QStringList &known)
{
    for (const QString &candidate : known) {
        if (candidate.compare(key, Qt::CaseInsensitive) == 0)
            return candidate; // yaml.v2 matches keys case-sensitively: "Timeout" is ignored
    }
    QString best;
    int bestDistance = 3;
    for (const QString &candidate : known) {
        const int distance = editDistance(key.toLower(), candidate);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    return best;
}

// Why a bool or an int field refused a value that looks right: a quoted scalar ("true", "5") is a
// string to yaml.v2, whatever it spells. Empty for any other value.
QString quotedHint(const YAML::Node &node)
{
    if (node.IsScalar() && node.Tag() == "!")
        return QStringLiteral(" (quoted, so a string: remove the quotes)");
    return QString();
}

} // namespace

Reader::Reader(const QString &file, ConfigLoadResult *result)
    : m_file(file)
    , m_result(result)
{
}

SourceSpot Reader::spot(const YAML::Node &node) const
{
    SourceSpot s;
    s.file = m_file;
    const YAML::Mark mark = node.Mark();
    if (mark.line >= 0) {
        s.line = mark.line + 1;
        s.column = mark.column + 1;
    }
    return s;
}

// Every diagnostic has its URLs masked on the way in: whoever builds a message may quote a URL
// (the endpoint's, a typo'd one), and diagnostics end up in terminals and CI logs.
void Reader::error(const SourceSpot &where, const QString &message)
{
    m_result->errors.append({where.file, where.line, where.column, maskUrlsInText(message)});
}

void Reader::error(const YAML::Node &node, const QString &path, const QString &message)
{
    SourceSpot where = spot(node);
    if (where.line == 0)
        where = m_result->source.spotFor(path);
    error(where, path + QStringLiteral(": ") + message);
}

void Reader::warning(const SourceSpot &where, const QString &message)
{
    m_result->warnings.append({where.file, where.line, where.column, maskUrlsInText(message)});
}

void Reader::remember(const QString &path, const SourceSpot &where)
{
    m_result->source.spots.insert(path, where);
}

bool Reader::readMapping(const YAML::Node &node, const QString &path, const QStringList &known,
                         const Handler &handler)
{
    if (!node.IsDefined() || node.IsNull())
        return true;
    if (!node.IsMap()) {
        error(node, path,
              QStringLiteral("expected a mapping (key: value lines), got ") + describe(node));
        return false;
    }
    QSet<QString> seen;
    bool ok = true;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const YAML::Node keyNode = it->first;
        const YAML::Node value = it->second;
        const SourceSpot keySpot = spot(keyNode);
        if (!keyNode.IsScalar()) {
            error(keySpot,
                  path + QStringLiteral(": a key must be a plain word, got ") + describe(keyNode));
            ok = false;
            continue;
        }
        const QString key = scalarText(keyNode);
        if (key == QLatin1String("<<") && keyNode.Tag() == "?") {
            // Merge key: `<<: *defaults` pulls in an anchored mapping (or a list of them).
            if (value.IsSequence()) {
                // Earlier mappings win, so apply them last (yaml.v2 walks the list backwards).
                for (std::size_t i = value.size(); i-- > 0;) {
                    if (!enterMerge(keyNode, path))
                        return false;
                    ok = readMapping(value[i], path, known, handler) && ok;
                }
            } else {
                if (!enterMerge(keyNode, path))
                    return false;
                ok = readMapping(value, path, known, handler) && ok;
            }
            continue;
        }
        const QString keyPath = path.isEmpty() ? key : path + QLatin1Char('.') + key;
        if (seen.contains(key)) {
            warning(keySpot,
                    QStringLiteral("%1: duplicate key (the later value wins)").arg(keyPath));
        }
        seen.insert(key);
        // A key with no value has no position of its own in yaml-cpp; the key's is the useful one.
        const SourceSpot valueSpot
            = (value.IsNull() || spot(value).line == 0) ? keySpot : spot(value);
        remember(keyPath, valueSpot);
        if (!handler(key, value)) {
            m_result->source.unknownKeys.append({keyPath, suggestionFor(key, known), keySpot});
        }
    }
    return ok;
}

bool Reader::enterMerge(const YAML::Node &at, const QString &path)
{
    if (m_mergeBudget > 0) {
        --m_mergeBudget;
        return true;
    }
    if (m_mergeBudget == 0) {
        --m_mergeBudget; // report once
        error(at, path.isEmpty() ? QStringLiteral("<<") : path,
              QStringLiteral("too many merges (<<); the file expands beyond any sensible size"));
    }
    return false;
}

bool Reader::readBool(const YAML::Node &node, const QString &path, bool *out)
{
    const Resolved r = resolve(node);
    if (r.kind == Resolved::Kind::Null) {
        *out = false;
        return true;
    }
    if (node.IsScalar() && r.kind == Resolved::Kind::Bool) {
        *out = r.boolValue;
        return true;
    }
    error(node, path, QStringLiteral("expected true or false, got ") + describe(node) + quotedHint(node));
    return false;
}

bool Reader::readInt(const YAML::Node &node, const QString &path, qint64 *out)
{
    const Resolved r = resolve(node);
    if (r.kind == Resolved::Kind::Null) {
        *out = 0;
        return true;
    }
    if (node.IsScalar()) {
        if (r.kind == Resolved::Kind::Int) {
            *out = r.intValue;
            return true;
        }
        // yaml.v2 truncates a float into an int field instead of refusing it.
        if (r.kind == Resolved::Kind::Float) {
            if (const std::optional<qint64> truncated = goFloatToInt64(r.floatValue)) {
                *out = *truncated;
                if (double(*out) != r.floatValue) {
                    warning(spot(node),
                            QStringLiteral("%1: %2 is not a whole number; it is read as %3 (as "
                                           "the registry truncates it)")
                                .arg(path, scalarText(node), QString::number(*out)));
                }
                return true;
            }
        }
        if (r.kind == Resolved::Kind::UnsignedBig || r.kind == Resolved::Kind::Float) {
            error(node, path, QStringLiteral("number out of range: ") + describe(node));
            return false;
        }
    }
    error(node, path, QStringLiteral("expected an integer, got ") + describe(node) + quotedHint(node));
    return false;
}

bool Reader::readString(const YAML::Node &node, const QString &path, QString *out)
{
    if (!node.IsDefined() || node.IsNull()) {
        out->clear();
        return true;
    }
    if (!node.IsScalar()) {
        error(node, path, QStringLiteral("expected a single value, got ") + describe(node));
        return false;
    }
    if (resolve(node).kind == Resolved::Kind::Invalid) {
        error(node, path, QStringLiteral("the tag does not fit the value ") + describe(node));
        return false;
    }
    // yaml.v2 stores any scalar's text in a string field: `name: 123` is "123", `name: yes` "yes".
    *out = stringValue(node);
    return true;
}

bool Reader::readStringList(const YAML::Node &node, const QString &path, QStringList *out)
{
    out->clear();
    if (!node.IsDefined() || node.IsNull())
        return true;
    if (!node.IsSequence()) {
        error(node, path,
              QStringLiteral("expected a list (e.g. [a, b] or \"- a\" lines), got ")
                  + describe(node));
        return false;
    }
    bool ok = true;
    int index = 0;
    for (const YAML::Node &item : node) {
        const QString itemPath
            = path + QLatin1Char('[') + QString::number(index++) + QLatin1Char(']');
        remember(itemPath, spot(item).line > 0 ? spot(item) : spot(node));
        QString value;
        if (readString(item, itemPath, &value))
            out->append(value);
        else
            ok = false;
    }
    return ok;
}

bool Reader::readDuration(const YAML::Node &node, const QString &path, qint64 *out)
{
    const Resolved r = resolve(node);
    if (r.kind == Resolved::Kind::Null) {
        *out = 0;
        return true;
    }
    if (!node.IsScalar()) {
        error(node, path,
              QStringLiteral("expected a duration such as 500ms, 1s or 2m, got ") + describe(node));
        return false;
    }
    // time.Duration is an int64 to yaml.v2: a bare number is nanoseconds (a float truncated).
    const std::optional<qint64> bare
        = r.kind == Resolved::Kind::Int     ? std::optional<qint64>(r.intValue)
          : r.kind == Resolved::Kind::Float ? goFloatToInt64(r.floatValue)
                                            : std::nullopt;
    if (bare) {
        *out = *bare;
        m_result->source.bareDurations.append({path, *out, spot(node), scalarText(node)});
        return true;
    }
    if (r.kind == Resolved::Kind::String) {
        QString why;
        const std::optional<qint64> ns = parseGoDuration(scalarText(node), &why);
        if (ns) {
            *out = *ns;
            return true;
        }
        error(node, path,
              QStringLiteral("invalid duration ") + describe(node) + QStringLiteral(" (") + why
                  + QStringLiteral("); write e.g. 500ms, 1s, 1m30s"));
        return false;
    }
    error(node, path,
          QStringLiteral("expected a duration such as 500ms, 1s or 2m, got ") + describe(node));
    return false;
}

// Timeouts, backoffs and the scenario's delays all mean "how long"; none can be negative.
bool Reader::readNonNegativeDuration(const YAML::Node &node, const QString &path, qint64 *out)
{
    qint64 ns = 0;
    if (!readDuration(node, path, &ns))
        return false;
    if (ns < 0) {
        error(node, path, QStringLiteral("must not be negative"));
        return false;
    }
    *out = ns;
    return true;
}

QString Reader::describe(const YAML::Node &node) const
{
    if (m_hideValues && node.IsDefined() && node.IsScalar())
        return QStringLiteral("a value (not shown: header values may be credentials)");
    return configyaml::describe(node);
}

bool Reader::readHeaders(const YAML::Node &node, const QString &path,
                         QList<QPair<QString, QStringList>> *out)
{
    const bool hideBefore = std::exchange(m_hideValues, true);
    const auto restore = qScopeGuard([&] { m_hideValues = hideBefore; });
    // A repeated headers: key adds to the earlier map (yaml.v2 decodes into the existing map).
    QList<QPair<QString, QStringList>> headers = *out;
    const bool ok = readMapping(node, path, {}, [&](const QString &name, const YAML::Node &value) {
        const QString valuePath = path + QLatin1Char('.') + name;
        if (value.IsScalar()) {
            // The registry refuses this too (yaml.v2 cannot put a string into []string).
            // The value itself is not echoed (it is typically a token).
            error(value, valuePath,
                  QStringLiteral("header values must be a list, e.g. %1: [\"...\"]; got a single value "
                                 "(not shown: header values may be credentials)")
                      .arg(name));
            return true;
        }
        QStringList values;
        if (readStringList(value, valuePath, &values)) {
            for (auto &header : headers) {
                if (header.first == name) { // repeated key: the later one wins, keep its place
                    header.second = values;
                    return true;
                }
            }
            headers.append({name, values});
        }
        return true;
    });
    *out = headers;
    return ok;
}

} // namespace hookscope::configyaml
