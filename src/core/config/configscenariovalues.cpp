#include "core/config/configscenariovalues_p.h"

#include <cmath>

namespace hookscope::configyaml {

bool ScenarioValues::readNumber(const YAML::Node &node, const QString &path, double *out)
{
    const Resolved r = resolve(node);
    if (node.IsScalar() && r.kind == Resolved::Kind::Int) {
        *out = double(r.intValue);
        return true;
    }
    if (node.IsScalar() && r.kind == Resolved::Kind::Float && std::isfinite(r.floatValue)) {
        *out = r.floatValue;
        return true;
    }
    m_reader.error(node, path, QStringLiteral("expected a number, got ") + describe(node));
    return false;
}

void ScenarioValues::readBoundedInt(const YAML::Node &node, const QString &path, int low, int high, int *out)
{
    qint64 value = 0;
    if (!node.IsNull() && readIntWithin(node, path, low, high, QString(), &value))
        *out = int(value);
}

// Seeds, counts and rates all refuse what is out of range the same way; only the wording differs.
bool ScenarioValues::readIntWithin(const YAML::Node &node, const QString &path, qint64 low, qint64 high,
                                   const QString &message, qint64 *out)
{
    qint64 value = 0;
    if (!m_reader.readInt(node, path, &value))
        return false;
    if (value < low || value > high) {
        m_reader.error(node, path,
                       message.isEmpty() ? QStringLiteral("%1 is outside %2..%3").arg(value).arg(low).arg(high)
                                         : message);
        return false;
    }
    *out = value;
    return true;
}

void ScenarioValues::readChoice(const YAML::Node &node, const QString &path, const QStringList &choices, QString *out)
{
    QString value;
    if (!m_reader.readString(node, path, &value) || node.IsNull())
        return;
    const QString lower = value.toLower();
    if (!choices.contains(lower)) {
        m_reader.error(node, path, QStringLiteral("unknown value \"%1\" (known: %2)").arg(value, choices.join(QStringLiteral(", "))));
        return;
    }
    *out = lower;
}

} // namespace hookscope::configyaml
