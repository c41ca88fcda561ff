#include "app/widgets/stallprobe.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace hookscope {

StallProbe::StallProbe(QObject *parent)
    : QObject(parent)
{
    // A coarse timer may legally fire up to 5% early or late; precise keeps the error to ~1 ms so
    // the probe measures the event loop, not the timer's slack.
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(IntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StallProbe::handleTick);
    start();
}

void StallProbe::start()
{
    if (m_timer.isActive())
        return;
    m_clock.start();
    // The first tick is measured against the start, so a stall right after start() is not missed.
    m_lastTickNs = 0;
    m_lastUpdateMs = 0;
    m_timer.start();
}

void StallProbe::stop()
{
    m_timer.stop();
}

void StallProbe::reset()
{
    m_samples.clear();
    // Mid-interval: the next tick comes early against this mark and counts as on time.
    m_lastTickNs = m_clock.isValid() ? m_clock.nsecsElapsed() : -1;
}

void StallProbe::handleTick()
{
    const qint64 nowNs = m_clock.nsecsElapsed();
    const qint64 nowMs = nowNs / 1'000'000;
    if (m_lastTickNs >= 0) {
        // Measured from the previous tick, not from a fixed schedule: after a stall Qt does not
        // fire the missed ticks, so one long gap is one late sample, not a burst of them.
        const double gapMs = double(nowNs - m_lastTickNs) / 1e6;
        m_samples.push_back({nowMs, std::max(0.0, gapMs - IntervalMs)});
    }
    m_lastTickNs = nowNs;
    while (!m_samples.empty() && m_samples.front().atMs < nowMs - WindowMs)
        m_samples.pop_front();
    if (nowMs - m_lastUpdateMs >= 1000) {
        m_lastUpdateMs = nowMs;
        Q_EMIT updated();
    }
}

double StallProbe::worstMs() const
{
    double worst = 0;
    for (const Sample &s : m_samples)
        worst = std::max(worst, s.lateMs);
    return worst;
}

double StallProbe::p99Ms() const
{
    if (m_samples.empty())
        return 0;
    std::vector<double> late;
    late.reserve(m_samples.size());
    for (const Sample &s : m_samples)
        late.push_back(s.lateMs);
    const size_t rank = size_t(std::max(1.0, std::ceil(0.99 * double(late.size()))));
    std::nth_element(late.begin(), late.begin() + long(rank - 1), late.end());
    return late[rank - 1];
}

} // namespace hookscope
