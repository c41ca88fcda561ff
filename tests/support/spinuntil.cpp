#include "spinuntil.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

namespace hookscope::test {

bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &loop, &QEventLoop::quit);
    tick.start(5);
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        loop.exec();   // sleeps in poll() until something happens, at most until the next tick
    }
    return true;
}

} // namespace hookscope::test
