#include "config/configwriter.h"

#include "config/configyaml_p.h"
#include "config/goduration.h"

namespace hookscope {

namespace {

class Writer
{
public:
    void key(const char *name) { m_out << YAML::Key << name << YAML::Value; }

    void string(const QString &value)
    {
        // A string yaml.v2 would resolve as a bool, number or null must be quoted to stay a string
        // (string fields would survive, but header values and names must read back verbatim).
        // A plain "<<" would be a merge key.
        if (configyaml::resolvePlain(value).kind != configyaml::Resolved::Kind::String
            || value == QLatin1String("<<"))
            m_out << YAML::DoubleQuoted;
        m_out << value.toStdString();
    }

    void duration(qint64 ns) { m_out << formatGoDuration(ns).toStdString(); }

    void stringList(const QStringList &values)
    {
        m_out << YAML::Flow << YAML::BeginSeq;
        for (const QString &value : values)
            string(value);
        m_out << YAML::EndSeq;
    }

    void endpoint(const EndpointConfig &e)
    {
        const EndpointConfig defaults;
        m_out << YAML::BeginMap;
        key("name");
        string(e.name);
        if (e.disabled) {
            key("disabled");
            m_out << true;
        }
        key("url");
        string(e.url);
        if (!e.headers.isEmpty()) {
            key("headers");
            m_out << YAML::BeginMap;
            for (const auto &header : e.headers) {
                m_out << YAML::Key;
                string(header.first);
                m_out << YAML::Value;
                stringList(header.second);
            }
            m_out << YAML::EndMap;
        }
        key("timeout");
        duration(e.timeoutNs);
        key("threshold");
        m_out << e.threshold;
        key("backoff");
        duration(e.backoffNs);
        if (!e.ignoredMediaTypes.isEmpty()) {
            key("ignoredmediatypes");
            stringList(e.ignoredMediaTypes);
        }
        if (!e.ignoreMediaTypes.isEmpty() || !e.ignoreActions.isEmpty()) {
            key("ignore");
            m_out << YAML::BeginMap;
            if (!e.ignoreMediaTypes.isEmpty()) {
                key("mediatypes");
                stringList(e.ignoreMediaTypes);
            }
            if (!e.ignoreActions.isEmpty()) {
                key("actions");
                stringList(e.ignoreActions);
            }
            m_out << YAML::EndMap;
        }
        retry(e, defaults);
        if (e.maxBatch != defaults.maxBatch) {
            key("batch");
            m_out << e.maxBatch;
        }
        if (e.paused) {
            key("paused");
            m_out << true;
        }
        if (e.transport != defaults.transport) {
            key("transport");
            m_out << (e.transport == HttpTransportKind::Qnam ? "qnam" : "lean");
        }
        m_out << YAML::EndMap;
    }

    void retry(const EndpointConfig &e, const EndpointConfig &defaults)
    {
        const bool custom
            = e.retryPolicy != defaults.retryPolicy || e.expBaseNs != defaults.expBaseNs
              || e.expFactorNs != defaults.expFactorNs || e.expMaxNs != defaults.expMaxNs
              || e.maxAttempts != defaults.maxAttempts || e.maxAgeNs != defaults.maxAgeNs;
        if (!custom)
            return;
        key("retry");
        m_out << YAML::BeginMap;
        key("policy");
        m_out << (e.retryPolicy == RetryPolicyKind::Exponential ? "exponential" : "breaker");
        if (e.retryPolicy == RetryPolicyKind::Exponential || e.expBaseNs != defaults.expBaseNs
            || e.expFactorNs != defaults.expFactorNs || e.expMaxNs != defaults.expMaxNs) {
            key("base");
            duration(e.expBaseNs);
            key("factor");
            duration(e.expFactorNs);
            key("max");
            duration(e.expMaxNs);
        }
        if (e.maxAttempts != defaults.maxAttempts) {
            key("maxattempts");
            m_out << e.maxAttempts;
        }
        if (e.maxAgeNs != defaults.maxAgeNs) {
            key("maxage");
            duration(e.maxAgeNs);
        }
        m_out << YAML::EndMap;
    }

    void hookscope(const AppConfig &config)
    {
        const IngestConfig ingestDefaults;
        const bool ingest = config.ingest != ingestDefaults;
        const bool admin = !config.admin.listen.isEmpty();
        if (!ingest && !admin && config.journalPath.isEmpty())
            return;
        key("hookscope");
        m_out << YAML::BeginMap;
        if (ingest) {
            key("ingest");
            m_out << YAML::BeginMap;
            if (!config.ingest.listen.isEmpty()) {
                key("listen");
                string(config.ingest.listen);
            }
            if (!config.ingest.token.isEmpty()) {
                key("token");
                string(config.ingest.token);
            }
            key("bodylimit");
            m_out << config.ingest.bodyLimitBytes;
            key("timeout");
            duration(qint64(config.ingest.requestTimeoutMs) * 1'000'000);
            m_out << YAML::EndMap;
        }
        if (admin) {
            key("admin");
            m_out << YAML::BeginMap;
            key("listen");
            string(config.admin.listen);
            m_out << YAML::EndMap;
        }
        if (!config.journalPath.isEmpty()) {
            key("journal");
            string(config.journalPath);
        }
        m_out << YAML::EndMap;
    }

    QByteArray write(const AppConfig &config)
    {
        m_out.SetIndent(2);
        m_out << YAML::Comment("Written by hookscope. notifications: is registry 2.8.2's section "
                               "and reads the same there.");
        m_out << YAML::BeginMap;
        key("version");
        m_out << "0.1";
        key("notifications");
        m_out << YAML::BeginMap;
        key("events");
        m_out << YAML::BeginMap;
        key("includereferences");
        m_out << config.includeReferences;
        m_out << YAML::EndMap;
        key("endpoints");
        if (config.endpoints.isEmpty()) {
            m_out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
        } else {
            m_out << YAML::BeginSeq;
            for (const EndpointConfig &e : config.endpoints)
                endpoint(e);
            m_out << YAML::EndSeq;
        }
        m_out << YAML::EndMap;
        hookscope(config);
        m_out << YAML::EndMap;
        QByteArray yaml(m_out.c_str(), qsizetype(m_out.size()));
        yaml.append('\n');
        return yaml;
    }

private:
    YAML::Emitter m_out;
};

} // namespace

QByteArray ConfigWriter::toYaml(const AppConfig &config)
{
    return Writer().write(config);
}

} // namespace hookscope
