#include "core/model/jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstring>

namespace hookscope::JsonText {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// `i` is at an opening quote; returns the index just past the closing quote (or n if unterminated).
// Escapes are skipped as pairs so \" and \\ cannot end or prolong the string by mistake.
qsizetype skipString(const char *s, qsizetype n, qsizetype i)
{
    for (++i; i < n; ++i) {
        if (s[i] == '\\')
            ++i;
        else if (s[i] == '"')
            return i + 1;
    }
    return n;
}

// The index of the next { [ } or ] at or after `i` that is not inside a string, or n. Measuring
// nesting (skipValue, maxDepth) only needs these four bytes; strings are stepped over whole so
// that a bracket inside one does not count.
qsizetype nextBracket(const char *s, qsizetype n, qsizetype i)
{
    while (i < n) {
        const char c = s[i];
        if (c == '"')
            i = skipString(s, n, i);
        else if (c == '{' || c == '[' || c == '}' || c == ']')
            return i;
        else
            ++i;
    }
    return n;
}

bool isOpening(char c)
{
    return c == '{' || c == '[';
}

qsizetype skipSpace(const char *s, qsizetype n, qsizetype i)
{
    while (i < n && isSpace(s[i]))
        ++i;
    return i;
}

// `i` is just past an element of an object or array. Skips the comma (and the space around it) that
// leads to the next element, or stops at `close`: returns the index of that element or of `close`,
// or -1 when neither follows (malformed text). Objects and arrays separate their elements alike.
qsizetype skipSeparator(const char *s, qsizetype n, qsizetype i, char close)
{
    i = skipSpace(s, n, i);
    if (i < n && s[i] == ',')
        return skipSpace(s, n, i + 1);
    if (i < n && s[i] == close)
        return i;
    return -1;
}

// `i` is at the first byte of a value; returns the index just past it.
qsizetype skipValue(const char *s, qsizetype n, qsizetype i)
{
    if (i >= n)
        return n;
    if (s[i] == '"')
        return skipString(s, n, i);
    if (isOpening(s[i])) {
        int depth = 0;
        for (i = nextBracket(s, n, i); i < n; i = nextBracket(s, n, i + 1)) {
            if (isOpening(s[i]))
                ++depth;
            else if (--depth == 0)
                return i + 1;
        }
        return n;
    }
    // Scalar: a number, true, false or null runs until a delimiter.
    while (i < n && !isSpace(s[i]) && s[i] != ',' && s[i] != '}' && s[i] != ']')
        ++i;
    return i;
}

// Compares a raw key (the bytes between the quotes) with the wanted key. A key spelled with escapes
// ("ev\u0065nts") is the same key to a JSON parser, so it is decoded on that rare path only.
bool keyEquals(QByteArrayView raw, QByteArrayView wanted)
{
    if (!raw.contains('\\'))
        return raw == wanted;
    const QByteArray wrapped = QByteArray("[\"") + raw.toByteArray() + QByteArray("\"]");
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped);
    return doc.isArray() && doc.array().at(0).toString().toUtf8() == wanted;
}

} // namespace

QByteArray compact(QByteArrayView json)
{
    const char *s = json.data();
    const qsizetype n = json.size();
    QByteArray out(n, Qt::Uninitialized);
    char *dst = out.data();
    // QJsonDocument accepts a leading UTF-8 byte order mark; it must not end up inside a relayed
    // event or in front of the envelope's '{', so it counts as insignificant here.
    qsizetype i = json.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (i < n) {
        const char c = s[i];
        if (c == '"') {
            const qsizetype end = skipString(s, n, i);
            std::memcpy(dst, s + i, size_t(end - i));
            dst += end - i;
            i = end;
            continue;
        }
        if (!isSpace(c))
            *dst++ = c;
        ++i;
    }
    out.truncate(dst - out.constData());
    return out;
}

QByteArray indent(QByteArrayView compactJson, int depth, QByteArrayView unit)
{
    QByteArray out;
    // A registry event roughly doubles when indented at depth 2; growth beyond is amortised anyway.
    out.reserve(compactJson.size() * 2 + 64);
    indentAppend(out, compactJson, depth, unit);
    return out;
}

