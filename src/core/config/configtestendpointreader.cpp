// hookscope.testendpoints and the check that "testendpoint://NAME" urls name a declared test
// endpoint.
#include "core/config/configtestendpointreader_p.h"

#include "core/config/configreader_p.h"
#include "core/config/configscenariovalues_p.h"
#include "core/config/listenaddress.h"
#include "core/config/secretmask.h"

#include <QHash>

#include <limits>

namespace hookscope::configyaml {

namespace {

const QStringList kTestEndpointKeys = {
    QStringLiteral("name"),       QStringLiteral("listen"),     QStringLiteral("mode"),
    QStringLiteral("status"),     QStringLiteral("body"),       QStringLiteral("failrate"),
    QStringLiteral("seed"),       QStringLiteral("delay"),      QStringLiteral("latency"),
    QStringLiteral("delaymax"),   QStringLiteral("down"),       QStringLiteral("up"),
    QStringLiteral("failcount"),  QStringLiteral("retryafter"), QStringLiteral("downstyle"),
    QStringLiteral("strictmediatype"), QStringLiteral("requireheader"),
};
// Keys whose value goes straight into a field, read the same way as the others of its type.
template<typename T>
struct Field
{
    const char *key;
    T TestEndpointConfig::*field;
};
constexpr Field<QString> kStringFields[] = {
    {"name", &TestEndpointConfig::name},
    {"body", &TestEndpointConfig::body},
    {"retryafter", &TestEndpointConfig::retryAfter},
    {"requireheader", &TestEndpointConfig::requireHeader},
};
constexpr Field<qint64> kDurationFields[] = {
    {"delay", &TestEndpointConfig::delayNs},
    {"delaymax", &TestEndpointConfig::delayMaxNs},
    {"down", &TestEndpointConfig::downNs},
    {"up", &TestEndpointConfig::upNs},
};
const QStringList kLatencies
    = {QStringLiteral("fixed"), QStringLiteral("uniform"), QStringLiteral("lognormal")};
const QStringList kDownStyles = {QStringLiteral("reset"), QStringLiteral("close")};

class TestEndpointReader : public ScenarioSectionReader
{
public:
    using ScenarioSectionReader::ScenarioSectionReader;

    void readTestEndpoints(const YAML::Node &node, const QString &path)
    {
        QList<TestEndpointConfig> &list = m_result->config.testEndpoints;
        list.clear();
        if (!node.IsDefined() || node.IsNull())
            return;
        if (!node.IsSequence()) {
            m_reader.error(node, path,
                           QStringLiteral("expected a list of test endpoints (\"- name: ...\" "
                                          "lines), got ")
                               + describe(node));
            return;
        }
        QHash<QString, QString> seen;
        int index = 0;
        for (const YAML::Node &item : node) {
            const QString itemPath = path + QLatin1Char('[') + QString::number(index++) + QLatin1Char(']');
            const SourceSpot where = m_reader.spot(item.IsNull() ? node : item);
            m_reader.remember(itemPath, where);
            if (!item.IsMap()) {
                m_reader.error(item.IsNull() ? node : item, itemPath,
                               QStringLiteral("expected a test endpoint (name:, mode: ...), got ")
                                   + describe(item));
                continue;
            }
            TestEndpointConfig endpoint;
            endpoint.line = where.line;
            readTestEndpoint(item, itemPath, &endpoint);
            if (endpoint.name.isEmpty()) {
                m_reader.error(where, itemPath + QStringLiteral(": a test endpoint needs a name "
                                                                "(endpoints refer to it as "
                                                                "testendpoint://NAME)"));
            } else if (seen.contains(endpoint.name)) {
                m_reader.error(m_result->source.spotFor(itemPath + QStringLiteral(".name")),
                               QStringLiteral("%1: test endpoint name \"%2\" is already used by %3")
                                   .arg(itemPath, endpoint.name, seen.value(endpoint.name)));
            } else {
                seen.insert(endpoint.name, itemPath);
            }
            list.append(endpoint);
        }
    }

private:
    void readTestEndpoint(const YAML::Node &node, const QString &path, TestEndpointConfig *e)
    {
        m_reader.readMapping(node, path, kTestEndpointKeys, [&](const QString &key, const YAML::Node &v) {
            const QString keyPath = path + QLatin1Char('.') + key;
            for (const auto &[name, field] : kStringFields) {
                if (key == QLatin1String(name)) {
                    m_reader.readString(v, keyPath, &(e->*field));
                    return true;
                }
            }
            for (const auto &[name, field] : kDurationFields) {
                if (key == QLatin1String(name)) {
                    m_reader.readNonNegativeDuration(v, keyPath, &(e->*field));
                    return true;
                }
            }
            if (key == QLatin1String("listen")) {
                readTestListen(v, keyPath, &e->listen);
            } else if (key == QLatin1String("mode")) {
                // Names are checked where the receiver is built (src/sources): the list of modes
                // belongs to src/testing.
                if (m_reader.readString(v, keyPath, &e->mode) && e->mode.isEmpty())
                    m_reader.error(v, keyPath, QStringLiteral("needs a mode name (e.g. healthy, status, failrate, flap, downthenheal)"));
            } else if (key == QLatin1String("status")) {
                m_values.readBoundedInt(v, keyPath, 100, 999, &e->status);
            } else if (key == QLatin1String("failrate")) {
                double rate = 0;
                if (m_values.readNumber(v, keyPath, &rate)) {
                    if (rate < 0 || rate > 1)
                        m_reader.error(v, keyPath, QStringLiteral("must be a fraction between 0 and 1 (0.3 fails 30%)"));
                    else
                        e->failRate = rate;
                }
            } else if (key == QLatin1String("seed")) {
                m_values.readIntWithin(v, keyPath, 0, std::numeric_limits<quint32>::max(),
                                       QStringLiteral("must be between 0 and 4294967295"), &e->seed);
            } else if (key == QLatin1String("latency")) {
                m_values.readChoice(v, keyPath, kLatencies, &e->latency);
            } else if (key == QLatin1String("failcount")) {
                m_values.readIntWithin(v, keyPath, 0, std::numeric_limits<int>::max(),
                                       QStringLiteral("must be 0 or more"), &e->failCount);
            } else if (key == QLatin1String("downstyle")) {
                m_values.readChoice(v, keyPath, kDownStyles, &e->downStyle);
            } else if (key == QLatin1String("strictmediatype")) {
                m_reader.readBool(v, keyPath, &e->strictMediaType);
            } else {
                return false;
            }
            return true;
        });
    }

