#include "core/base/systemclock.h"

#include <QDateTime>
#include <QPointer>
#include <QTimer>

#include <limits>

namespace hookscope {

namespace {

class QtClockTimer final : public ClockTimer
{
public:
    QtClockTimer(QObject *context, std::function<void()> fired)
        // A child of the context, so it moves to the context's thread with it.
        : m_timer(new QTimer(context))
    {
        m_timer->setSingleShot(true);
        m_timer->setTimerType(Qt::PreciseTimer);
        QObject::connect(m_timer, &QTimer::timeout, m_timer, std::move(fired));
    }
    ~QtClockTimer() override { delete m_timer.data(); }

    void start(qint64 delayMs) override
    {
        if (m_timer)
            m_timer->start(int(qBound<qint64>(0, delayMs, qint64(std::numeric_limits<int>::max()))));
    }
    void stop() override
    {
        if (m_timer)
            m_timer->stop();
    }
    bool isActive() const override { return m_timer && m_timer->isActive(); }

private:
    QPointer<QTimer> m_timer;   // gone with its context if the context dies first
};

} // namespace

SystemClock::SystemClock()
{
    m_started.start();
}

qint64 SystemClock::wallNowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

std::unique_ptr<ClockTimer> SystemClock::createTimer(QObject *context, std::function<void()> fired)
{
    return std::make_unique<QtClockTimer>(context, std::move(fired));
}

Clock &Clock::system()
{
    static SystemClock clock;
    return clock;
}

} // namespace hookscope
