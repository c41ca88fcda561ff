#pragma once

#include "core/base/clock.h"

#include <QElapsedTimer>

namespace hookscope {

// The real clock: QElapsedTimer (CLOCK_MONOTONIC) for now, precise QTimers for waits. Precise,
// because backoffs are pinned by tests against the registry's ~1.001 s cadence, and a coarse
// timer's 5 % slack would show.
class SystemClock final : public Clock
{
public:
    SystemClock();
    qint64 nowMs() const override { return m_started.elapsed(); }
    qint64 nowNs() const override { return m_started.nsecsElapsed(); }
    qint64 wallNowMs() const override;
    std::unique_ptr<ClockTimer> createTimer(QObject *context, std::function<void()> fired) override;

private:
    QElapsedTimer m_started;
};

} // namespace hookscope
