#include "core/transport/httpresponseparser.h"

#include <http_parser.h>

namespace hookscope {

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
        // libhttp-parser takes "HTTP/1.1 7 x" or "0" as a status; Go's client refuses a code that is
        // not three digits. Below 100 it is malformed here (a status 0 would read as "no status").
        if (p->status_code < 100) {
            self->m_error = QStringLiteral("malformed HTTP response (status code %1)").arg(p->status_code);
            return -1;
        }
        self->m_status = int(p->status_code);
        // 101 Switching Protocols is final, as in Go's client (the registry then counts it as an
        // unaccepted status): nothing after it is HTTP. Skipping it like 100 Continue lost the
        // bytes after it whenever they came in the same read, because the parser stops there.
        self->m_interim = p->status_code >= 100 && p->status_code < 200 && p->status_code != 101;
        if (!self->m_interim)
            self->m_state = State::HeadersDone;
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
    const size_t used = http_parser_execute(&m_parser->parser, &Parser::settings(), data, size_t(size));
    m_consumed = qsizetype(used);
    const auto error = HTTP_PARSER_ERRNO(&m_parser->parser);
    if (error != HPE_OK && error != HPE_PAUSED) {
        m_state = State::Error;
        if (m_error.isEmpty()) {
            m_error = QStringLiteral("malformed HTTP response (%1)")
                          .arg(QLatin1String(http_errno_description(error)));
        }
    }
    return m_state;
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
