#pragma once

#include <QMutex>
#include <QMutexLocker>

namespace hookscope {

// A copy of `value` taken with `mutex` held: the whole body of a getter for a member that a mutex
// guards, so each such getter is one line that cannot forget the lock.
template<typename T>
T lockedRead(QMutex &mutex, const T &value)
{
    const QMutexLocker lock(&mutex);
    return value;
}

} // namespace hookscope
