#include "core/config/goduration.h"

#include <QChar>

#include <cstdint>

namespace hookscope {

namespace {

constexpr quint64 kTwoTo63 = quint64(1) << 63; // |INT64_MIN|: the largest magnitude Go accepts

// Go's time.quote: the text in double quotes, with '"' and '\\' escaped and every byte of a control
// or non-ASCII character written as \xNN, so messages match the registry's byte for byte.
QString quoted(QStringView text)
{
    QString out(QLatin1Char('"'));
    const QByteArray utf8 = text.toUtf8();
    for (const char byte : utf8) {
        const auto c = static_cast<unsigned char>(byte);
        if (c < 0x20 || c >= 0x80) {
            out += QStringLiteral("\\x")
                   + QString::number(c, 16).rightJustified(2, QLatin1Char('0'));
        } else {
            if (c == '"' || c == '\\')
                out += QLatin1Char('\\');
            out += QLatin1Char(char(c));
        }
    }
    return out + QLatin1Char('"');
}

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// Go's leadingInt: consumes digits; fails once the value exceeds 2^63.
bool leadingInt(QStringView &rest, quint64 *value)
{
    quint64 x = 0;
    qsizetype i = 0;
    for (; i < rest.size() && isDigit(rest.at(i)); ++i) {
        if (x > kTwoTo63 / 10)
            return false;
        x = x * 10 + quint64(rest.at(i).unicode() - u'0');
        if (x > kTwoTo63)
            return false;
    }
    rest = rest.mid(i);
    *value = x;
    return true;
}

// Go's leadingFraction: digits after the point; precision beyond 2^63 is dropped, not an error.
void leadingFraction(QStringView &rest, quint64 *value, double *scale)
{
    quint64 x = 0;
    double s = 1;
    bool overflow = false;
    qsizetype i = 0;
    for (; i < rest.size() && isDigit(rest.at(i)); ++i) {
        if (overflow)
            continue;
        if (x > (kTwoTo63 - 1) / 10) {
            overflow = true;
            continue;
        }
        const quint64 y = x * 10 + quint64(rest.at(i).unicode() - u'0');
        if (y > kTwoTo63) {
            overflow = true;
            continue;
        }
        x = y;
        s *= 10;
    }
    rest = rest.mid(i);
    *value = x;
    *scale = s;
}

quint64 unitNanoseconds(QStringView unit)
{
    if (unit == u"ns")
        return 1;
    // Go accepts the micro sign (U+00B5) and the Greek small mu (U+03BC) besides "us".
    if (unit == u"us" || unit == u"\u00b5s" || unit == u"\u03bcs")
        return 1'000;
    if (unit == u"ms")
        return 1'000'000;
    if (unit == u"s")
        return 1'000'000'000;
    if (unit == u"m")
        return 60 * quint64(1'000'000'000);
    if (unit == u"h")
        return 3600 * quint64(1'000'000'000);
    return 0;
}

std::optional<qint64> fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

// Writes the fraction v / 10^prec (without trailing zeros, and without the point when it is zero)
// in front of `out`, and returns v / 10^prec. Mirrors Go's fmtFrac.
quint64 prependFraction(QString &out, quint64 v, int prec)
{
    QString digits;
    bool print = false;
    for (int i = 0; i < prec; ++i) {
        const int digit = int(v % 10);
        print = print || digit != 0;
        if (print)
            digits.prepend(QChar(u'0' + digit));
        v /= 10;
    }
    if (print)
        out.prepend(QLatin1Char('.') + digits);
    return v;
}

void prependInt(QString &out, quint64 v)
{
    out.prepend(QString::number(v));
}

} // namespace

std::optional<qint64> parseGoDuration(QStringView text, QString *error)
{
    const QString invalid = QStringLiteral("time: invalid duration ") + quoted(text);
    QStringView rest = text;
    bool negative = false;
    if (!rest.isEmpty() && (rest.front() == QLatin1Char('-') || rest.front() == QLatin1Char('+'))) {
        negative = rest.front() == QLatin1Char('-');
        rest = rest.mid(1);
    }
    // The only unit-less value Go accepts.
    if (rest == u"0")
        return 0;
    if (rest.isEmpty())
        return fail(error, invalid);

    quint64 total = 0;
    while (!rest.isEmpty()) {
        if (!(rest.front() == QLatin1Char('.') || isDigit(rest.front())))
            return fail(error, invalid);

        quint64 whole = 0;
        qsizetype before = rest.size();
        if (!leadingInt(rest, &whole))
            return fail(error, invalid);
        const bool hasWhole = before != rest.size();

        quint64 fraction = 0;
        double scale = 1;
        bool hasFraction = false;
        if (!rest.isEmpty() && rest.front() == QLatin1Char('.')) {
            rest = rest.mid(1);
            before = rest.size();
            leadingFraction(rest, &fraction, &scale);
            hasFraction = before != rest.size();
        }
        if (!hasWhole && !hasFraction)
            return fail(error, invalid); // "." or "-.s"

        qsizetype unitLength = 0;
        while (unitLength < rest.size() && rest.at(unitLength) != QLatin1Char('.')
               && !isDigit(rest.at(unitLength))) {
            ++unitLength;
        }
        if (unitLength == 0)
            return fail(error, QStringLiteral("time: missing unit in duration ") + quoted(text));
        const QStringView unitText = rest.left(unitLength);
        rest = rest.mid(unitLength);
        const quint64 unit = unitNanoseconds(unitText);
        if (unit == 0) {
            return fail(error, QStringLiteral("time: unknown unit ") + quoted(unitText)
                                   + QStringLiteral(" in duration ") + quoted(text));
        }
        if (whole > kTwoTo63 / unit)
            return fail(error, invalid);
        whole *= unit;
        if (fraction > 0) {
            // Float arithmetic on purpose: Go does the same, and "1.0000000001s" must round alike.
            whole += quint64(double(fraction) * (double(unit) / scale));
            if (whole > kTwoTo63)
                return fail(error, invalid);
        }
        total += whole;
        if (total > kTwoTo63)
            return fail(error, invalid);
    }
    if (negative)
        return qint64(quint64(0) - total); // two's complement: 2^63 becomes INT64_MIN
    if (total > kTwoTo63 - 1)
        return fail(error, invalid);
    return qint64(total);
}

QString formatGoDuration(qint64 ns)
{
    const bool negative = ns < 0;
    quint64 u = negative ? quint64(0) - quint64(ns) : quint64(ns);
    QString out;
    if (u < 1'000'000'000) {
        // Below one second Go picks the largest unit that keeps an integer part: ns, µs or ms.
        if (u == 0)
            return QStringLiteral("0s");
        int prec = 0;
        if (u < 1'000) {
            out = QStringLiteral("ns");
        } else if (u < 1'000'000) {
            prec = 3;
            out = QStringLiteral("\u00b5s");
        } else {
            prec = 6;
            out = QStringLiteral("ms");
        }
        u = prependFraction(out, u, prec);
        prependInt(out, u);
    } else {
        out = QStringLiteral("s");
        u = prependFraction(out, u, 9);
        prependInt(out, u % 60);
        u /= 60;
        if (u > 0) {
            out.prepend(QLatin1Char('m'));
            prependInt(out, u % 60);
            u /= 60;
            if (u > 0) {
                out.prepend(QLatin1Char('h'));
                prependInt(out, u);
            }
        }
    }
    if (negative)
        out.prepend(QLatin1Char('-'));
    return out;
}

} // namespace hookscope
