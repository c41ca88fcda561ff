#include "core/config/configreader_p.h"

#include "core/config/goduration.h"
#include "core/config/secretmask.h"

#include <QUrl>

#include <limits>

namespace hookscope::configyaml {

namespace {

const QStringList kEndpointKeys = {
    QStringLiteral("name"),
    QStringLiteral("disabled"),
    QStringLiteral("url"),
    QStringLiteral("headers"),
    QStringLiteral("timeout"),
    QStringLiteral("threshold"),
    QStringLiteral("backoff"),
    QStringLiteral("ignoredmediatypes"),
    QStringLiteral("ignore"),
    // hookscope's extensions; the registry ignores unknown endpoint keys, so files still run there
    QStringLiteral("retry"),
    QStringLiteral("batch"),
    QStringLiteral("paused"),
    QStringLiteral("transport"),
};
const QStringList kIgnoreKeys = {QStringLiteral("mediatypes"), QStringLiteral("actions")};
const QStringList kRetryKeys
    = {QStringLiteral("policy"), QStringLiteral("base"),        QStringLiteral("factor"),
       QStringLiteral("max"),    QStringLiteral("maxattempts"), QStringLiteral("maxage")};
const QStringList kNotificationsKeys = {QStringLiteral("events"), QStringLiteral("endpoints")};
const QStringList kEventsKeys = {QStringLiteral("includereferences")};

// Registry 2.8.2's top-level sections: read by the registry, ignored here without a word.
const QStringList kRegistryTopLevelKeys = {
    QStringLiteral("version"),    QStringLiteral("log"),    QStringLiteral("loglevel"),
    QStringLiteral("storage"),    QStringLiteral("auth"),   QStringLiteral("middleware"),
    QStringLiteral("reporting"),  QStringLiteral("http"),   QStringLiteral("redis"),
    QStringLiteral("health"),     QStringLiteral("proxy"),  QStringLiteral("compatibility"),
    QStringLiteral("validation"), QStringLiteral("policy"), QStringLiteral("catalog"),
};

constexpr qint64 kDefaultTimeoutNs = 1'000'000'000; // registry DefaultEndpointConfig
constexpr int kDefaultThreshold = 10;
constexpr qint64 kDefaultBackoffNs = 1'000'000'000;

class ConfigReader
{
public:
    ConfigReader(const QString &file, ConfigLoadResult *result)
        : m_reader(file, result)
        , m_result(result)
    {
    }

    void readRoot(const YAML::Node &root)
    {
        QStringList known = kRegistryTopLevelKeys;
        known << QStringLiteral("notifications") << QStringLiteral("hookscope");
        m_reader.readMapping(root, QString(), known, [&](const QString &key, const YAML::Node &v) {
            if (key == QLatin1String("notifications")) {
                readNotifications(v, QStringLiteral("notifications"));
                return true;
            }
            if (key == QLatin1String("hookscope")) {
                readHookscopeSection(m_reader, v, m_result);
                return true;
            }
            return kRegistryTopLevelKeys.contains(key);
        });
    }

    void readNotifications(const YAML::Node &node, const QString &path)
    {
        // No reset here: a repeated notifications: key adds to what the first one set, as yaml.v2
        // decodes into the same struct. readNotificationsSection() starts fresh for the override.
        const auto readKey = [&](const QString &key, const YAML::Node &v) {
            if (key == QLatin1String("events")) {
                readEvents(v, path + QStringLiteral(".events"));
                return true;
            }
            if (key == QLatin1String("endpoints")) {
                readEndpoints(v);
                return true;
            }
            return false;
        };
        m_reader.readMapping(node, path, kNotificationsKeys, readKey);
    }

    void readEvents(const YAML::Node &node, const QString &path)
    {
        m_reader.readMapping(node, path, kEventsKeys, [&](const QString &key, const YAML::Node &v) {
            if (key != QLatin1String("includereferences"))
                return false;
            m_reader.readBool(v, path + QLatin1Char('.') + key,
                              &m_result->config.includeReferences);
            return true;
        });
    }