    // "127.0.0.1:8081", "localhost:0" or a bare port: test endpoints only listen on loopback.
    void readTestListen(const YAML::Node &node, const QString &path, QString *out)
    {
        const Resolved r = resolve(node);
        if (node.IsScalar() && r.kind == Resolved::Kind::Int) {
            if (r.intValue < 0 || r.intValue > 65535) {
                m_reader.error(node, path, QStringLiteral("port %1 is outside 0..65535").arg(r.intValue));
                return;
            }
            *out = QStringLiteral("127.0.0.1:%1").arg(r.intValue);
            return;
        }
        QString text;
        if (!m_reader.readString(node, path, &text))
            return;
        QString host;
        int port = 0;
        if (!splitListenAddress(text, &host, &port) || port < 0 || port > 65535) {
            m_reader.error(node, path, QStringLiteral("\"%1\" is not 127.0.0.1:PORT (or a bare port; 0 picks a free one)").arg(text));
            return;
        }
        if (host != QLatin1String("127.0.0.1") && host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) != 0) {
            m_reader.error(node, path, QStringLiteral("test endpoints listen on 127.0.0.1 only, not \"%1\"").arg(host));
            return;
        }
        *out = QStringLiteral("127.0.0.1:%1").arg(port);
    }
};

} // namespace

void readTestEndpoints(Reader &reader, const YAML::Node &node, const QString &path,
                       ConfigLoadResult *result)
{
    TestEndpointReader(reader, result).readTestEndpoints(node, path);
}

void checkTestEndpointReferences(const QString &file, ConfigLoadResult *result)
{
    Reader reader(file, result);
    QStringList names;
    for (const TestEndpointConfig &t : std::as_const(result->config.testEndpoints))
        names << t.name;
    for (int i = 0; i < result->config.endpoints.size(); ++i) {
        const EndpointConfig &e = result->config.endpoints.at(i);
        QString name;
        if (!TestEndpointUrl::parse(e.url, &name) || names.contains(name))
            continue;
        const QString path = endpointPath(i) + QStringLiteral(".url");
        const QString known = names.isEmpty() ? QStringLiteral("hookscope.testendpoints declares none")
                                              : QStringLiteral("declared: ") + names.join(QStringLiteral(", "));
        const QString message = QStringLiteral("%1: \"%2\" names no test endpoint (%3)").arg(path, maskUrl(e.url), known);
        if (e.disabled)
            reader.warning(result->source.spotFor(path), message + QStringLiteral(" (endpoint is disabled)"));
        else
            reader.error(result->source.spotFor(path), message);
    }
}

} // namespace hookscope::configyaml
