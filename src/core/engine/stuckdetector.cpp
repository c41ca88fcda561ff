#include "core/engine/stuckdetector.h"

namespace hookscope {

qint64 StuckDetector::thresholdMs(const EndpointConfig &config) const
{
    const qint64 cycle = config.backoffMs() + config.timeoutMs();
    return qMax(m_settings.minimumMs, qint64(m_settings.backoffs) * cycle);
}

qint64 StuckDetector::stalledForMs(const EndpointSnapshot &e, const QDateTime &now)
{
    if (e.metrics.pending <= 0)
        return 0;
    qint64 stalled = e.oldestPendingSince.isValid() ? qMax<qint64>(0, e.oldestPendingSince.msecsTo(now))
                                                     : e.oldestPendingAgeMs;
    if (e.lastSuccessAt.isValid())
        stalled = qMin(stalled, qMax<qint64>(0, e.lastSuccessAt.msecsTo(now)));
    return stalled;
}

bool StuckDetector::isStuck(const EndpointSnapshot &e, const QDateTime &now) const
{
    if (e.state == EndpointState::Paused || e.state == EndpointState::Closed)
        return false;
    return stalledForMs(e, now) > thresholdMs(e.config);
}

QString StuckDetector::reason(const EndpointSnapshot &e, const QDateTime &now) const
{
    const qint64 seconds = stalledForMs(e, now) / 1000;
    QString why = e.lastError.isEmpty() ? QStringLiteral("no delivery") : e.lastError;
    return QStringLiteral("%1 event(s) pending, nothing delivered for %2 s; head %3 after %4 attempt(s): %5")
        .arg(e.metrics.pending)
        .arg(seconds)
        .arg(QString::fromUtf8(e.headEventId))
        .arg(e.headAttempts)
        .arg(why);
}

} // namespace hookscope
