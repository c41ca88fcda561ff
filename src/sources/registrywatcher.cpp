#include "sources/registrywatcher.h"

#include "sources/expvarreader.h"

#include "core/config/secretmask.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

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
    absorb(w, std::move(result.endpoints));
    Q_EMIT updated();
}

void RegistryWatcher::absorb(Watched &w, QVector<EndpointSnapshot> endpoints)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const double seconds = w.previousAt.isValid() ? qMax<qint64>(1, w.previousAt.msecsTo(now)) / 1000.0 : 0;
    for (EndpointSnapshot &e : endpoints) {
        const QString name = e.config.name;
        e.remoteSource = w.label;
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
