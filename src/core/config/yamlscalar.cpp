#include "core/config/configyaml_p.h"

#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace hookscope::configyaml {

namespace {

bool isOneOf(const QString &text, std::initializer_list<const char *> words)
{
    for (const char *word : words) {
        if (text == QLatin1String(word))
            return true;
    }
    return false;
}

// Go's strconv.ParseInt(s, 0, 64): optional sign, then 0x / 0o / 0b / leading-0 octal or decimal.
bool parseGoInt(const QString &text, qint64 *out, bool *unsignedBig, quint64 *bigOut)
{
    QStringView rest(text);
    bool negative = false;
    bool signedForm = false;
    if (!rest.isEmpty() && (rest.front() == QLatin1Char('+') || rest.front() == QLatin1Char('-'))) {
        negative = rest.front() == QLatin1Char('-');
        signedForm = true;
        rest = rest.mid(1);
    }
    int base = 10;
    if (rest.size() >= 2 && rest.front() == QLatin1Char('0')) {
        const QChar p = rest.at(1).toLower();
        if (p == QLatin1Char('x')) {
            base = 16;
            rest = rest.mid(2);
        } else if (p == QLatin1Char('o')) {
            base = 8;
            rest = rest.mid(2);
        } else if (p == QLatin1Char('b')) {
            base = 2;
            rest = rest.mid(2);
        } else {
            base = 8;
            rest = rest.mid(1);
        }
    }
    if (rest.isEmpty())
        return false;
    quint64 value = 0;
    bool overflow = false;
    for (const QChar c : rest) {
        int digit = -1;
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            digit = c.unicode() - u'0';
        else if (c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('f'))
            digit = c.toLower().unicode() - u'a' + 10;
        if (digit < 0 || digit >= base)
            return false;
        if (value > (std::numeric_limits<quint64>::max() - quint64(digit)) / quint64(base))
            overflow = true;
        else
            value = value * quint64(base) + quint64(digit);
    }
    if (overflow)
        return false;
    *unsignedBig = false;
    const quint64 limit = negative ? (quint64(1) << 63) : (quint64(1) << 63) - 1;
    if (value > limit) {
        // yaml.v2 falls back to ParseUint, which takes no sign.
        if (signedForm)
            return false;
        *unsignedBig = true;
        *bigOut = value;
        return true;
    }
    *out = negative ? qint64(quint64(0) - value) : qint64(value);
    return true;
}

QString quotedValue(const QString &text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

} // namespace

Resolved resolvePlain(const QString &text)
{
    Resolved r;
    if (isOneOf(text, {"", "~", "null", "Null", "NULL"})) {
        r.kind = Resolved::Kind::Null;
        return r;
    }
    if (isOneOf(text, {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"})) {
        r.kind = Resolved::Kind::Bool;
        r.boolValue = true;
        return r;
    }
    if (isOneOf(text,
                {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"})) {
        r.kind = Resolved::Kind::Bool;
        return r;
    }
    if (isOneOf(text, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})) {
        r.kind = Resolved::Kind::Float;
        r.floatValue = std::numeric_limits<double>::infinity();
        return r;
    }
    if (isOneOf(text, {"-.inf", "-.Inf", "-.INF"})) {
        r.kind = Resolved::Kind::Float;
        r.floatValue = -std::numeric_limits<double>::infinity();
        return r;
    }
    if (isOneOf(text, {".nan", ".NaN", ".NAN"})) {
        r.kind = Resolved::Kind::Float;
        r.floatValue = std::numeric_limits<double>::quiet_NaN();
        return r;
    }
    const QChar first = text.front();
    const bool numberHint = first.isDigit() || first == QLatin1Char('+')
                            || first == QLatin1Char('-') || first == QLatin1Char('.');
    if (!numberHint || first.unicode() > 127)
        return r;
    QString plain = text;
    plain.remove(QLatin1Char('_')); // YAML 1.1 digit separators, as yaml.v2 strips them
    bool unsignedBig = false;
    quint64 big = 0;
    if (parseGoInt(plain, &r.intValue, &unsignedBig, &big)) {
        r.kind = unsignedBig ? Resolved::Kind::UnsignedBig : Resolved::Kind::Int;
        if (unsignedBig)
            r.floatValue = double(big);
        return r;
    }
    static const QRegularExpression floatPattern(
        QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
    if (floatPattern.match(plain).hasMatch()) {
        bool ok = false;
        const double value = plain.toDouble(&ok);
        if (ok) {
            r.kind = Resolved::Kind::Float;
            r.floatValue = value;
        }
    }
    return r;
}

Resolved resolve(const YAML::Node &node)
{
    Resolved r;
    if (!node.IsDefined() || node.IsNull()) {
        r.kind = Resolved::Kind::Null;
        return r;
    }
    if (!node.IsScalar())
        return r;
    const std::string &tag = node.Tag();
    // yaml-cpp tags plain scalars "?" and quoted ones "!"; explicit tags come expanded.
    if (tag == "?")
        return resolvePlain(scalarText(node));
    const std::string prefix = "tag:yaml.org,2002:";
    if (tag.rfind(prefix, 0) != 0)
        return r; // quoted, or a custom tag: a string to yaml.v2
    const std::string name = tag.substr(prefix.size());
    if (name == "str" || name == "binary")
        return r;
    // yaml.v2 resolves the text and refuses a tag that does not match (`!!int abc`, `!!null 5`),
    // except that an integer may be tagged !!float.
    const Resolved implicit = resolvePlain(scalarText(node));
    using Kind = Resolved::Kind;
    const bool fits
        = (name == "null" && implicit.kind == Kind::Null)
          || (name == "bool" && implicit.kind == Kind::Bool)
          || (name == "int" && (implicit.kind == Kind::Int || implicit.kind == Kind::UnsignedBig))
          || (name == "float" && (implicit.kind == Kind::Float || implicit.kind == Kind::Int));
    if (!fits) {
        r.kind = Kind::Invalid;
        return r;
    }
    if (name == "float" && implicit.kind == Kind::Int) {
        r.kind = Kind::Float;
        r.floatValue = double(implicit.intValue);
        return r;
    }
    return implicit;
}

QString stringValue(const YAML::Node &node)
{
    if (node.Tag() == "tag:yaml.org,2002:binary")
        return QString::fromUtf8(QByteArray::fromBase64(node.Scalar().c_str()));
    return scalarText(node);
}

std::optional<qint64> goFloatToInt64(double value)
{
    constexpr double kTwoTo63 = 9223372036854775808.0; // math.MaxInt64 as a float64
    if (std::isnan(value) || value > kTwoTo63)
        return std::nullopt;
    if (value >= -kTwoTo63 && value < kTwoTo63)
        return qint64(value);
    return std::numeric_limits<qint64>::min();
}

QString scalarText(const YAML::Node &node)
{
    return QString::fromStdString(node.Scalar());
}

QString describe(const YAML::Node &node)
{
    if (node.IsSequence())
        return QStringLiteral("a list");
    if (node.IsMap())
        return QStringLiteral("a mapping");
    if (!node.IsDefined() || node.IsNull())
        return QStringLiteral("nothing (null)");
    return quotedValue(scalarText(node));
}

} // namespace hookscope::configyaml
