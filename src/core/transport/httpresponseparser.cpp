#include "core/transport/httpresponseparser.h"

#include <http_parser.h>

#include <cctype>
#include <cstring>

namespace hookscope {

namespace {

// Go's client allows this many interim (1xx, not 101) responses before the final one.
constexpr int MaxInterimResponses = 5;
// A status line longer than this is not one Go would read either (its header limit is 1 MiB, but
// a receiver that sends kilobytes before a line end is not speaking HTTP).
constexpr qsizetype MaxStatusLine = 8 * 1024;

bool isGoVersion(const QByteArray &proto)
{
    // net/http.ParseHTTPVersion: "HTTP/1.0", "HTTP/1.1", or "HTTP/" digit "." digit.
    if (proto == "HTTP/1.1" || proto == "HTTP/1.0")
        return true;
    return proto.size() == 8 && proto.startsWith("HTTP/") && proto.at(6) == '.' && std::isdigit(uchar(proto.at(5)))
        && std::isdigit(uchar(proto.at(7)));
}

// net/http.ReadResponse's checks of the status line, in its order and with its words: the code is
// exactly three characters that strconv.Atoi reads as a number >= 0 ("020" is 20, "+20" too).
QString goStatusLineProblem(QByteArray line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    const qsizetype space = line.indexOf(' ');
    if (space < 0)
        return QStringLiteral("malformed HTTP response \"%1\"").arg(QString::fromLatin1(line.left(80)));
    const QByteArray proto = line.left(space);
    QByteArray status = line.mid(space + 1);
    while (status.startsWith(' '))
        status.remove(0, 1);
    const qsizetype end = status.indexOf(' ');
    const QByteArray code = end < 0 ? status : status.left(end);
    bool ok = code.size() == 3;
    if (ok) {
        const qsizetype first = code.at(0) == '+' || code.at(0) == '-' ? 1 : 0;
        for (qsizetype i = first; i < code.size(); ++i)
            ok = ok && std::isdigit(uchar(code.at(i)));
        ok = ok && code.at(0) != '-';
    }
    if (!ok)
        return QStringLiteral("malformed HTTP status code \"%1\"").arg(QString::fromLatin1(code.left(80)));
    if (!isGoVersion(proto))
        return QStringLiteral("malformed HTTP version \"%1\"").arg(QString::fromLatin1(proto.left(80)));
    return {};
}

} // namespace

struct HttpResponseParser::Parser
{
    http_parser parser;
    HttpResponseParser *owner;

    static HttpResponseParser *of(http_parser *p) { return static_cast<Parser *>(p->data)->owner; }

    static int onMessageBegin(http_parser *p)
    {
        HttpResponseParser *self = of(p);
        self->m_headers.clear();
        self->m_body.clear();
        self->m_bodySeen = 0;
        self->m_lastWasValue = false;
        return 0;
    }
    static int onHeaderField(http_parser *p, const char *at, size_t length)
    {
        HttpResponseParser *self = of(p);
        if (self->m_headers.isEmpty() || self->m_lastWasValue)
            self->m_headers.append({QByteArray(at, qsizetype(length)), QByteArray()});
        else
            self->m_headers.last().first.append(at, qsizetype(length));
        self->m_lastWasValue = false;
        return 0;
    }
    static int onHeaderValue(http_parser *p, const char *at, size_t length)
    {
        HttpResponseParser *self = of(p);
        self->m_headers.last().second.append(at, qsizetype(length));
        self->m_lastWasValue = true;
        return 0;
    }
    static int onHeadersComplete(http_parser *p)
    {
        HttpResponseParser *self = of(p);
        // Go's status-line rules were checked before the parser saw the line ("HTTP/1.1 20 OK" is
        // malformed there, "HTTP/1.1 020 OK" a status 20). A three-digit 000 is a status 0 in Go, a
        // Failure "0 "; here 0 means "no response", so it stays an Error (README: differences).
        if (p->status_code < 1) {
            self->m_error = QStringLiteral("status code 000 is taken as no response");
            return -1;
        }
        self->m_status = int(p->status_code);
        // 101 Switching Protocols is final, as in Go's client (the registry then counts it as an
        // unaccepted status): nothing after it is HTTP. Skipping it like 100 Continue lost the
        // bytes after it whenever they came in the same read, because the parser stops there.
        self->m_interim = p->status_code >= 100 && p->status_code < 200 && p->status_code != 101;
        if (self->m_interim && ++self->m_interimCount > MaxInterimResponses) {
            self->m_error = QStringLiteral("too many 1xx informational responses");
            return -1;
        }
        if (!self->m_interim) {
            self->m_state = State::HeadersDone;
            self->m_headersDone = true;
        }
        return 0;
    }
    static int onBody(http_parser *p, const char *at, size_t length)
    {
        HttpResponseParser *self = of(p);
        self->m_bodySeen += qint64(length);
        const qsizetype room = self->m_bodyLimit - self->m_body.size();
        if (room > 0)
            self->m_body.append(at, qMin(room, qsizetype(length)));
        return 0;
    }
    static int onMessageComplete(http_parser *p)
    {
        HttpResponseParser *self = of(p);
        if (self->m_interim) {
            // 100 Continue and friends: the final response follows on the same connection.
            self->m_interim = false;
            self->m_status = 0;
            self->m_headers.clear();
            // Pause here too, so feed() checks the next status line before the parser reads it.
            http_parser_pause(p, 1);
            return 0;
        }
        self->m_state = State::Complete;
        self->m_keepAlive = http_should_keep_alive(p) != 0 && p->status_code != 101;
        http_parser_pause(p, 1);   // stop exactly at the end of this response
        return 0;
    }

