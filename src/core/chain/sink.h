#pragma once

#include "core/base/attemptrecord.h"
#include "core/base/deadletter.h"
#include "core/base/errorclass.h"
#include "core/model/eventrecord.h"

#include <QString>

#include <functional>
#include <memory>

namespace hookscope {

// The one way a stage of an endpoint's chain tells its parent what happened: a SinkResult through
// the Report its parent handed down with write() (the queue: through the reporter its endpoint
// set). A write() gets zero or more progress reports, then exactly one final report; progress
// from further down is passed up unchanged, so the endpoint at the top sees every attempt.
// Everything a parent needs travels in the report itself (attempt count, last error, why the
// block left, the attempt's record): no parent reads a child's state after a callback.
struct SinkResult
{
    enum Kind {
        // Final: exactly one per write().
        Ok,          // the block is committed (delivered, or dropped on purpose by a filter)
        Failed,      // this attempt did not deliver; the caller may retry (HttpSink only)
        GaveUp,      // the retry policy gave up (maxattempts / maxage): the head goes to dead letters
        Cancelled,   // cancel() abandoned the write (skip head, purge, close); see `reason`
        // Progress: the write goes on.
        Attempting,  // attempt number `attempts` starts
        Attempted,   // an attempt ended without finishing the write; `attempt` is its record
        Waiting,     // backing off until `waitUntilMs` (clock time) before the next attempt
        Drained,     // EventQueue only: the queue became empty
    };
    Kind kind = Ok;
    int status = 0;                          // HTTP status when one was received
    ErrorClass errorClass = ErrorClass::None;
    QString message;                         // human text for logs and the UI
    int attempts = 0;                        // attempts made on the block so far (0: never sent)
    QString lastError;                       // final: text of the last failed attempt, if any
    DeadLetterReason reason = DeadLetterReason::Skipped;   // Cancelled: what the command said
    std::shared_ptr<const AttemptRecord> attempt;          // the attempt this report ends, if any
    qint64 waitUntilMs = 0;                  // Waiting
    EventBlock block;                        // EventQueue's reports: the block that left

    bool isFinal() const { return kind <= Cancelled; }
    // Why the block of a GaveUp or Cancelled final report left its queue.
    DeadLetterReason deadLetterReason() const { return kind == GaveUp ? DeadLetterReason::GaveUp : reason; }

    static SinkResult ok(int status = 0)
    {
        SinkResult r;
        r.status = status;
        return r;
    }
    static SinkResult failed(int status, ErrorClass errorClass, const QString &message)
    {
        SinkResult r;
        r.kind = Failed;
        r.status = status;
        r.errorClass = errorClass;
        r.message = message;
        return r;
    }
    static SinkResult cancelled(DeadLetterReason why = DeadLetterReason::Skipped)
    {
        SinkResult r;
        r.kind = Cancelled;
        r.errorClass = ErrorClass::Cancelled;
        r.message = QStringLiteral("cancelled");
        r.reason = why;
        return r;
    }
};

// One stage of an endpoint's chain (the registry's Sink, made asynchronous): it takes a block and
// reports through `report` until it is done with it. A stage handles one write at a time.
class Sink
{
public:
    using Report = std::function<void(const SinkResult &)>;
    virtual ~Sink() = default;
    virtual void write(const EventBlock &block, Report report) = 0;
    // Abandons the write in flight, if any, for the reason an operator command passes down. The
    // pending final report (Cancelled, with `why`) is made before cancel() returns, so callers can
    // rely on the completion having happened.
    virtual void cancel(DeadLetterReason why = DeadLetterReason::Skipped) = 0;
};

} // namespace hookscope
