// hookscope's own section (hookscope:): the listeners, the journal, the attempt log's budget;
// the scenario keys are in configscenarioreader.cpp. Split from configreader.cpp, which reads
// what the registry reads (notifications:).
#include "core/config/configreader_p.h"

#include "core/config/bytesize.h"
#include "core/config/configpath.h"
#include "core/config/listenaddress.h"

#include <limits>

namespace hookscope::configyaml {

namespace {

const QStringList kHookscopeKeys = {
    QStringLiteral("ingest"),     QStringLiteral("admin"),         QStringLiteral("journal"),
    QStringLiteral("attemptlog"), QStringLiteral("testendpoints"), QStringLiteral("generator"),
    QStringLiteral("replay"),
};
const QStringList kIngestKeys = {QStringLiteral("listen"),    QStringLiteral("token"),
                                 QStringLiteral("bodylimit"), QStringLiteral("timeout"),
                                 QStringLiteral("validate"),  QStringLiteral("maxevents"),
                                 QStringLiteral("allowedhosts")};
const QStringList kAdminKeys = {QStringLiteral("listen"), QStringLiteral("allowedhosts")};
const QStringList kAttemptLogKeys = {QStringLiteral("budget")};

class HookscopeReader
{
public:
    HookscopeReader(Reader &reader, ConfigLoadResult *result)
        : m_reader(reader)
        , m_result(result)
    {
    }

    void read(const YAML::Node &node)
    {
        const QString path = QStringLiteral("hookscope");
        AppConfig &config = m_result->config;
        m_reader.readMapping(
            node, path, kHookscopeKeys, [&](const QString &key, const YAML::Node &v) {
                const QString keyPath = path + QLatin1Char('.') + key;
                if (key == QLatin1String("ingest")) {
                    readIngest(v, keyPath);
                } else if (key == QLatin1String("admin")) {
                    m_reader.readMapping(v, keyPath, kAdminKeys,
                                         [&](const QString &k, const YAML::Node &a) {
                                             const QString adminPath = keyPath + QLatin1Char('.') + k;
                                             if (k == QLatin1String("listen"))
                                                 readListen(a, adminPath, &config.admin.listen);
                                             else if (k == QLatin1String("allowedhosts"))
                                                 readAllowedHosts(a, adminPath, &config.admin.allowedHosts);
                                             else
                                                 return false;
                                             return true;
                                         });
                } else if (key == QLatin1String("journal")) {
                    // Next to the configuration file, like the replay files.
                    if (m_reader.readString(v, keyPath, &config.journalPath))
                        config.journalPath = resolveConfigPath(m_reader.file(), config.journalPath);
                } else if (key == QLatin1String("attemptlog")) {
                    readAttemptLog(v, keyPath);
                } else {
                    return readScenarioKey(m_reader, key, v, m_result);
                }
                return true;
            });
    }

private:
    void readAttemptLog(const YAML::Node &node, const QString &path)
    {
        m_reader.readMapping(node, path, kAttemptLogKeys, [&](const QString &key, const YAML::Node &v) {
            if (key != QLatin1String("budget"))
                return false;
            readBudget(v, path + QLatin1Char('.') + key);
            return true;
        });
    }

    // A byte count (an integer) or a size with a binary unit ("32MiB"); missing or null keeps
    // the default.
    void readBudget(const YAML::Node &node, const QString &path)
    {
        if (node.IsNull())
            return;
        if (!node.IsScalar()) {
            m_reader.error(node, path,
                           QStringLiteral("expected a size such as 32MiB, got ") + describe(node));
            return;
        }
        const QString text = scalarText(node);
        QString why;
        const std::optional<qint64> bytes = parseByteSize(text, &why);
        if (!bytes) {
            m_reader.error(node, path, QStringLiteral("\"%1\": %2").arg(text, why));
            return;
        }
        if (*bytes <= 0) {
            m_reader.error(node, path,
                           QStringLiteral("\"%1\": must be a positive size (e.g. 32MiB)").arg(text));
            return;
        }
        m_result->config.attemptLogBudgetBytes = *bytes;
    }

    void readIngest(const YAML::Node &node, const QString &path)
    {
        IngestConfig &ingest = m_result->config.ingest;
        m_reader.readMapping(node, path, kIngestKeys, [&](const QString &key, const YAML::Node &v) {
            const QString keyPath = path + QLatin1Char('.') + key;
            if (key == QLatin1String("listen")) {
                readListen(v, keyPath, &ingest.listen);
            } else if (key == QLatin1String("token")) {
                m_reader.readString(v, keyPath, &ingest.token);
            } else if (key == QLatin1String("bodylimit")) {
                qint64 bytes = 0;
                if (m_reader.readInt(v, keyPath, &bytes)) {
                    if (bytes > 0)
                        ingest.bodyLimitBytes = bytes;
                    else if (!v.IsNull())
                        m_reader.error(v, keyPath,
                                       QStringLiteral("must be a positive number of bytes"));
                }
            } else if (key == QLatin1String("timeout")) {
                qint64 ns = 0;
                if (m_reader.readDuration(v, keyPath, &ns)) {
                    // 0 or missing keeps the default, as the registry treats its own timeouts.
                    if (ns >= 1'000'000 && ns / 1'000'000 <= std::numeric_limits<int>::max())
                        ingest.requestTimeoutMs = int(ns / 1'000'000);
                    else if (ns != 0)
                        m_reader.error(v, keyPath, QStringLiteral("must be between 1ms and 596h"));
                }
            } else if (key == QLatin1String("validate")) {
                m_reader.readBool(v, keyPath, &ingest.validate);
            } else if (key == QLatin1String("maxevents")) {
                qint64 count = 0;
                if (m_reader.readInt(v, keyPath, &count)) {
                    if (count > 0 && count <= std::numeric_limits<int>::max())
                        ingest.maxEvents = int(count);
                    else if (!v.IsNull())
                        m_reader.error(v, keyPath, QStringLiteral("must be a positive number of events"));
                }
            } else if (key == QLatin1String("allowedhosts")) {
                readAllowedHosts(v, keyPath, &ingest.allowedHosts);
            } else {
                return false;
            }
            return true;
        });
    }

    void readAllowedHosts(const YAML::Node &node, const QString &path, QStringList *out)
    {
        QStringList hosts;
        if (!m_reader.readStringList(node, path, &hosts))
            return;
        int index = 0;
        for (const QString &host : std::as_const(hosts)) {
            const YAML::Node item = node[std::size_t(index)];
            const QString problem = allowedHostProblem(host.trimmed());
            if (problem.isEmpty())
                out->append(host.trimmed());
            else
                m_reader.error(item, path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']'),
                               problem);
            ++index;
        }
    }

    void readListen(const YAML::Node &node, const QString &path, QString *out)
    {
        QString address;
        if (!m_reader.readString(node, path, &address))
            return;
        if (!address.isEmpty() && !splitListenAddress(address, nullptr, nullptr)) {
            m_reader.error(
                node, path,
                QStringLiteral("\"%1\" is not host:port (e.g. 127.0.0.1:5050, [::1]:5050, "
                               "0.0.0.0:5050 for every interface)")
                    .arg(address));
            return;
        }
        *out = address;
    }

    Reader &m_reader;
    ConfigLoadResult *m_result;
};

} // namespace

void readHookscopeSection(Reader &reader, const YAML::Node &node, ConfigLoadResult *result)
{
    HookscopeReader(reader, result).read(node);
}

} // namespace hookscope::configyaml
