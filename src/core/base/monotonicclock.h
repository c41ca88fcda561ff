#pragma once

#include <QElapsedTimer>

namespace hookscope {

// Process-wide monotonic milliseconds. Backoff, timeouts and ages are measured on it, never on the
// wall clock, so a clock jump cannot stall or burst a queue.
class MonotonicClock
{
public:
    static qint64 nowMs()
    {
        static const QElapsedTimer started = [] {
            QElapsedTimer timer;
            timer.start();
            return timer;
        }();
        return started.elapsed();
    }
};

} // namespace hookscope
