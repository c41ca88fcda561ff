#include "testing/testendpointbehaviour.h"

#include <QDateTime>
#include <QLocale>

#include <cmath>
#include <iterator>

namespace hookscope {

using namespace Qt::StringLiterals;

namespace {

// Indexed by Mode. Published names: never rename one, only add.
const char *const ModeNames[] = {"healthy", "status",    "failrate", "down",
                                 "hang",    "slow",      "flap",     "downthenheal",
                                 "failfirst", "close",   "reset",    "slow-body",
                                 "garbage"};

constexpr int SlowBodyTickMs = 50;
constexpr int MaxBodyBytes = 16 * 1024 * 1024;
constexpr int MaxBodyMs = 3600 * 1000;

// "Fail-Rate" -> "failrate": the comparison key of a mode name.
QString nameKey(const QString &name)
{
    QString key = name.toLower();
    key.remove(QLatin1Char('-'));
    key.remove(QLatin1Char('_'));
    return key;
}

// RFC 9110 10.2.3: delay-seconds (digits) or an HTTP-date (IMF-fixdate, e.g.
// "Wed, 21 Oct 2015 07:28:00 GMT"); the obsolete date forms are not worth sending.
bool isRetryAfterValue(const QByteArray &value)
{
    bool digits = !value.isEmpty() && value.size() <= 10;
    for (char c : value)
        digits = digits && c >= '0' && c <= '9';
    if (digits)
        return true;
    return QLocale::c()
        .toDateTime(QString::fromLatin1(value), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .isValid();
}

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

int TestEndpointBehaviour::slowBodyChunkIntervalMs() const
{
    // Fewer bytes than ticks: one byte per chunk, spread over the whole time.
    if (bodyBytes > 0 && bodyMs / SlowBodyTickMs > bodyBytes)
        return qMax(1, bodyMs / bodyBytes);
    return bodyMs > 0 ? qMin(SlowBodyTickMs, bodyMs) : 0;
}

int TestEndpointBehaviour::slowBodyChunkBytes() const
{
    const int interval = slowBodyChunkIntervalMs();
    const int chunks = interval > 0 ? qMax(1, bodyMs / interval) : 1;
    return qMax(1, (qMax(1, bodyBytes) + chunks - 1) / chunks);
}

QByteArray TestEndpointBehaviour::garbageBytes() const
{
    // What a client gets when the URL points at the wrong service: an SSH banner and binary noise.
    return body.isEmpty() ? QByteArrayLiteral("SSH-2.0-hookscope_garbage\r\n\x00\x01\xfe\xff not HTTP\r\n")
                          : body;
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
    if (mode == SlowBody && (bodyBytes < 1 || bodyBytes > MaxBodyBytes))
        return u"slow-body size %1 bytes is outside 1..%2"_s.arg(bodyBytes).arg(MaxBodyBytes);
    if (mode == SlowBody && (bodyMs < 1 || bodyMs > MaxBodyMs))
        return u"slow-body time %1 ms is outside 1..%2"_s.arg(bodyMs).arg(MaxBodyMs);
    if (!retryAfter.isEmpty() && !isRetryAfterValue(retryAfter))
        return u"Retry-After \"%1\" is neither seconds nor an HTTP date"_s.arg(QString::fromLatin1(retryAfter));
    return QString();
}

QString TestEndpointBehaviour::modeName(Mode mode)
{
    const int index = int(mode);
    if (index < 0 || index >= int(std::size(ModeNames)))
        return u"unknown"_s;
    return QString::fromLatin1(ModeNames[index]);
}

QList<TestEndpointBehaviour::Mode> TestEndpointBehaviour::allModes()
{
    QList<Mode> modes;
    for (int i = 0; i < int(std::size(ModeNames)); ++i)
        modes.append(Mode(i));
    return modes;
}

bool TestEndpointBehaviour::modeFromName(const QString &name, Mode *mode)
{
    const QString key = nameKey(name);
    for (int i = 0; i < int(std::size(ModeNames)); ++i) {
        if (!key.isEmpty() && key == nameKey(QLatin1String(ModeNames[i]))) {
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
        && failCount == o.failCount && bodyBytes == o.bodyBytes && bodyMs == o.bodyMs
        && retryAfter == o.retryAfter && downStyle == o.downStyle && strictMediaType == o.strictMediaType
        && requireHeader == o.requireHeader;
}

} // namespace hookscope
