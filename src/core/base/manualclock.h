#pragma once

#include "core/base/clock.h"

#include <QPointer>

#include <memory>
#include <vector>

namespace hookscope {

// A clock that moves only when told. advance() walks time forward to each armed timer's due
// moment in turn and fires it there, so a chain sees exactly the readings it would have seen in
// real time: ten backoffs of one second take ten callbacks and no waiting. Timers armed while
// firing fire in the same advance() if they fall due within it. Single-threaded: use it on the
// thread of the objects it drives (tests, the simulator).
class ManualClock final : public Clock
{
public:
    // The wall clock shows `wallStartMs` at monotonic 0 and moves with the monotonic time.
    explicit ManualClock(qint64 wallStartMs = 1767225600000);   // 2026-01-01T00:00:00Z
    ~ManualClock() override;

    qint64 nowMs() const override { return m_nowNs / 1'000'000; }
    qint64 nowNs() const override { return m_nowNs; }
    qint64 wallNowMs() const override { return m_wallStartMs + nowMs(); }
    std::unique_ptr<ClockTimer> createTimer(QObject *context, std::function<void()> fired) override;

    // Moves time forward by `ms` (or to `targetMs`), firing what falls due on the way, in order of
    // due time (ties in the order they were armed). Returns how many timers fired.
    int advance(qint64 ms);
    int advanceTo(qint64 targetMs);
    // Moves straight to the next due timer and fires it (and any due at the same moment). Returns
    // false, without moving, when nothing is armed.
    bool fireNext();
    // Due time of the earliest armed timer, -1 when none.
    qint64 nextDueMs() const;
    int armedTimers() const;

private:
    class Timer;
    friend class Timer;
    struct Slot
    {
        Timer *timer = nullptr;
        QPointer<QObject> context;
        bool guarded = false;       // had a context: skip once it is gone
        std::function<void()> fired;
        bool armed = false;
        qint64 dueNs = 0;
        quint64 order = 0;          // arming sequence, for ties
    };
    Slot *earliestDue(qint64 limitNs);
    void arm(Timer *timer, qint64 delayMs);
    void disarm(Timer *timer);
    void forget(Timer *timer);
    Slot *slotOf(const Timer *timer);
    const Slot *slotOf(const Timer *timer) const;

    qint64 m_nowNs = 0;
    qint64 m_wallStartMs;
    quint64 m_order = 0;
    std::vector<std::unique_ptr<Slot>> m_slots;
};

} // namespace hookscope