    static const http_parser_settings &settings()
    {
        static const http_parser_settings s = [] {
            http_parser_settings v;
            http_parser_settings_init(&v);
            v.on_message_begin = &onMessageBegin;
            v.on_header_field = &onHeaderField;
            v.on_header_value = &onHeaderValue;
            v.on_headers_complete = &onHeadersComplete;
            v.on_body = &onBody;
            v.on_message_complete = &onMessageComplete;
            return v;
        }();
        return s;
    }
};

HttpResponseParser::HttpResponseParser(qsizetype bodyLimit)
    : m_parser(std::make_unique<Parser>())
    , m_bodyLimit(bodyLimit)
{
    m_parser->owner = this;
    reset();
}

HttpResponseParser::~HttpResponseParser() = default;

void HttpResponseParser::reset()
{
    http_parser_init(&m_parser->parser, HTTP_RESPONSE);
    m_parser->parser.data = m_parser.get();
    m_state = State::Reading;
    m_anyByte = false;
    m_interim = false;
    m_interimCount = 0;
    m_headersDone = false;
    m_statusLinePending = true;
    m_statusLine.clear();
    m_lastWasValue = false;
    m_status = 0;
    m_headers.clear();
    m_body.clear();
    m_bodySeen = 0;
    m_keepAlive = false;
    m_consumed = 0;
    m_error.clear();
}

HttpResponseParser::State HttpResponseParser::feed(const char *data, qsizetype size)
{
    m_consumed = 0;
    if (m_state == State::Error || m_state == State::Complete || size <= 0)
        return m_state;
    m_anyByte = true;
    qsizetype offset = 0;
    while (offset < size && m_state != State::Error) {
        if (m_statusLinePending) {
            const qsizetype used = takeStatusLine(data + offset, size - offset);
            if (used < 0 || m_state == State::Error)
                break;
            if (m_statusLinePending) {   // held back until its line end comes
                offset = size;
                break;
            }
        }
        const size_t used = http_parser_execute(&m_parser->parser, &Parser::settings(), data + offset,
                                                size_t(size - offset));
        offset += qsizetype(used);
        if (!checkParserError())
            break;
        if (HTTP_PARSER_ERRNO(&m_parser->parser) == HPE_PAUSED && m_state != State::Complete) {
            // An interim response ended: the final one's status line comes next.
            http_parser_pause(&m_parser->parser, 0);
            m_statusLinePending = true;
            continue;
        }
        break;
    }
    m_consumed = offset;
    return m_state;
}

bool HttpResponseParser::checkParserError()
{
    const auto error = HTTP_PARSER_ERRNO(&m_parser->parser);
    if (error == HPE_OK || error == HPE_PAUSED)
        return true;
    m_state = State::Error;
    if (m_error.isEmpty())
        m_error = QStringLiteral("malformed HTTP response (%1)").arg(QLatin1String(http_errno_description(error)));
    return false;
}

qsizetype HttpResponseParser::takeStatusLine(const char *data, qsizetype size)
{
    // Go judges the whole status line before anything else; libhttp-parser would refuse some lines
    // mid-way with other words, and take others Go refuses. So the line is held back (counted as
    // consumed) until its end is in, judged, then handed to the parser.
    const char *end = static_cast<const char *>(memchr(data, '\n', size_t(size)));
    if (!end) {
        m_statusLine.append(data, size);
        if (m_statusLine.size() <= MaxStatusLine)
            return size;
        m_error = QStringLiteral("malformed HTTP response (a status line over %1 bytes)").arg(MaxStatusLine);
        m_state = State::Error;
        return -1;
    }
    m_statusLinePending = false;
    const QByteArray held = std::exchange(m_statusLine, QByteArray());
    m_error = goStatusLineProblem(held + QByteArray(data, qsizetype(end - data)));
    if (!m_error.isEmpty()) {
        m_state = State::Error;
        return -1;
    }
    // The held part goes to the parser now; the rest of the line follows from `data`.
    if (!held.isEmpty()) {
        http_parser_execute(&m_parser->parser, &Parser::settings(), held.constData(), size_t(held.size()));
        if (!checkParserError())
            return -1;
    }
    return 0;
}

HttpResponseParser::State HttpResponseParser::feedEof()
{
    if (m_state == State::Error || m_state == State::Complete)
        return m_state;
    // A zero-length execute tells the parser the stream ended: a response framed by the close
    // (no Content-Length, not chunked) completes; anything else is cut short.
    http_parser_execute(&m_parser->parser, &Parser::settings(), nullptr, 0);
    if (m_state != State::Complete) {
        m_state = State::Error;
        m_error = m_anyByte ? QStringLiteral("connection closed in the middle of the response")
                            : QStringLiteral("connection closed before any response");
    } else {
        m_keepAlive = false;
    }
    return m_state;
}

QByteArray HttpResponseParser::header(const QByteArray &name) const
{
    for (const auto &[key, value] : m_headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace hookscope
