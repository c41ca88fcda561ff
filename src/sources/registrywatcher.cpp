#include "sources/registrywatcher.h"

#include "sources/expvarreader.h"

#include "core/config/secretmask.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>

namespace hookscope {

RegistryWatcher::RegistryWatcher(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &RegistryWatcher::pollNow);
}

RegistryWatcher::~RegistryWatcher()
{
    for (Watched &w : m_watched) {
        if (w.reply) {
            w.reply->disconnect(this);
            w.reply->abort();
            w.reply->deleteLater();
        }
    }
}

bool RegistryWatcher::addRegistry(const QString &debugAddress, QString *error)
{
    QString text = debugAddress.trimmed();
    if (!text.contains(QLatin1String("://")))
        text.prepend(QStringLiteral("http://"));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || url.port() <= 0
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        if (error)
            *error = QStringLiteral("\"%1\" is not a registry debug address (host:port, e.g. 127.0.0.1:5001)").arg(maskUrl(debugAddress));
        return false;
    }
    const QString label = url.host() + QLatin1Char(':') + QString::number(url.port());
    if (m_watched.contains(label))
        return true;
    Watched watched;
    watched.base = url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
    watched.label = label;
    watched.error = QStringLiteral("not polled yet");
    m_watched.insert(label, watched);
    m_order.append(label);
    if (!m_timer.isActive())
        m_timer.start();
    poll(m_watched[label], QStringLiteral("/debug/vars"));
    return true;
}

void RegistryWatcher::removeRegistry(const QString &debugAddress)
{
    for (auto it = m_watched.begin(); it != m_watched.end(); ++it) {
        if (it.key() == debugAddress || it->base.toString().contains(debugAddress)) {
            if (it->reply) {
                it->reply->disconnect(this);
                it->reply->abort();
                it->reply->deleteLater();
            }
            m_order.removeAll(it.key());
            m_watched.erase(it);
            Q_EMIT updated();
            return;
        }
    }
}

QStringList RegistryWatcher::registries() const
{
    return m_order;
}

void RegistryWatcher::setInterval(int ms)
{
    m_timer.setInterval(qMax(100, ms));
}

void RegistryWatcher::pollNow()
{
    for (Watched &w : m_watched) {
        if (!w.reply)   // a slow registry keeps its one request; we never pile up more
            poll(w, w.triedPrometheus ? QStringLiteral("/metrics") : QStringLiteral("/debug/vars"));
    }
}

void RegistryWatcher::poll(Watched &watched, const QString &path)
{
    QUrl url = watched.base;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setTransferTimeout(qMax(500, m_timer.interval()));
    watched.reply = m_network->get(request);
    const QString label = watched.label;
    QNetworkReply *reply = watched.reply;
    connect(reply, &QNetworkReply::finished, this, [this, label, reply] { handleReply(label, reply); });
}

void RegistryWatcher::handleReply(const QString &label, QNetworkReply *reply)
{
    reply->deleteLater();
    auto it = m_watched.find(label);
    if (it == m_watched.end())
        return;
    Watched &w = *it;
    w.reply = nullptr;
    const bool prometheus = reply->url().path() == QLatin1String("/metrics");
    if (reply->error() != QNetworkReply::NoError && reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 0) {
        w.error = maskUrlsInText(QStringLiteral("%1: %2").arg(reply->url().toString(), reply->errorString()));
        Q_EMIT updated();
        return;
    }
    const QByteArray body = reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    ExpvarReader::Result result = status == 200 ? (prometheus ? ExpvarReader::fromPrometheus(body)
                                                              : ExpvarReader::fromExpvar(body))
                                                : ExpvarReader::Result{{}, QStringLiteral("HTTP %1").arg(status)};
    if (!result.ok() && !prometheus && !w.triedPrometheus) {
        // Registry v3 keeps notification metrics in Prometheus only; try it once before giving up.
        w.triedPrometheus = true;
        poll(w, QStringLiteral("/metrics"));
        return;
    }
    if (!result.ok()) {
        w.error = maskUrlsInText(QStringLiteral("%1: %2").arg(reply->url().toString(), result.error));
        w.triedPrometheus = false;
        Q_EMIT updated();
        return;
    }
    w.error.clear();
    w.lastAnswer = QDateTime::currentDateTimeUtc();
    absorb(w, std::move(result));
    Q_EMIT updated();
}

namespace {

// Why two readings of one registry cannot come from the same process; empty when they can.
// Within one process the notification counters and the bytes allocated only grow; a registry
// reads its endpoints once at start, so a changed set with fewer events in all is a new process.
QString restartReason(const QVector<EndpointSnapshot> &before, qint64 allocatedBefore, double startedBefore,
                      const ExpvarReader::Result &now)
{
    if (startedBefore > 0 && now.startTimeSeconds > 0 && now.startTimeSeconds != startedBefore)
        return QStringLiteral("process start time changed");
    qint64 eventsBefore = 0;
    qint64 eventsNow = 0;
    QSet<QString> namesBefore;
    for (const EndpointSnapshot &e : before) {
        namesBefore.insert(e.config.name);
        eventsBefore += e.metrics.events;
    }
    QSet<QString> namesNow;
    for (const EndpointSnapshot &e : now.endpoints) {
        namesNow.insert(e.config.name);
        eventsNow += e.metrics.events;
        for (const EndpointSnapshot &b : before) {
            const RegistryMetrics &m = e.metrics;
            const RegistryMetrics &p = b.metrics;
            if (b.config.name == e.config.name
                && (m.events < p.events || m.successes < p.successes || m.failures < p.failures || m.errors < p.errors))
                return QStringLiteral("counters reset");
        }
    }
    if (allocatedBefore >= 0 && now.allocatedBytes >= 0 && now.allocatedBytes < allocatedBefore)
        return QStringLiteral("counters reset");
    if (!before.isEmpty() && namesNow != namesBefore && eventsNow < eventsBefore)
        return QStringLiteral("endpoints changed, counters from zero");
    return QString();
}

} // namespace

