#include "core/model/gojson.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

namespace hookscope::GoJson {

namespace {

constexpr char HexDigits[] = "0123456789abcdef";

void appendUnicodeEscape(QByteArray &out, char32_t codePoint)
{
    const char escape[6] = {'\\', 'u', HexDigits[(codePoint >> 12) & 0xF],
                            HexDigits[(codePoint >> 8) & 0xF], HexDigits[(codePoint >> 4) & 0xF],
                            HexDigits[codePoint & 0xF]};
    out.append(escape, 6);
}

// Go's two-character escapes: ShortEscaped[i] is written as a backslash and ShortLetters[i].
constexpr char16_t ShortEscaped[] = {u'"', u'\\', u'\n', u'\r', u'\t'};
constexpr char ShortLetters[] = {'"', '\\', 'n', 'r', 't'};
static_assert(std::size(ShortEscaped) == std::size(ShortLetters));

// The letter after the backslash of `c`'s two-character escape; 0 when it has none.
char shortEscapeLetter(char16_t c)
{
    for (std::size_t i = 0; i < std::size(ShortEscaped); ++i) {
        if (ShortEscaped[i] == c)
            return ShortLetters[i];
    }
    return 0;
}

void appendUtf8(QByteArray &out, char32_t cp)
{
    if (cp < 0x80) {
        out.append(char(cp));
    } else if (cp < 0x800) {
        out.append(char(0xC0 | (cp >> 6)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.append(char(0xE0 | (cp >> 12)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else {
        out.append(char(0xF0 | (cp >> 18)));
        out.append(char(0x80 | ((cp >> 12) & 0x3F)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    }
}

} // namespace

void appendString(QByteArray &out, QStringView text)
{
    out.append('"');
    const qsizetype n = text.size();
    const char16_t *src = text.utf16();
    for (qsizetype i = 0; i < n; ++i) {
        // Runs of printable ASCII that need no escape (ids, digests, URLs: nearly everything) are
        // copied in one step instead of one append per character.
        qsizetype run = i;
        while (run < n && src[run] >= 0x20 && src[run] < 0x80 && src[run] != '"' && src[run] != '\\'
               && src[run] != '<' && src[run] != '>' && src[run] != '&')
            ++run;
        if (run > i) {
            const qsizetype at = out.size();
            out.resize(at + (run - i));
            char *dst = out.data() + at;
            for (qsizetype k = i; k < run; ++k)
                *dst++ = char(src[k]);
            i = run - 1;
            continue;
        }
        const char16_t u = src[i];
        if (u < 0x80) {
            if (const char letter = shortEscapeLetter(u)) {
                const char escape[2] = {'\\', letter};
                out.append(escape, 2);
            } else if (u < 0x20 || u == '<' || u == '>' || u == '&') {
                // Go's default HTML-safe escaping; Go 1.19 also has no \b or \f short forms.
                appendUnicodeEscape(out, u);
            } else {
                out.append(char(u));
            }
            continue;
        }
        char32_t cp = u;
        const bool pair = QChar::isHighSurrogate(u) && i + 1 < n
            && QChar::isLowSurrogate(text[i + 1].unicode());
        if (pair) {
            cp = QChar::surrogateToUcs4(u, text[i + 1].unicode());
            ++i;
        } else if (QChar::isSurrogate(u)) {
            cp = 0xFFFD;
        }
        if (cp == 0x2028 || cp == 0x2029)
            appendUnicodeEscape(out, cp);   // JSONP-safe, as Go does
        else
            appendUtf8(out, cp);
    }
    out.append('"');
}

void appendNumber(QByteArray &out, const QJsonValue &number)
{
    const double d = number.toDouble();
    // toInteger() answers only for whole numbers that fit qint64; two different defaults tell a
    // genuine value from the fallback.
    const qint64 a = number.toInteger(0);
    const qint64 b = number.toInteger(1);
    if (a == b) {
        out.append(QByteArray::number(a));
        return;
    }
    if (!std::isfinite(d)) {
        out.append("null");   // not representable in JSON; Go would refuse, we stay valid
        return;
    }
    const double magnitude = std::fabs(d);
    const bool exponent = magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21);
    QByteArray text = QByteArray::number(d, exponent ? 'e' : 'f', QLocale::FloatingPointShortest);
    if (exponent) {
        // Go writes e-7 / e+21, C-style formatting e-07 / e+21: drop a leading exponent zero.
        const qsizetype e = text.indexOf('e');
        if (e >= 0 && e + 2 < text.size() && text.at(e + 2) == '0' && e + 3 < text.size())
            text.remove(e + 2, 1);
    }
    out.append(text);
}

QStringList sortedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    std::sort(keys.begin(), keys.end(), [](const QString &x, const QString &y) {
        return x.toUtf8() < y.toUtf8();
    });
    return keys;
}

void appendValue(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out.append("null");
        break;
    case QJsonValue::Bool:
        out.append(value.toBool() ? "true" : "false");
        break;
    case QJsonValue::Double:
        appendNumber(out, value);
        break;
    case QJsonValue::String:
        appendString(out, value.toString());
        break;
    case QJsonValue::Array: {
        out.append('[');
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i)
                out.append(',');
            appendValue(out, array.at(i));
        }
        out.append(']');
        break;
    }
    case QJsonValue::Object:
        appendOrderedObject(out, value.toObject(), {},
                            [&out](const QString &, const QJsonValue &v) { appendValue(out, v); });
        break;
    }
}

} // namespace hookscope::GoJson
