#pragma once

#include "core/base/errorclass.h"
#include "core/model/eventrecord.h"

#include <QString>

#include <functional>

namespace hookscope {

// How a stage finished with a block. Exactly one SinkResult is reported per write().
struct SinkResult
{
    enum Kind {
        Ok,          // the block is committed (delivered, or dropped on purpose by a filter)
        Failed,      // this attempt did not deliver; the caller may retry (HttpSink only)
        GaveUp,      // the retry policy gave up (maxattempts / maxage): the head goes to dead letters
        Cancelled,   // cancel() abandoned the write (skip head, purge, close)
    };
    Kind kind = Ok;
    int status = 0;                          // HTTP status when one was received
    ErrorClass errorClass = ErrorClass::None;
    QString message;                         // human text for logs and the UI

    static SinkResult ok(int status = 0) { return {Ok, status, ErrorClass::None, {}}; }
    static SinkResult cancelled() { return {Cancelled, 0, ErrorClass::Cancelled, QStringLiteral("cancelled")}; }
};

// One stage of an endpoint's chain (the registry's Sink, made asynchronous): it takes a block and
// reports exactly once when it is done with it. A stage handles one write at a time.
class Sink
{
public:
    using Done = std::function<void(const SinkResult &)>;
    virtual ~Sink() = default;
    virtual void write(const EventBlock &block, Done done) = 0;
    // Abandons the write in flight, if any. The pending Done is called with Cancelled before
    // cancel() returns, so callers can rely on the completion having happened.
    virtual void cancel() = 0;
};

} // namespace hookscope
