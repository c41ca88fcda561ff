#include "sources/statusline.h"

#include "core/config/secretmask.h"

namespace hookscope {

QString formatAge(qint64 ms)
{
    if (ms < 0)
        ms = 0;
    if (ms < 10'000)
        return QString::number(double(ms) / 1000.0, 'f', 1) + QLatin1Char('s');
    const qint64 s = ms / 1000;
    if (s < 3600)
        return QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1h%2m").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString formatStatusLine(const EndpointSnapshot &e)
{
    QString next = QStringLiteral("-");
    if (e.nextAttemptAt.isValid())
        next = formatAge(QDateTime::currentDateTimeUtc().msecsTo(e.nextAttemptAt));
    // Status lines go to journald and CI logs; an error text may quote a URL (Qt's do).
    QString errorText = maskUrlsInText(e.lastError);
    errorText.replace(QLatin1Char('"'), QLatin1Char('\''));
    QString state = endpointStateName(e.state);
    state.replace(QLatin1Char(' '), QLatin1Char('-'));
    // An endpoint whose URL cannot work loads as the registry runs it; its line says why every
    // delivery fails (at the end, so the key=value fields before it keep their places).
    QString misconfigured;
    if (!e.config.misconfigured.isEmpty()) {
        misconfigured = QStringLiteral(" misconfigured (%1)").arg(maskUrlsInText(e.config.misconfigured));
        misconfigured.replace(QLatin1Char('"'), QLatin1Char('\''));
    }
    return QStringLiteral("ep %1 state=%2 pending=%3 events=%4 ok=%5 fail=%6 err=%7 last=%8 "
                          "oldest=%9 next=%10 dead=%11 p95=%12ms rate=%13/s err_text=\"%14\"%15")
        .arg(maskUrlsInText(e.isRemote() ? e.config.name + QLatin1Char('@') + e.remoteSource : e.config.name), state)
        .arg(e.metrics.pending)
        .arg(e.metrics.events)
        .arg(e.metrics.successes)
        .arg(e.metrics.failures)
        .arg(e.metrics.errors)
        .arg(e.lastStatus)
        .arg(formatAge(e.oldestPendingAgeMs), next)
        .arg(e.deadLetters)
        .arg(e.latencyP95Ms, 0, 'f', 1)
        .arg(e.deliveredPerSecond, 0, 'f', 1)
        .arg(errorText, misconfigured);
}

} // namespace hookscope
