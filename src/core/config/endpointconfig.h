#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace hookscope {

// How an endpoint retries its head event. Breaker is the registry's (default).
enum class RetryPolicyKind { Breaker, Exponential };

// How an endpoint's POSTs travel. Lean (default): hookscope's own HTTP/1.1 client on one kept-alive
// socket, for http:// URLs; https:// always goes through Qt's QNetworkAccessManager. Qnam: QNAM for
// every URL (`transport: qnam`).
enum class HttpTransportKind { Lean, Qnam };

// One notification endpoint, as the registry's EndpointConfig plus hookscope's extensions.
// Values here are already "effective": defaults applied for missing or non-positive values.
struct EndpointConfig
{
    // --- registry fields (notifications.endpoints[]) ---
    QString name;
    QString url;                                  // as written; validity is checked by the lint/loader
    QList<QPair<QString, QStringList>> headers;   // in file order; values are lists (http.Header)
    qint64 timeoutNs = 1'000'000'000;             // 1s default
    int threshold = 10;
    qint64 backoffNs = 1'000'000'000;             // 1s default
    QStringList ignoredMediaTypes;                // legacy ignoredmediatypes
    QStringList ignoreMediaTypes;                 // ignore.mediatypes
    QStringList ignoreActions;                    // ignore.actions
    bool disabled = false;
    // Why deliveries to this endpoint cannot work ("url has no host"), empty when its URL is fine.
    // The registry starts with such an endpoint and counts an Error for every delivery, so the
    // loader keeps it (with a warning) instead of refusing the file; the window and the status
    // line show this reason next to it.
    QString misconfigured;

    // --- hookscope extensions (per endpoint, all optional) ---
    RetryPolicyKind retryPolicy = RetryPolicyKind::Breaker;
    qint64 expBaseNs = 1'000'000'000;             // exponential: go-events defaults
    qint64 expFactorNs = 1'000'000'000;
    qint64 expMaxNs = 20'000'000'000;
    int maxAttempts = 0;                          // 0: never give up (registry)
    qint64 maxAgeNs = 0;                          // 0: no age limit (registry)
    int maxBatch = 1;                             // events per envelope; 1 = registry
    bool paused = false;                          // start paused
    HttpTransportKind transport = HttpTransportKind::Lean;

    int timeoutMs() const { return int(qMax<qint64>(1, timeoutNs / 1'000'000)); }
    int backoffMs() const { return int(qMax<qint64>(0, backoffNs / 1'000'000)); }
    // Media types and actions an event is dropped for (ignoredmediatypes merged with ignore.mediatypes).
    QStringList allIgnoredMediaTypes() const;
    bool hasFilter() const { return !allIgnoredMediaTypes().isEmpty() || !ignoreActions.isEmpty(); }

    bool operator==(const EndpointConfig &other) const;
    bool operator!=(const EndpointConfig &other) const { return !(*this == other); }
};

// Why `url` cannot be delivered to, as EndpointConfig::misconfigured says it; empty when it is an
// absolute http or https URL with a host, or a testendpoint:// reference (checked and resolved
// by the scenario code).
// A URL quoted in the reason is masked (a typo'd URL still has its real password in it).
QString endpointUrlProblem(const QString &url);

} // namespace hookscope
