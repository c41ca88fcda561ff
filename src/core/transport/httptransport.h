#pragma once

#include "core/base/errorclass.h"
#include "core/base/attemptrecord.h"

#include <QByteArray>
#include <QUrl>

#include <functional>

namespace hookscope {

// One POST as HttpSink builds it, once per write.
struct HttpRequestSpec
{
    QUrl url;
    HeaderList headers;        // on the wire, in order, values unmasked (Content-Type, User-Agent included)
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
};

// How HttpSink moves one request and its response. It does one exchange at a time and knows
// nothing of timeouts (HttpSink's deadline covers the exchange) or of success and failure.
class HttpTransport
{
public:
    using Finished = std::function<void(HttpOutcome)>;
    virtual ~HttpTransport() = default;
    // Starts the exchange; `finished` is called exactly once, later, unless stop() comes first.
    virtual void start(const HttpRequestSpec &request, Finished finished) = 0;
    // Ends the exchange in flight without calling `finished` and returns what it has: the final
    // response's status, headers and the body so far when they arrived, else status 0.
    virtual HttpOutcome stop() = 0;
    virtual bool busy() const = 0;
};

} // namespace hookscope