void indentAppend(QByteArray &out, QByteArrayView compactJson, int depth, QByteArrayView unit)
{
    const char *s = compactJson.data();
    const qsizetype n = compactJson.size();

    int level = depth;
    bool needIndent = false;   // just opened { or [: the next byte decides whether it is empty
    // "\n" followed by as many units as the deepest level seen so far: each line break is then a
    // single append of a prefix of it rather than one append per level.
    QByteArray pad("\n");
    const auto newline = [&](int lvl) {
        const qsizetype wanted = 1 + qsizetype(qMax(lvl, 0)) * unit.size();
        while (pad.size() < wanted)
            pad.append(unit);
        out.append(pad.constData(), wanted);
    };

    qsizetype i = 0;
    while (i < n) {
        const char c = s[i];
        if (isSpace(c)) {
            ++i;
            continue;
        }
        if (needIndent && c != '}' && c != ']') {
            needIndent = false;
            newline(level);
        }
        switch (c) {
        case '"': {
            const qsizetype end = skipString(s, n, i);
            out.append(s + i, end - i);
            i = end;
            continue;
        }
        case '{':
        case '[':
            out.append(c);
            needIndent = true;
            ++level;
            break;
        case ',':
            out.append(c);
            newline(level);
            break;
        case ':':
            out.append(": ");
            break;
        case '}':
        case ']':
            --level;
            if (needIndent)
                needIndent = false;   // empty container stays "{}" / "[]", as Go writes it
            else
                newline(level);
            out.append(c);
            break;
        default: {
            // A scalar: copy it as one run rather than byte by byte.
            const qsizetype end = skipValue(s, n, i);
            out.append(s + i, qMax(end - i, qsizetype(1)));
            i = qMax(end, i + 1);
            continue;
        }
        }
        ++i;
    }
}

std::optional<std::vector<QByteArrayView>> topLevelArrayItems(QByteArrayView json,
                                                             QByteArrayView key)
{
    const char *s = json.data();
    const qsizetype n = json.size();
    qsizetype i = skipSpace(s, n, 0);
    if (i >= n || s[i] != '{')
        return std::nullopt;
    i = skipSpace(s, n, i + 1);

    std::optional<std::vector<QByteArrayView>> result;
    while (i < n && s[i] != '}') {
        if (s[i] != '"')
            return std::nullopt;
        const qsizetype keyEnd = skipString(s, n, i);
        const QByteArrayView rawKey(s + i + 1, qMax(keyEnd - i - 2, qsizetype(0)));
        i = skipSpace(s, n, keyEnd);
        if (i >= n || s[i] != ':')
            return std::nullopt;
        i = skipSpace(s, n, i + 1);

        if (keyEquals(rawKey, key)) {
            // A later duplicate replaces an earlier one, whatever its type.
            result.reset();
            if (i < n && s[i] == '[') {
                std::vector<QByteArrayView> items;
                i = skipSpace(s, n, i + 1);
                while (i < n && s[i] != ']') {
                    const qsizetype end = skipValue(s, n, i);
                    items.emplace_back(s + i, end - i);
                    i = skipSeparator(s, n, end, ']');
                    if (i < 0)
                        return std::nullopt;
                }
                if (i >= n)
                    return std::nullopt;
                ++i;   // past ']'
                result = std::move(items);
            } else {
                i = skipValue(s, n, i);
            }
        } else {
            i = skipValue(s, n, i);
        }

        i = skipSeparator(s, n, i, '}');
        if (i < 0)
            return std::nullopt;
    }
    if (i >= n)
        return std::nullopt;
    return result;
}

int maxDepth(QByteArrayView json)
{
    const char *s = json.data();
    const qsizetype n = json.size();
    int depth = 0;
    int deepest = 0;
    for (qsizetype i = nextBracket(s, n, 0); i < n; i = nextBracket(s, n, i + 1)) {
        if (isOpening(s[i]))
            deepest = qMax(deepest, ++depth);
        else
            --depth;
    }
    return deepest;
}

} // namespace hookscope::JsonText
