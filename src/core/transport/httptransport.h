#pragma once

#include "core/base/errorclass.h"
#include "core/base/attemptrecord.h"

#include <QByteArray>
#include <QUrl>

#include <functional>
#include <memory>

namespace hookscope {

class TlsClientSettings;

// One POST as HttpSink builds it, once per write.
struct HttpRequestSpec
{
    QUrl url;
    // As Go writes them (GoRequestHeaders): the User-Agent line right after Host (empty: none),
    // Content-Length, then `headers` in order (Content-Type included, values unmasked), then
    // Accept-Encoding: gzip when `acceptGzip`.
    QByteArray userAgent;
    HeaderList headers;
    bool acceptGzip = true;
    // https:// connections: roots, client certificate, name, insecure (null: the system's defaults).
    std::shared_ptr<const TlsClientSettings> tls;
    QByteArray body;
    quint64 generation = 0;    // changes whenever url or headers change, so a transport may cache
};

// What came back from one exchange (redirects already followed).
struct HttpOutcome
{
    int status = 0;                        // 0: no final response
    HeaderList headers;
    QByteArray body;                       // the first AttemptRecord::BodyCaptureLimit bytes
    ErrorClass errorClass = ErrorClass::None;
    QString errorText;
    QString note;                          // e.g. which credentials a cross-host redirect dropped
    // The result stands at the headers; the body was still arriving. BodyTail follows once.
    bool bodyPending = false;
};

// The rest of a body reported with bodyPending: everything captured so far (up to the capture
// limit), how many bytes came in all, and why reading stopped when it did not reach the end.
struct HttpBodyTail
{
    QByteArray body;
    qint64 bytesSeen = 0;
    QString note;
};

// How HttpSink moves one request and its response. It does one exchange at a time and knows
// nothing of timeouts (HttpSink's deadline covers the exchange) or of success and failure.
class HttpTransport
{
public:
    using Finished = std::function<void(HttpOutcome)>;
    using BodyTail = std::function<void(HttpBodyTail)>;
    virtual ~HttpTransport() = default;
    // Where the rest of a bodyPending outcome's body goes (a transport that always reads the whole
    // body before it reports never calls it).
    void setBodyTailHandler(BodyTail handler) { m_bodyTail = std::move(handler); }
    // Starts the exchange; `finished` is called exactly once, later, unless stop() comes first.
    virtual void start(const HttpRequestSpec &request, Finished finished) = 0;
    // Ends the exchange in flight without calling `finished` and returns what it has: the final
    // response's status, headers and the body so far when they arrived, else status 0.
    virtual HttpOutcome stop() = 0;
    virtual bool busy() const = 0;

protected:
    BodyTail m_bodyTail;
};

} // namespace hookscope