    void readEndpoints(const YAML::Node &node)
    {
        const QString path = QStringLiteral("notifications.endpoints");
        // A second endpoints list (repeated key, environment override) replaces the first one
        // entirely, as in yaml.v2; forget what was noted about the old entries.
        m_result->config.endpoints.clear();
        m_result->source.removeUnder(path + QLatin1Char('['));
        if (!node.IsDefined() || node.IsNull())
            return;
        if (!node.IsSequence()) {
            m_reader.error(
                node, path,
                QStringLiteral("expected a list of endpoints (\"- name: ...\" lines), got ")
                    + configyaml::describe(node));
            return;
        }
        int index = 0;
        for (const YAML::Node &item : node) {
            const QString itemPath = endpointPath(index++);
            // yaml-cpp places an empty item ("-" alone) on the following line; use the list's spot.
            m_reader.remember(itemPath, m_reader.spot(item.IsNull() ? node : item));
            EndpointConfig endpoint;
            readEndpoint(item, itemPath, &endpoint);
            m_result->config.endpoints.append(endpoint);
        }
    }

private:
    void readEndpoint(const YAML::Node &node, const QString &path, EndpointConfig *e)
    {
        if (node.IsNull()) {
            // A bare "-" is an endpoint with every field zero to yaml.v2: no name, no url.
            applyRegistryDefaults(0, e);
            checkUrl(path, false, e);
            return;
        }
        if (!node.IsMap()) {
            m_reader.error(node, path,
                           QStringLiteral("expected an endpoint (name:, url: ...), got ")
                               + configyaml::describe(node));
            return;
        }
        qint64 threshold = 0;
        bool sawUrl = false;
        QStringList written;   // timeout, backoff and threshold keys with a (non-null) value
        m_reader.readMapping(
            node, path, kEndpointKeys, [&](const QString &key, const YAML::Node &v) {
                const QString keyPath = path + QLatin1Char('.') + key;
                if (!v.IsNull())
                    written << key;
                if (key == QLatin1String("name")) {
                    m_reader.readString(v, keyPath, &e->name);
                } else if (key == QLatin1String("disabled")) {
                    m_reader.readBool(v, keyPath, &e->disabled);
                } else if (key == QLatin1String("url")) {
                    sawUrl = true;
                    m_reader.readString(v, keyPath, &e->url);
                } else if (key == QLatin1String("headers")) {
                    m_reader.readHeaders(v, keyPath, &e->headers);
                } else if (key == QLatin1String("timeout")) {
                    m_reader.readDuration(v, keyPath, &e->timeoutNs);
                } else if (key == QLatin1String("threshold")) {
                    m_reader.readInt(v, keyPath, &threshold);
                } else if (key == QLatin1String("backoff")) {
                    m_reader.readDuration(v, keyPath, &e->backoffNs);
                } else if (key == QLatin1String("ignoredmediatypes")) {
                    m_reader.readStringList(v, keyPath, &e->ignoredMediaTypes);
                } else if (key == QLatin1String("ignore")) {
                    readIgnore(v, keyPath, e);
                } else if (key == QLatin1String("retry")) {
                    readRetry(v, keyPath, e);
                } else if (key == QLatin1String("batch")) {
                    qint64 batch = 1;
                    if (m_reader.readInt(v, keyPath, &batch)) {
                        if (v.IsNull())
                            batch = 1;
                        if (batch < 1 || batch > 100000) {
                            m_reader.error(v, keyPath,
                                           QStringLiteral("must be between 1 and 100000 (events "
                                                          "per envelope; 1 is the registry's)"));
                        } else {
                            e->maxBatch = int(batch);
                        }
                    }
                } else if (key == QLatin1String("paused")) {
                    m_reader.readBool(v, keyPath, &e->paused);
                } else if (key == QLatin1String("transport")) {
                    readTransport(v, keyPath, e);
                } else {
                    return false;
                }
                return true;
            });

        if (written.contains(QLatin1String("timeout")) && e->timeoutNs <= 0)
            warnReplaced(path, QStringLiteral("timeout"), *e, formatGoDuration(e->timeoutNs),
                         formatGoDuration(kDefaultTimeoutNs));
        if (written.contains(QLatin1String("backoff")) && e->backoffNs <= 0)
            warnReplaced(path, QStringLiteral("backoff"), *e, formatGoDuration(e->backoffNs),
                         formatGoDuration(kDefaultBackoffNs));
        if (written.contains(QLatin1String("threshold")) && threshold <= 0)
            warnReplaced(path, QStringLiteral("threshold"), *e, QString::number(threshold),
                         QString::number(kDefaultThreshold));
        applyRegistryDefaults(threshold, e);
        if (threshold > std::numeric_limits<int>::max()) {
            m_reader.warning(m_result->source.spotFor(path + QStringLiteral(".threshold")),
                             path
                                 + QStringLiteral(".threshold: larger than hookscope supports; "
                                                  "using %1 (the breaker will never open)")
                                       .arg(e->threshold));
        }
        checkUrl(path, sawUrl, e);
    }

