#include "http/httprequestparser.h"

namespace hookscope {

namespace {

HttpRequestParser *parserOf(http_parser *parser)
{
    return static_cast<HttpRequestParser *>(parser->data);
}

} // namespace

HttpRequestParser::HttpRequestParser(Owner *owner, const Limits &limits)
    : m_owner(owner)
    , m_limits(limits)
{
    http_parser_init(&m_parser, HTTP_REQUEST);
    m_parser.data = this;
}

void HttpRequestParser::setPeer(const QHostAddress &address, quint16 port, int connectionId)
{
    m_peer = HttpPeer{address, port, connectionId};
}

const http_parser_settings &HttpRequestParser::settings()
{
    static const http_parser_settings settings = [] {
        http_parser_settings s;
        http_parser_settings_init(&s);
        s.on_message_begin = &HttpRequestParser::onMessageBegin;
        s.on_url = &HttpRequestParser::onUrl;
        s.on_header_field = &HttpRequestParser::onHeaderField;
        s.on_header_value = &HttpRequestParser::onHeaderValue;
        s.on_headers_complete = &HttpRequestParser::onHeadersComplete;
        s.on_body = &HttpRequestParser::onBody;
        s.on_message_complete = &HttpRequestParser::onMessageComplete;
        return s;
    }();
    return settings;
}

HttpRequestParser::Result HttpRequestParser::feed(QByteArray &buffer)
{
    const size_t parsed =
        http_parser_execute(&m_parser, &settings(), buffer.constData(), size_t(buffer.size()));
    buffer.remove(0, qsizetype(parsed));
    if (m_requestReady)
        return Result::RequestReady;
    const auto error = HTTP_PARSER_ERRNO(&m_parser);
    if (error == HPE_OK)
        return Result::NeedMore;
    if (m_failure == Failure::None) {
        if (error == HPE_HEADER_OVERFLOW) {
            m_failure = Failure::TooLarge;
            m_failureResponse = HttpResponse::error(431, QStringLiteral("request headers too large"));
        } else {
            m_failure = Failure::Malformed;
            m_failureResponse = HttpResponse::error(
                400, QStringLiteral("malformed request: %1")
                         .arg(QLatin1String(http_errno_description(error))));
        }
    }
    return Result::Failed;
}

void HttpRequestParser::resume()
{
    m_requestReady = false;
    http_parser_pause(&m_parser, 0);
    // We never switch protocols (e.g. curl --http2 asks for h2c): answering in HTTP/1.1 ignores
    // the Upgrade header, which RFC 9110 7.8 allows. The parser stopped at the end of the
    // request and is ready for the next one once the flag is cleared.
    m_parser.upgrade = 0;
}

int HttpRequestParser::stop(Failure failure, const HttpResponse &response)
{
    m_failure = failure;
    m_failureResponse = response;
    return -1;
}

// --- parser callbacks: they only collect; decisions are the owner's ---

int HttpRequestParser::onMessageBegin(http_parser *parser)
{
    HttpRequestParser *self = parserOf(parser);
    self->m_request = HttpRequest();
    self->m_request.m_peer = self->m_peer;
    self->m_url.clear();
    self->m_headerBytes = 0;
    self->m_headerLines = 0;
    self->m_lastCallbackWasValue = true;
    self->m_inMessage = true;
    self->m_owner->messageBegun();
    return 0;
}

bool HttpRequestParser::countHeaderBytes(size_t length)
{
    m_headerBytes += qint64(length);
    if (m_headerBytes <= m_limits.maxHeaderBytes)
        return true;
    stop(Failure::TooLarge, HttpResponse::error(431, QStringLiteral("request headers too large")));
    return false;
}

int HttpRequestParser::onUrl(http_parser *parser, const char *at, size_t length)
{
    HttpRequestParser *self = parserOf(parser);
    self->m_url.append(at, qsizetype(length));
    return self->countHeaderBytes(length) ? 0 : -1;
}

int HttpRequestParser::onHeaderField(http_parser *parser, const char *at, size_t length)
{
    HttpRequestParser *self = parserOf(parser);
    // The parser may split a name over several calls; a new name starts after a value.
    if (self->m_lastCallbackWasValue) {
        // Many tiny headers cost more per byte than a few long ones (a list entry each).
        if (++self->m_headerLines > self->m_limits.maxHeaderLines) {
            return self->stop(Failure::TooLarge,
                              HttpResponse::error(431, QStringLiteral("more than %1 header lines")
                                                           .arg(self->m_limits.maxHeaderLines)));
        }
        self->m_request.m_headers.append({QByteArray(), QByteArray()});
    }
    self->m_request.m_headers.last().first.append(at, qsizetype(length));
    self->m_lastCallbackWasValue = false;
    return self->countHeaderBytes(length + 4) ? 0 : -1;   // + ": " and CRLF
}

int HttpRequestParser::onHeaderValue(http_parser *parser, const char *at, size_t length)
{
    HttpRequestParser *self = parserOf(parser);
    if (self->m_request.m_headers.isEmpty())
        return -1;
    self->m_request.m_headers.last().second.append(at, qsizetype(length));
    self->m_lastCallbackWasValue = true;
    return self->countHeaderBytes(length) ? 0 : -1;
}

int HttpRequestParser::onHeadersComplete(http_parser *parser)
{
    HttpRequestParser *self = parserOf(parser);
    http_parser &p = self->m_parser;
    HttpRequest &request = self->m_request;
    request.m_method = http_method_str(static_cast<enum http_method>(p.method));
    request.m_httpMajor = p.http_major;
    request.m_httpMinor = p.http_minor;
    request.m_keepAlive = http_should_keep_alive(&p) != 0;
    request.setTarget(self->m_url);
    const bool hasLength = (p.flags & F_CONTENTLENGTH) != 0;
    // The owner also judges a declared Content-Length: its checks (who may ask at all) come
    // before the size, and a 100 Continue may only follow all of them.
    if (std::optional<HttpResponse> refusal =
            self->m_owner->headersComplete(request, hasLength, p.content_length))
        return self->stop(Failure::Refused, *refusal);
    return 0;
}

int HttpRequestParser::onBody(http_parser *parser, const char *at, size_t length)
{
    HttpRequestParser *self = parserOf(parser);
    // Chunked bodies announce no length, so the limit is enforced as the bytes arrive.
    if (self->m_request.m_body.size() + qint64(length) > self->m_limits.maxBodyBytes) {
        return self->stop(Failure::TooLarge,
                          HttpResponse::error(413, QStringLiteral("body larger than %1 bytes")
                                                       .arg(self->m_limits.maxBodyBytes)));
    }
    if (std::optional<HttpResponse> refusal = self->m_owner->bodyGrows(qint64(length)))
        return self->stop(Failure::Refused, *refusal);
    self->m_request.m_body.append(at, qsizetype(length));
    return 0;
}

int HttpRequestParser::onMessageComplete(http_parser *parser)
{
    HttpRequestParser *self = parserOf(parser);
    self->m_inMessage = false;
    self->m_requestReady = true;
    // Stop here: bytes after this request (a pipelined next one) wait until this one is answered.
    http_parser_pause(parser, 1);
    return 0;
}

} // namespace hookscope
