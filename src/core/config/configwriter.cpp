#include "core/config/configwriter.h"

#include "core/config/bytesize.h"
#include "core/config/configyaml_p.h"
#include "core/config/goduration.h"

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

    // Optional keys: an empty value is the default, so the key is left out rather than written empty.
    void stringIfSet(const char *name, const QString &value)
    {
        if (value.isEmpty())
            return;
        key(name);
        string(value);
    }

    void stringListIfSet(const char *name, const QStringList &values)
    {
        if (values.isEmpty())
            return;
        key(name);
        stringList(values);
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
        stringListIfSet("ignoredmediatypes", e.ignoredMediaTypes);
        if (!e.ignoreMediaTypes.isEmpty() || !e.ignoreActions.isEmpty()) {
            key("ignore");
            m_out << YAML::BeginMap;
            stringListIfSet("mediatypes", e.ignoreMediaTypes);
            stringListIfSet("actions", e.ignoreActions);
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

    // hookscope.ingest and .admin: the keys every listener has around the ones `ownKeys` writes.
    template<typename Keys>
    void listener(const char *name, const QString &listen, const QStringList &allowedHosts, Keys ownKeys)
    {
        key(name);
        m_out << YAML::BeginMap;
        stringIfSet("listen", listen);
        ownKeys();
        stringListIfSet("allowedhosts", allowedHosts);
        m_out << YAML::EndMap;
    }

    void hookscope(const AppConfig &config)
    {
        const IngestConfig ingestDefaults;
        const bool ingest = config.ingest != ingestDefaults;
        const bool admin = config.admin != AdminConfig();
        const bool budget = config.attemptLogBudgetBytes != AppConfig().attemptLogBudgetBytes;
        if (!ingest && !admin && config.journalPath.isEmpty() && !budget && !config.hasScenario())
            return;
        key("hookscope");
        m_out << YAML::BeginMap;
        if (ingest) {
            listener("ingest", config.ingest.listen, config.ingest.allowedHosts, [&] {
                stringIfSet("token", config.ingest.token);
                key("bodylimit");
                m_out << config.ingest.bodyLimitBytes;
                key("timeout");
                duration(qint64(config.ingest.requestTimeoutMs) * 1'000'000);
                if (config.ingest.validate != ingestDefaults.validate) {
                    key("validate");
                    m_out << config.ingest.validate;
                }
                if (config.ingest.maxEvents != ingestDefaults.maxEvents) {
                    key("maxevents");
                    m_out << config.ingest.maxEvents;
                }
            });
        }
        if (admin)
            listener("admin", config.admin.listen, config.admin.allowedHosts, [] {});
        stringIfSet("journal", config.journalPath);
        if (budget) {
            key("attemptlog");
            m_out << YAML::BeginMap;
            key("budget");
            const QString size = formatByteSize(config.attemptLogBudgetBytes);
            if (size.back().isDigit())   // plain bytes: an integer, not a quoted string
                m_out << config.attemptLogBudgetBytes;
            else
                m_out << size.toStdString();
            m_out << YAML::EndMap;
        }
        scenario(config);
        m_out << YAML::EndMap;
    }

    // hookscope.testendpoints, .generator, .replay: only what differs from the defaults.
    void scenario(const AppConfig &config)
    {
        if (!config.testEndpoints.isEmpty()) {
            key("testendpoints");
            m_out << YAML::BeginSeq;
            const TestEndpointConfig d;
            for (const TestEndpointConfig &t : config.testEndpoints) {
                m_out << YAML::BeginMap;
                key("name");
                string(t.name);
                key("listen");
                string(t.listen);
                key("mode");
                string(t.mode);
                if (t.status != d.status) { key("status"); m_out << t.status; }
                if (t.body != d.body) { key("body"); string(t.body); }
                if (t.failRate != d.failRate) { key("failrate"); m_out << t.failRate; }
                if (t.seed != d.seed) { key("seed"); m_out << t.seed; }
                if (t.delayNs != d.delayNs) { key("delay"); duration(t.delayNs); }
                if (t.latency != d.latency) { key("latency"); string(t.latency); }
                if (t.delayMaxNs != d.delayMaxNs) { key("delaymax"); duration(t.delayMaxNs); }
                if (t.downNs != d.downNs) { key("down"); duration(t.downNs); }
                if (t.upNs != d.upNs) { key("up"); duration(t.upNs); }
                if (t.failCount != d.failCount) { key("failcount"); m_out << t.failCount; }
                if (t.retryAfter != d.retryAfter) { key("retryafter"); string(t.retryAfter); }
                if (t.downStyle != d.downStyle) { key("downstyle"); string(t.downStyle); }
                if (t.strictMediaType) { key("strictmediatype"); m_out << true; }
                if (t.requireHeader != d.requireHeader) { key("requireheader"); string(t.requireHeader); }
                m_out << YAML::EndMap;
            }
            m_out << YAML::EndSeq;
        }
        const GeneratorConfig &g = config.generator;
        if (g.enabled) {
            const GeneratorConfig d;
            key("generator");
            m_out << YAML::BeginMap;
            key("rate");
            m_out << g.rate;
            if (g.burst != d.burst) { key("burst"); m_out << g.burst; }
            stringListIfSet("repositories", g.repositories);
            stringListIfSet("users", g.users);
            if (g.seed != d.seed) { key("seed"); m_out << g.seed; }
            if (g.durationNs != d.durationNs) { key("duration"); duration(g.durationNs); }
            if (g.count != d.count) { key("count"); m_out << g.count; }
            key("mix");
            if (g.mix != QLatin1String("mixed")) {
                string(g.mix);
            } else {
                m_out << YAML::Flow << YAML::BeginMap;
                key("push"); m_out << g.pushWeight;
                key("pull"); m_out << g.pullWeight;
                key("mount"); m_out << g.mountWeight;
                key("delete"); m_out << g.deleteWeight;
                m_out << YAML::EndMap;
            }
            if (!g.stamp) { key("stamp"); m_out << false; }
            m_out << YAML::EndMap;
        }
        if (!config.replay.isEmpty()) {
            key("replay");
            m_out << YAML::BeginMap;
            key("files");
            stringList(config.replay.files);
            key("format");
            string(config.replay.format);
            key("pace");
            string(config.replay.pace);
            m_out << YAML::EndMap;
        }
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

    QByteArray writeEndpoint(const EndpointConfig &e)
    {
        m_out.SetIndent(2);
        m_out << YAML::BeginSeq;
        endpoint(e);
        m_out << YAML::EndSeq;
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

QByteArray ConfigWriter::endpointYaml(const EndpointConfig &endpoint)
{
    return Writer().writeEndpoint(endpoint);
}

} // namespace hookscope
