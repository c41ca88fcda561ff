#include "core/config/bytesize.h"

#include <limits>

namespace hookscope {

namespace {

struct Unit
{
    const char *name;
    qint64 factor;
};

// Largest first, for formatByteSize().
constexpr Unit kUnits[] = {
    {"TiB", qint64(1) << 40}, {"GiB", qint64(1) << 30}, {"MiB", qint64(1) << 20},
    {"KiB", qint64(1) << 10}, {"B", 1},
};

} // namespace

std::optional<qint64> parseByteSize(QStringView text, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<qint64> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QStringView trimmed = text.trimmed();
    qsizetype digits = 0;
    if (digits < trimmed.size() && (trimmed[0] == QLatin1Char('-') || trimmed[0] == QLatin1Char('+')))
        ++digits;
    while (digits < trimmed.size() && trimmed[digits].isDigit() && trimmed[digits].unicode() < 128)
        ++digits;
    const QStringView number = trimmed.left(digits);
    const QStringView unit = trimmed.mid(digits).trimmed();
    const QString expected
        = QStringLiteral("expected a number of bytes or a size such as 512KiB, 32MiB, 1GiB");
    if (number.isEmpty() || number == QLatin1String("-") || number == QLatin1String("+"))
        return fail(expected);
    bool ok = false;
    const qint64 value = number.toLongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("is too large"));
    qint64 factor = 0;
    if (unit.isEmpty()) {
        factor = 1;
    } else {
        for (const Unit &u : kUnits) {
            if (unit == QLatin1String(u.name))
                factor = u.factor;
        }
    }
    if (factor == 0) {
        const bool decimal = unit.compare(QLatin1String("KB"), Qt::CaseInsensitive) == 0
                             || unit.compare(QLatin1String("MB"), Qt::CaseInsensitive) == 0
                             || unit.compare(QLatin1String("GB"), Qt::CaseInsensitive) == 0;
        return fail(QStringLiteral("unknown unit \"%1\" (%2%3)")
                        .arg(unit.toString(),
                             decimal ? QStringLiteral("sizes are binary: KiB, MiB, GiB; ")
                                     : QString(),
                             expected));
    }
    if (value > std::numeric_limits<qint64>::max() / factor
        || value < std::numeric_limits<qint64>::min() / factor)
        return fail(QStringLiteral("is too large"));
    return value * factor;
}

QString formatByteSize(qint64 bytes)
{
    if (bytes == 0)
        return QStringLiteral("0");
    for (const Unit &u : kUnits) {
        if (u.factor > 1 && bytes % u.factor == 0)
            return QString::number(bytes / u.factor) + QLatin1String(u.name);
    }
    return QString::number(bytes);
}

} // namespace hookscope
