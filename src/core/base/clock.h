#pragma once

#include <QDateTime>

#include <functional>
#include <memory>

class QObject;

namespace hookscope {

// A one-shot timer armed on a Clock. Fires its callback once, on the thread of the context object
// it was created for, delayMs after start() on that clock's time.
class ClockTimer
{
public:
    virtual ~ClockTimer() = default;
    virtual void start(qint64 delayMs) = 0;   // arms, or re-arms from now
    virtual void stop() = 0;
    virtual bool isActive() const = 0;
};

// The one source of time for every stage of an endpoint's chain: what waits (backoff, timeouts,
// close deadlines) arms a ClockTimer, what measures (ages, durations, rates) reads nowMs().
// SystemClock is the real one; ManualClock moves only when told, so a test (and the simulator)
// can run minutes of retries in milliseconds. Nothing in the chain reads time another way.
//
// nowMs() is monotonic: a wall clock jump can neither stall nor burst a queue. The wall clock is
// there only to turn a moment into a timestamp people read (attempt times, "next attempt at") and
// to age events accepted before a restart, whose acceptance time is all that survived.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0;
    virtual qint64 nowNs() const = 0;
    virtual qint64 wallNowMs() const = 0;   // ms since the epoch
    QDateTime wallNow() const { return QDateTime::fromMSecsSinceEpoch(wallNowMs(), Qt::UTC); }
    // The wall time that the monotonic reading `monoMs` stands for (display only).
    QDateTime wallAt(qint64 monoMs) const { return QDateTime::fromMSecsSinceEpoch(wallNowMs() + (monoMs - nowMs()), Qt::UTC); }
    // How long ago, on this clock, a wall-clock moment was (0 when it is in the future).
    qint64 ageOfWallMs(qint64 wallMs) const { return qMax<qint64>(0, wallNowMs() - wallMs); }

    // `context` gives the timer its thread (it follows the context through moveToThread) and its
    // lifetime bound: the callback never runs after the context is gone.
    virtual std::unique_ptr<ClockTimer> createTimer(QObject *context, std::function<void()> fired) = 0;

    // The process-wide real clock.
    static Clock &system();
};

} // namespace hookscope
