#include "core/transport/gorequestheaders.h"

#include <algorithm>

namespace hookscope {

namespace {

// textproto.TrimString: ASCII space and tab (and CR/LF, which the config never lets through).
QByteArray goTrim(const QByteArray &value)
{
    qsizetype begin = 0;
    qsizetype end = value.size();
    auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (begin < end && isSpace(value.at(begin)))
        ++begin;
    while (end > begin && isSpace(value.at(end - 1)))
        --end;
    return value.mid(begin, end - begin);
}

} // namespace

bool GoRequestHeaders::isExcluded(const QByteArray &name)
{
    // reqWriteExcludeHeader: map keys, so exact names; "host" in lower case is written as a header.
    return name == "Host" || name == "User-Agent" || name == "Content-Length" || name == "Transfer-Encoding"
        || name == "Trailer";
}

GoRequestHeaders::GoRequestHeaders(const QByteArray &contentType, const Configured &configured)
{
    struct Line
    {
        QByteArray name;
        QByteArray value;
        bool configured;
    };
    QList<Line> lines;
    lines.append({QByteArrayLiteral("Content-Type"), contentType, false});
    for (const auto &[name, values] : configured) {
        const QByteArray key = name.toUtf8();
        if (key == "User-Agent") {
            // Header.Get: the first value; an empty list or value means no User-Agent line at all.
            m_userAgent = values.isEmpty() ? QByteArray() : values.first().toUtf8();
            continue;
        }
        // Header.Get canonicalizes its argument, so only these exact keys suppress gzip.
        if ((key == "Accept-Encoding" || key == "Range") && !values.isEmpty() && !values.first().isEmpty())
            m_acceptGzip = false;
        if (isExcluded(key))
            continue;
        for (const QString &value : values)
            lines.append({key, goTrim(value.toUtf8()), true});
    }
    // sort.Sort over distinct keys; stable here so each key keeps its values in order, the
    // request's own Content-Type first.
    std::stable_sort(lines.begin(), lines.end(), [](const Line &a, const Line &b) { return a.name < b.name; });
    m_sorted.reserve(lines.size());
    m_configured.reserve(lines.size());
    for (const Line &line : std::as_const(lines)) {
        m_sorted.append({line.name, line.value});
        m_configured.append(line.configured);
    }
}

void GoRequestHeaders::insertSorted(HeaderList &lines, const QByteArray &name, const QByteArray &value)
{
    const auto at = std::find_if(lines.begin(), lines.end(), [&](const auto &line) { return !(line.first < name); });
    lines.insert(at, {name, value});
}

} // namespace hookscope
