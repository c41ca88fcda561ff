#include "testendpointbehaviour.h"

#include <cmath>
#include <iterator>

namespace hookscope {

using namespace Qt::StringLiterals;

namespace {

const char *const ModeNames[] = {"healthy", "status", "failrate", "down",
                                 "hang",    "slow",   "flap",     "downthenheal",
                                 "failfirst"};

} // namespace

bool TestEndpointBehaviour::isDownAt(qint64 elapsedMs) const
{
    switch (mode) {
    case Down:
        return true;
    case DownThenHeal:
        return elapsedMs < downMs;
    case Flap: {
        const qint64 period = qint64(qMax(0, downMs)) + qMax(0, upMs);
        if (period <= 0)
            return false;
        return (elapsedMs % period) < downMs;
    }
    default:
        return false;
    }
}

qint64 TestEndpointBehaviour::msUntilTransition(qint64 elapsedMs) const
{
    if (mode == DownThenHeal)
        return elapsedMs < downMs ? downMs - elapsedMs : -1;
    if (mode != Flap)
        return -1;
    const qint64 period = qint64(qMax(0, downMs)) + qMax(0, upMs);
    if (downMs <= 0 || upMs <= 0)
        return -1;   // always up or always down: nothing ever changes
    const qint64 phase = elapsedMs % period;
    return phase < downMs ? downMs - phase : period - phase;
}

int TestEndpointBehaviour::drawDelayMs(double uniform01, double normal) const
{
    if (delayMs <= 0 && latency != Uniform)
        return 0;
    switch (latency) {
    case Fixed:
        break;
    case Uniform:
        if (delayMaxMs > delayMs)
            return delayMs + int(uniform01 * (delayMaxMs - delayMs + 1));
        break;
    case LogNormal: {
        // Real receivers' latencies cluster around a median with a long tail; the cap keeps a
        // single draw from stalling a test.
        const double cap = delayMaxMs > 0 ? delayMaxMs : 10.0 * delayMs;
        return int(std::min(cap, delayMs * std::exp(0.5 * normal)));
    }
    }
    return delayMs;
}

QString TestEndpointBehaviour::validate() const
{
    if ((mode == Status || mode == FailFirst) && (status < 100 || status > 999))
        return u"status %1 is not an HTTP status code"_s.arg(status);
    if (mode == FailRate && !(failRate >= 0.0 && failRate <= 1.0))
        return u"fail rate %1 is outside 0..1"_s.arg(failRate);
    if (delayMs < 0)
        return u"delay %1 ms is negative"_s.arg(delayMs);
    if (latency == Uniform && delayMaxMs < delayMs)
        return u"uniform latency needs delayMaxMs >= delayMs"_s;
    if (mode == Slow && delayMs <= 0)
        return u"slow mode needs a positive delay"_s;
    if ((mode == Flap || mode == DownThenHeal) && downMs < 0)
        return u"down time %1 ms is negative"_s.arg(downMs);
    if (mode == Flap && upMs < 0)
        return u"up time %1 ms is negative"_s.arg(upMs);
    if (mode == FailFirst && failCount < 0)
        return u"fail count %1 is negative"_s.arg(failCount);
    return QString();
}

QString TestEndpointBehaviour::modeName(Mode mode)
{
    const int index = int(mode);
    if (index < 0 || index >= int(std::size(ModeNames)))
        return u"unknown"_s;
    return QString::fromLatin1(ModeNames[index]);
}

bool TestEndpointBehaviour::modeFromName(const QString &name, Mode *mode)
{
    for (int i = 0; i < int(std::size(ModeNames)); ++i) {
        if (name.compare(QLatin1String(ModeNames[i]), Qt::CaseInsensitive) == 0) {
            *mode = Mode(i);
            return true;
        }
    }
    return false;
}

bool TestEndpointBehaviour::operator==(const TestEndpointBehaviour &o) const
{
    return mode == o.mode && status == o.status && body == o.body && failRate == o.failRate
        && seed == o.seed && delayMs == o.delayMs && latency == o.latency
        && delayMaxMs == o.delayMaxMs && downMs == o.downMs && upMs == o.upMs
        && failCount == o.failCount && retryAfter == o.retryAfter && downStyle == o.downStyle && strictMediaType == o.strictMediaType
        && requireHeader == o.requireHeader;
}

} // namespace hookscope