    void readTransport(const YAML::Node &node, const QString &path, EndpointConfig *e)
    {
        QString value;
        if (!m_reader.readString(node, path, &value))
            return;
        value = value.trimmed().toLower();
        if (value.isEmpty() || value == QLatin1String("lean"))
            e->transport = HttpTransportKind::Lean;
        else if (value == QLatin1String("qnam"))
            e->transport = HttpTransportKind::Qnam;
        else
            m_reader.error(node, path,
                           QStringLiteral("\"%1\" is not a transport: lean (hookscope's HTTP/1.1 "
                                          "client, the default) or qnam (Qt's network stack)")
                               .arg(value));
    }

    // The registry's endpoint.defaults(): non-positive or missing values take the defaults.
    static void applyRegistryDefaults(qint64 threshold, EndpointConfig *e)
    {
        if (e->timeoutNs <= 0)
            e->timeoutNs = kDefaultTimeoutNs;
        if (e->backoffNs <= 0)
            e->backoffNs = kDefaultBackoffNs;
        if (threshold <= 0)
            e->threshold = kDefaultThreshold;
        else
            e->threshold = int(qMin<qint64>(threshold, std::numeric_limits<int>::max()));
    }

    // Registry 2.8.2 starts with an endpoint it cannot deliver to and counts an Error for every
    // delivery (Post "" fails with `unsupported protocol scheme ""`), so such a file loads: the
    // endpoint is kept with its URL as written and marked misconfigured, with a warning.
    void checkUrl(const QString &path, bool sawUrl, EndpointConfig *e)
    {
        // testendpoint://NAME is resolved at start; checkTestEndpointReferences() checks the name
        // once the whole file (hookscope.testendpoints may come later) has been read.
        e->misconfigured = endpointUrlProblem(e->url);
        if (e->misconfigured.isEmpty())
            return;
        const QString urlPath = path + QStringLiteral(".url");
        const SourceSpot where = m_result->source.spotFor(sawUrl ? urlPath : path);
        const QString label = endpointLabel(path, *e);
        if (e->disabled) {
            const QString problem
                = e->url.isEmpty()
                      ? QStringLiteral("has no url")
                      : QStringLiteral("url \"%1\" is not an absolute http or https URL with a host")
                            .arg(maskUrl(e->url));
            m_reader.warning(where,
                             label + QStringLiteral(": ") + problem
                                 + QStringLiteral(" (endpoint is disabled, so it is not used)"));
            return;
        }
        QString problem = e->misconfigured;
        const QString masked = maskUrl(e->url);
        if (!e->url.isEmpty() && !problem.contains(masked))
            problem += QStringLiteral(" (url \"%1\")").arg(masked);
        m_reader.warning(where, label + QStringLiteral(": ") + problem
                                    + QStringLiteral("; loaded as misconfigured: every delivery "
                                                     "fails as an Error, as in the registry"));
    }

    static QString endpointLabel(const QString &path, const EndpointConfig &e)
    {
        return e.name.isEmpty() ? path
                                : path + QStringLiteral(" (\"") + e.name + QStringLiteral("\")");
    }

