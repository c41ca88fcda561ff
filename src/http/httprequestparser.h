#pragma once

#include "http/httprequest.h"
#include "http/httpresponse.h"

#include <QByteArray>

#include <http_parser.h>

#include <optional>

namespace hookscope {

// One connection's request parser (private to the http library): libhttp-parser plus the limits
// on a request's head and body. It only collects; what to answer is the connection's business,
// asked through Owner. After each complete request it pauses, so bytes behind it (a pipelined
// next request) stay in the buffer until resume().
class HttpRequestParser
{
public:
    struct Limits
    {
        qint64 maxHeaderBytes = 64 * 1024;
        int maxHeaderLines = 100;
        qint64 maxBodyBytes = 4 * 1024 * 1024;
    };
    class Owner
    {
    public:
        virtual void messageBegun() = 0;
        // Headers are in; a response refuses the request (and ends parsing).
        virtual std::optional<HttpResponse> headersComplete(const HttpRequest &request,
                                                            bool hasLength, quint64 length) = 0;
        // `length` more body bytes are about to be kept; a response refuses them.
        virtual std::optional<HttpResponse> bodyGrows(qint64 length) = 0;

    protected:
        ~Owner() = default;
    };
    enum class Result { NeedMore, RequestReady, Failed };
    enum class Failure { None, Malformed, TooLarge, Refused };

    HttpRequestParser(Owner *owner, const Limits &limits);
    HttpRequestParser(const HttpRequestParser &) = delete;
    HttpRequestParser &operator=(const HttpRequestParser &) = delete;

    // Parses from the front of `buffer`, removing what it consumed.
    Result feed(QByteArray &buffer);
    // After RequestReady: lets the next request be parsed.
    void resume();
    HttpRequest &request() { return m_request; }
    bool inMessage() const { return m_inMessage; }
    // After Failed: what to answer and why.
    Failure failure() const { return m_failure; }
    HttpResponse failureResponse() const { return m_failureResponse; }
    // The request's peer fields, filled into each new request.
    void setPeer(const QHostAddress &address, quint16 port, int connectionId);

private:
    static const http_parser_settings &settings();
    static int onMessageBegin(http_parser *parser);
    static int onUrl(http_parser *parser, const char *at, size_t length);
    static int onHeaderField(http_parser *parser, const char *at, size_t length);
    static int onHeaderValue(http_parser *parser, const char *at, size_t length);
    static int onHeadersComplete(http_parser *parser);
    static int onBody(http_parser *parser, const char *at, size_t length);
    static int onMessageComplete(http_parser *parser);

    bool countHeaderBytes(size_t length);
    int stop(Failure failure, const HttpResponse &response);

    Owner *m_owner;
    const Limits m_limits;
    http_parser m_parser;
    HttpRequest m_request;
    QByteArray m_url;
    HttpPeer m_peer;
    qint64 m_headerBytes = 0;
    int m_headerLines = 0;
    bool m_lastCallbackWasValue = true;
    bool m_inMessage = false;
    bool m_requestReady = false;
    Failure m_failure = Failure::None;
    HttpResponse m_failureResponse;
};

} // namespace hookscope
