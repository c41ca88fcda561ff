#include "core/base/manualclock.h"

#include <QObject>

namespace hookscope {

class ManualClock::Timer final : public ClockTimer
{
public:
    explicit Timer(ManualClock *clock) : m_clock(clock) { }
    ~Timer() override
    {
        if (m_clock)
            m_clock->forget(this);
    }
    void start(qint64 delayMs) override
    {
        if (m_clock)
            m_clock->arm(this, delayMs);
    }
    void stop() override
    {
        if (m_clock)
            m_clock->disarm(this);
    }
    bool isActive() const override
    {
        const Slot *slot = m_clock ? m_clock->slotOf(this) : nullptr;
        return slot && slot->armed;
    }
    ManualClock *m_clock;   // cleared when the clock goes first
};

ManualClock::ManualClock(qint64 wallStartMs)
    : m_wallStartMs(wallStartMs)
{
}

ManualClock::~ManualClock()
{
    for (const std::unique_ptr<Slot> &slot : m_slots)
        slot->timer->m_clock = nullptr;
}

std::unique_ptr<ClockTimer> ManualClock::createTimer(QObject *context, std::function<void()> fired)
{
    auto timer = std::make_unique<Timer>(this);
    auto slot = std::make_unique<Slot>();
    slot->timer = timer.get();
    slot->context = context;
    slot->guarded = context != nullptr;
    slot->fired = std::move(fired);
    m_slots.push_back(std::move(slot));
    return timer;
}

ManualClock::Slot *ManualClock::slotOf(const Timer *timer)
{
    for (const std::unique_ptr<Slot> &slot : m_slots) {
        if (slot->timer == timer)
            return slot.get();
    }
    return nullptr;
}

const ManualClock::Slot *ManualClock::slotOf(const Timer *timer) const
{
    return const_cast<ManualClock *>(this)->slotOf(timer);
}

void ManualClock::arm(Timer *timer, qint64 delayMs)
{
    if (Slot *slot = slotOf(timer)) {
        slot->armed = true;
        slot->dueNs = m_nowNs + qMax<qint64>(0, delayMs) * 1'000'000;
        slot->order = ++m_order;
    }
}

void ManualClock::disarm(Timer *timer)
{
    if (Slot *slot = slotOf(timer))
        slot->armed = false;
}

void ManualClock::forget(Timer *timer)
{
    for (auto it = m_slots.begin(); it != m_slots.end(); ++it) {
        if ((*it)->timer == timer) {
            m_slots.erase(it);
            return;
        }
    }
}

ManualClock::Slot *ManualClock::earliestDue(qint64 limitNs)
{
    Slot *best = nullptr;
    for (const std::unique_ptr<Slot> &slot : m_slots) {
        if (!slot->armed || slot->dueNs > limitNs)
            continue;
        if (slot->guarded && !slot->context) {
            slot->armed = false;
            continue;
        }
        if (!best || slot->dueNs < best->dueNs || (slot->dueNs == best->dueNs && slot->order < best->order))
            best = slot.get();
    }
    return best;
}

int ManualClock::advanceTo(qint64 targetMs)
{
    const qint64 targetNs = qMax(m_nowNs, targetMs * 1'000'000);
    int fired = 0;
    while (Slot *slot = earliestDue(targetNs)) {
        m_nowNs = qMax(m_nowNs, slot->dueNs);
        slot->armed = false;
        // A copy: the callback may destroy its own timer (and with it the slot).
        const std::function<void()> callback = slot->fired;
        ++fired;
        callback();
    }
    m_nowNs = targetNs;
    return fired;
}

int ManualClock::advance(qint64 ms)
{
    return advanceTo(nowMs() + qMax<qint64>(0, ms));
}

bool ManualClock::fireNext()
{
    const qint64 due = nextDueMs();
    if (due < 0)
        return false;
    advanceTo(due);
    return true;
}

qint64 ManualClock::nextDueMs() const
{
    qint64 best = -1;
    for (const std::unique_ptr<Slot> &slot : m_slots) {
        if (slot->armed && (!slot->guarded || slot->context) && (best < 0 || slot->dueNs < best))
            best = slot->dueNs;
    }
    return best < 0 ? -1 : (best + 999'999) / 1'000'000;
}

int ManualClock::armedTimers() const
{
    int count = 0;
    for (const std::unique_ptr<Slot> &slot : m_slots)
        count += slot->armed && (!slot->guarded || slot->context) ? 1 : 0;
    return count;
}

} // namespace hookscope
