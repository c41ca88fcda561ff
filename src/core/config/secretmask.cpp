#include "config/secretmask.h"

namespace hookscope {

QString maskHeaderValue(const QString &value)
{
    if (value.isEmpty())
        return value;
    // Keep an auth scheme word ("Bearer", "Basic", "Token") so an operator can still tell which
    // kind of credential is configured without seeing it.
    const qsizetype space = value.indexOf(QLatin1Char(' '));
    if (space > 0 && space < 16) {
        const QString scheme = value.left(space);
        bool looksLikeScheme = true;
        for (const QChar c : scheme)
            looksLikeScheme = looksLikeScheme && c.isLetter();
        if (looksLikeScheme)
            return scheme + QStringLiteral(" ******");
    }
    return QStringLiteral("******");
}

QStringList maskHeaderValues(const QStringList &values)
{
    QStringList masked;
    masked.reserve(values.size());
    for (const QString &value : values)
        masked.append(maskHeaderValue(value));
    return masked;
}

} // namespace hookscope
