#include "core/config/secretmask.h"

#include <QUrl>

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

namespace {

// Lower case; the key is compared after lower-casing, the camelCase test looks at the original.
constexpr const char *SecretKeyWords[] = {
    "token", "key", "apikey", "secret", "password", "passwd", "sig", "signature", "auth", "access_token",
};

bool isSchemeChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('+') || c == QLatin1Char('-') || c == QLatin1Char('.');
}

// "a=1&token=abc" -> "a=1&token=***". Pieces without "=" or with an empty value stay as they are.
QString maskParameters(QStringView parameters)
{
    QString out;
    out.reserve(parameters.size());
    qsizetype from = 0;
    while (from <= parameters.size()) {
        qsizetype amp = parameters.indexOf(QLatin1Char('&'), from);
        if (amp < 0)
            amp = parameters.size();
        const QStringView piece = parameters.mid(from, amp - from);
        const qsizetype eq = piece.indexOf(QLatin1Char('='));
        if (eq > 0 && eq + 1 < piece.size()) {
            // Keys are matched as a server reads them: "+" is a space, %XX decoded (to%6Ben = token).
            QByteArray rawKey = piece.left(eq).toUtf8();
            rawKey.replace('+', ' ');
            const QString key = QUrl::fromPercentEncoding(rawKey);
            if (isSecretQueryKey(key)) {
                out += piece.left(eq + 1);
                out += QLatin1String(MaskedSecret);
            } else {
                out += piece;
            }
        } else {
            out += piece;
        }
        if (amp < parameters.size())
            out += QLatin1Char('&');
        from = amp + 1;
    }
    return out;
}

} // namespace

bool isSecretQueryKey(const QString &key)
{
    const QString trimmed = key.trimmed();
    const QString lower = trimmed.toLower();
    for (const char *word : SecretKeyWords) {
        const QLatin1String name(word);
        if (lower == name)
            return true;
        if (lower.size() <= name.size() || !lower.endsWith(name))
            continue;
        const qsizetype at = lower.size() - name.size();   // where the word starts
        const QChar before = trimmed.at(at - 1);
        if (before == QLatin1Char('_') || before == QLatin1Char('-') || before == QLatin1Char('.'))
            return true;
        // camelCase: apiKey, sessionToken (but not "monkey": the word must start upper case).
        if (trimmed.at(at).isUpper() && (before.isLower() || before.isDigit()))
            return true;
    }
    return false;
}

QString maskUrl(const QString &url)
{
    QString out = url;
    // The authority sits between "scheme://" and the first "/", "?" or "#"; a URL without "//" has
    // none (then only its query and fragment can hold secrets).
    qsizetype authorityEnd = 0;
    const qsizetype slashes = out.indexOf(QLatin1String("://"));
    const qsizetype firstDelimiter = [&] {
        qsizetype i = 0;
        while (i < out.size() && out.at(i) != QLatin1Char('?') && out.at(i) != QLatin1Char('#'))
            ++i;
        return i;
    }();
    if (slashes > 0 && slashes < firstDelimiter) {
        const qsizetype start = slashes + 3;
        qsizetype end = start;
        while (end < out.size() && out.at(end) != QLatin1Char('/') && out.at(end) != QLatin1Char('?')
               && out.at(end) != QLatin1Char('#'))
            ++end;
        // userinfo ends at the last "@" of the authority; an IPv6 host ([::1]) comes after it.
        const qsizetype at = out.lastIndexOf(QLatin1Char('@'), end - 1);
        if (at >= start) {
            const qsizetype colon = out.indexOf(QLatin1Char(':'), start);
            if (colon >= 0 && colon + 1 < at) {
                out.replace(colon + 1, at - colon - 1, QLatin1String(MaskedSecret));
                end -= (at - colon - 1) - qsizetype(sizeof MaskedSecret - 1);
            }
        }
        authorityEnd = end;
    }
    const qsizetype hash = out.indexOf(QLatin1Char('#'), authorityEnd);
    const qsizetype queryEnd = hash < 0 ? out.size() : hash;
    const qsizetype question = out.indexOf(QLatin1Char('?'), authorityEnd);
    QString result = out.left(question >= 0 && question < queryEnd ? question + 1 : queryEnd);
    if (question >= 0 && question < queryEnd)
        result += maskParameters(QStringView(out).mid(question + 1, queryEnd - question - 1));
    if (hash >= 0) {
        // Fragments carry tokens too (OAuth's "#access_token=..."), also after a route: "#/cb?token=".
        const QStringView fragment = QStringView(out).mid(hash + 1);
        const qsizetype routeQuery = fragment.lastIndexOf(QLatin1Char('?'));
        result += QLatin1Char('#');
        result += fragment.left(routeQuery + 1);
        result += maskParameters(fragment.mid(routeQuery + 1));
    }
    return result;
}

QString maskUrl(const QUrl &url)
{
    return maskUrl(url.toString());
}

QString maskUrlsInText(const QString &text)
{
    qsizetype slashes = text.indexOf(QLatin1String("://"));
    if (slashes < 0)
        return text;
    QString out;
    qsizetype copied = 0;
    while (slashes >= 0) {
        qsizetype start = slashes;
        while (start > copied && isSchemeChar(text.at(start - 1)))
            --start;
        if (start == slashes || !text.at(start).isLetter()) {
            slashes = text.indexOf(QLatin1String("://"), slashes + 3);
            continue;
        }
        qsizetype end = slashes + 3;
        while (end < text.size() && !text.at(end).isSpace() && text.at(end) != QLatin1Char('"')
               && text.at(end) != QLatin1Char('\'') && text.at(end) != QLatin1Char('<')
               && text.at(end) != QLatin1Char('>'))
            ++end;
        // Sentence punctuation after a URL ("failed on http://h/x.") is not part of it.
        while (end > slashes + 3 && QStringLiteral(".,;:)]}").contains(text.at(end - 1)))
            --end;
        out += QStringView(text).mid(copied, start - copied);
        out += maskUrl(text.mid(start, end - start));
        copied = end;
        slashes = text.indexOf(QLatin1String("://"), end);
    }
    out += QStringView(text).mid(copied);
    return out;
}

} // namespace hookscope