    // The registry replaces a written timeout, backoff or threshold <= 0 by its default without a
    // word; the replacement stays (applyRegistryDefaults), and the lint says it happened.
    void warnReplaced(const QString &path, const QString &key, const EndpointConfig &e,
                      const QString &written, const QString &replacement)
    {
        m_reader.warning(m_result->source.spotFor(path + QLatin1Char('.') + key),
                         endpointLabel(path, e)
                             + QStringLiteral(": %1 %2 is replaced by the registry's default %3")
                                   .arg(key, written, replacement));
    }

    void readIgnore(const YAML::Node &node, const QString &path, EndpointConfig *e)
    {
        m_reader.readMapping(node, path, kIgnoreKeys, [&](const QString &key, const YAML::Node &v) {
            const QString keyPath = path + QLatin1Char('.') + key;
            if (key == QLatin1String("mediatypes"))
                m_reader.readStringList(v, keyPath, &e->ignoreMediaTypes);
            else if (key == QLatin1String("actions"))
                m_reader.readStringList(v, keyPath, &e->ignoreActions);
            else
                return false;
            return true;
        });
    }

    // A non-negative duration; 0 (or missing) keeps `fallback`.
    void readPositiveDuration(const YAML::Node &v, const QString &path, qint64 fallback,
                              qint64 *out)
    {
        qint64 ns = 0;
        if (m_reader.readNonNegativeDuration(v, path, &ns))
            *out = ns == 0 ? fallback : ns;
    }

    void readRetry(const YAML::Node &node, const QString &path, EndpointConfig *e)
    {
        const EndpointConfig defaults;
        m_reader.readMapping(node, path, kRetryKeys, [&](const QString &key, const YAML::Node &v) {
            const QString keyPath = path + QLatin1Char('.') + key;
            if (key == QLatin1String("policy")) {
                QString policy;
                if (!m_reader.readString(v, keyPath, &policy))
                    return true;
                if (policy == QLatin1String("breaker") || policy.isEmpty()) {
                    e->retryPolicy = RetryPolicyKind::Breaker;
                } else if (policy == QLatin1String("exponential")) {
                    e->retryPolicy = RetryPolicyKind::Exponential;
                } else {
                    m_reader.error(v, keyPath,
                                   QStringLiteral("unknown retry policy \"%1\" (known: "
                                                  "breaker, exponential)")
                                       .arg(policy));
                }
            } else if (key == QLatin1String("base")) {
                readPositiveDuration(v, keyPath, defaults.expBaseNs, &e->expBaseNs);
            } else if (key == QLatin1String("factor")) {
                readPositiveDuration(v, keyPath, defaults.expFactorNs, &e->expFactorNs);
            } else if (key == QLatin1String("max")) {
                readPositiveDuration(v, keyPath, defaults.expMaxNs, &e->expMaxNs);
            } else if (key == QLatin1String("maxage")) {
                readPositiveDuration(v, keyPath, 0, &e->maxAgeNs);
            } else if (key == QLatin1String("maxattempts")) {
                qint64 attempts = 0;
                if (!m_reader.readInt(v, keyPath, &attempts))
                    return true;
                if (attempts < 0 || attempts > std::numeric_limits<int>::max())
                    m_reader.error(v, keyPath, QStringLiteral("must be 0 (never give up) or more"));
                else
                    e->maxAttempts = int(attempts);
            } else {
                return false;
            }
            return true;
        });
    }

    Reader m_reader;
    ConfigLoadResult *m_result;
};

} // namespace

void readConfigRoot(const YAML::Node &root, const QString &file, ConfigLoadResult *result)
{
    ConfigReader(file, result).readRoot(root);
}

void readNotificationsSection(const YAML::Node &node, const QString &file, ConfigLoadResult *result)
{
    // The registry unmarshals an override into a fresh value: whatever the file said is gone.
    result->config.includeReferences = false;
    result->config.endpoints.clear();
    ConfigReader(file, result).readNotifications(node, QStringLiteral("notifications"));
}

void readEndpointList(const YAML::Node &node, const QString &file, ConfigLoadResult *result)
{
    ConfigReader(file, result).readEndpoints(node);
}

void readEventsSection(const YAML::Node &node, const QString &file, ConfigLoadResult *result)
{
    result->config.includeReferences = false;
    ConfigReader(file, result).readEvents(node, QStringLiteral("notifications.events"));
}

} // namespace hookscope::configyaml