void RegistryWatcher::noticeRestart(Watched &w, const ExpvarReader::Result &reading, const QDateTime &now)
{
    const QString reason = w.previousAt.isValid()
        ? restartReason(w.endpoints, w.allocatedBytes, w.startTimeSeconds, reading)
        : QString();
    w.allocatedBytes = reading.allocatedBytes;
    w.startTimeSeconds = reading.startTimeSeconds;
    if (reason.isEmpty())
        return;
    // What the old process had queued is what the restart lost: the registry keeps its queues in
    // memory only. Read from the last reading before it went away.
    qint64 pending = 0;
    QStringList each;
    for (const EndpointSnapshot &e : std::as_const(w.endpoints)) {
        pending += e.metrics.pending;
        if (e.metrics.pending > 0)
            each << QStringLiteral("%1: %2").arg(e.config.name).arg(e.metrics.pending);
    }
    const QString lost = pending == 0
        ? QStringLiteral("nothing was pending before")
        : QStringLiteral("%1 event(s) were pending before (endpoint %2), lost with the restart")
              .arg(pending)
              .arg(each.join(QStringLiteral(", ")));
    w.restartedAt = now;
    w.restartNote = QStringLiteral("registry %1 restarted: %2; %3").arg(w.label, reason, lost);
    // The new process's counters start a new series: no delta, rate or failure streak spans the
    // two processes, so nothing downstream ever sees a counter go backwards between readings.
    w.previous.clear();
    w.pendingSince.clear();
    Q_EMIT registryRestarted(w.label, w.restartNote);
}

void RegistryWatcher::absorb(Watched &w, ExpvarReader::Result reading)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    noticeRestart(w, reading, now);
    QVector<EndpointSnapshot> endpoints = std::move(reading.endpoints);
    const bool noted = w.restartedAt.isValid() && w.restartedAt.secsTo(now) < RestartNoteSeconds;
    const double seconds = w.previousAt.isValid() ? qMax<qint64>(1, w.previousAt.msecsTo(now)) / 1000.0 : 0;
    for (EndpointSnapshot &e : endpoints) {
        const QString name = e.config.name;
        e.remoteSource = w.label;
        if (noted) {
            e.remoteRestartedAt = w.restartedAt;
            e.remoteRestartNote = w.restartNote;
        }
        const auto previous = w.previous.constFind(name);
        const bool known = previous != w.previous.constEnd();
        // What moved since the last reading is all a registry's counters can tell.
        const qint64 delivered = known ? e.metrics.successes - previous->metrics.successes : 0;
        const qint64 failed = known ? (e.metrics.failures + e.metrics.errors)
                - (previous->metrics.failures + previous->metrics.errors)
                                    : 0;
        if (known) {
            e.lastSuccessAt = delivered > 0 ? now : previous->lastSuccessAt;
            e.lastError = previous->lastError;
            e.consecutiveFailures = previous->consecutiveFailures;
            e.deliveredPerSecond = seconds > 0 ? double(delivered) / seconds : 0;
        }
        if (failed > 0) {
            e.consecutiveFailures += int(failed);
            e.lastError = QStringLiteral("%1 failed attempt(s) in the last %2 s (registry counters)")
                              .arg(failed)
                              .arg(seconds, 0, 'f', 1);
        } else if (delivered > 0) {
            e.consecutiveFailures = 0;
            e.lastError.clear();
        }
        // The registry exports no queue age; we can say how long the queue has been non-empty
        // without a delivery while we watched.
        if (e.metrics.pending > 0) {
            if (!w.pendingSince.contains(name) || delivered > 0)
                w.pendingSince.insert(name, now);
            e.oldestPendingSince = w.pendingSince.value(name);
            e.oldestPendingAgeMs = e.oldestPendingSince.msecsTo(now);
        } else {
            w.pendingSince.remove(name);
        }
        e.state = e.metrics.pending == 0 ? EndpointState::Idle
            : (failed > 0 && delivered == 0) ? EndpointState::BackingOff
                                             : EndpointState::Sending;
        w.previous.insert(name, e);
    }
    w.previousAt = now;
    w.endpoints = std::move(endpoints);
}

QVector<EndpointSnapshot> RegistryWatcher::endpoints() const
{
    QVector<EndpointSnapshot> out;
    for (const QString &label : m_order) {
        const Watched &w = m_watched[label];
        if (!w.error.isEmpty() && (w.endpoints.isEmpty() || !w.lastAnswer.isValid()
                                   || w.lastAnswer.secsTo(QDateTime::currentDateTimeUtc()) > 2 * qMax(1, m_timer.interval() / 1000))) {
            EndpointSnapshot row;
            row.config.name = QStringLiteral("(registry)");
            row.config.url = maskUrl(w.base.toString() + QStringLiteral("/debug/vars"));
            row.remoteSource = label;
            row.state = EndpointState::Unreachable;
            row.lastError = w.error;
            out.append(row);
            continue;
        }
        out += w.endpoints;
    }
    return out;
}

} // namespace hookscope
