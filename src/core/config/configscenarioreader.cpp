// hookscope's scenario keys (hookscope.testendpoints, .generator, .replay) and the check that
// "testendpoint://NAME" urls name a declared test endpoint.
#include "core/config/configreader_p.h"

#include "core/config/listenaddress.h"
#include "core/config/secretmask.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>

#include <cmath>
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
const QStringList kGeneratorKeys = {
    QStringLiteral("rate"),  QStringLiteral("burst"),    QStringLiteral("repositories"),
    QStringLiteral("users"), QStringLiteral("seed"),     QStringLiteral("duration"),
    QStringLiteral("count"), QStringLiteral("mix"),      QStringLiteral("stamp"),
};
const QStringList kMixKeys = {QStringLiteral("push"), QStringLiteral("pull"),
                              QStringLiteral("mount"), QStringLiteral("delete")};
const QStringList kProfiles = {QStringLiteral("push"), QStringLiteral("pull"),
                               QStringLiteral("mount"), QStringLiteral("delete"),
                               QStringLiteral("mixed")};
const QStringList kLatencies
    = {QStringLiteral("fixed"), QStringLiteral("uniform"), QStringLiteral("lognormal")};
const QStringList kDownStyles = {QStringLiteral("reset"), QStringLiteral("close")};
const QStringList kReplayKeys
    = {QStringLiteral("files"), QStringLiteral("format"), QStringLiteral("pace")};
const QStringList kReplayFormats
    = {QStringLiteral("auto"), QStringLiteral("fixture"), QStringLiteral("ndjson")};
const QStringList kReplayPaces = {QStringLiteral("original"), QStringLiteral("fast")};

class ScenarioReader
{
public:
    ScenarioReader(Reader &reader, ConfigLoadResult *result)
        : m_reader(reader)
        , m_result(result)
    {
    }

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

    void readGenerator(const YAML::Node &node, const QString &path)
    {
        GeneratorConfig &g = m_result->config.generator;
        g = GeneratorConfig();
        g.enabled = true;   // the section's presence turns it on; rate: 0 sends bursts/count only
        m_reader.readMapping(node, path, kGeneratorKeys, [&](const QString &key, const YAML::Node &v) {
            const QString keyPath = path + QLatin1Char('.') + key;
            if (key == QLatin1String("rate")) {
                double rate = 0;
                if (readNumber(v, keyPath, &rate)) {
                    if (rate < 0 || rate > 100000)
                        m_reader.error(v, keyPath, QStringLiteral("must be between 0 and 100000 events per second"));
                    else
                        g.rate = rate;
                }
            } else if (key == QLatin1String("burst")) {
                readBoundedInt(v, keyPath, 1, 100000, &g.burst);
            } else if (key == QLatin1String("repositories")) {
                m_reader.readStringList(v, keyPath, &g.repositories);
                for (int i = 0; i < g.repositories.size(); ++i) {
                    if (g.repositories.at(i).isEmpty())
                        m_reader.error(m_result->source.spotFor(keyPath + QStringLiteral("[%1]").arg(i)),
                                       QStringLiteral("%1[%2]: a repository name cannot be empty").arg(keyPath).arg(i));
                }
            } else if (key == QLatin1String("users")) {
                m_reader.readStringList(v, keyPath, &g.users);
            } else if (key == QLatin1String("seed")) {
                qint64 seed = 0;
                if (m_reader.readInt(v, keyPath, &seed)) {
                    if (seed < 0 || seed > std::numeric_limits<quint32>::max())
                        m_reader.error(v, keyPath, QStringLiteral("must be between 0 and 4294967295 (0: random)"));
                    else
                        g.seed = seed;
                }
            } else if (key == QLatin1String("duration")) {
                readNonNegativeDuration(v, keyPath, &g.durationNs);
            } else if (key == QLatin1String("count")) {
                qint64 count = 0;
                if (m_reader.readInt(v, keyPath, &count)) {
                    if (count < 0)
                        m_reader.error(v, keyPath, QStringLiteral("must be 0 (no limit) or more"));
                    else
                        g.count = count;
                }
            } else if (key == QLatin1String("mix")) {
                readMix(v, keyPath, &g);
            } else if (key == QLatin1String("stamp")) {
                m_reader.readBool(v, keyPath, &g.stamp);
            } else {
                return false;
            }
            return true;
        });
        if (g.rate == 0 && g.count == 0 && node.IsMap()) {
            m_reader.warning(m_result->source.spotFor(path),
                             path + QStringLiteral(": rate 0 and no count: the generator sends nothing"));
        }
    }

    void readReplay(const YAML::Node &node, const QString &path)
    {
        ReplayConfig &r = m_result->config.replay;
        r = ReplayConfig();
        m_reader.readMapping(node, path, kReplayKeys, [&](const QString &key, const YAML::Node &v) {
            const QString keyPath = path + QLatin1Char('.') + key;
            if (key == QLatin1String("files")) {
                QStringList files;
                if (v.IsScalar()) {   // a single path needs no list
                    QString one;
                    if (m_reader.readString(v, keyPath, &one))
                        files << one;
                } else {
                    m_reader.readStringList(v, keyPath, &files);
                }
                for (int i = 0; i < files.size(); ++i)
                    files[i] = checkReplayPath(files.at(i), v.IsSequence() ? keyPath + QStringLiteral("[%1]").arg(i) : keyPath);
                files.removeAll(QString());
                r.files = files;
            } else if (key == QLatin1String("format")) {
                readChoice(v, keyPath, kReplayFormats, &r.format);
            } else if (key == QLatin1String("pace")) {
                readChoice(v, keyPath, kReplayPaces, &r.pace);
            } else {
                return false;
            }
            return true;
        });
    }

private:
    void readTestEndpoint(const YAML::Node &node, const QString &path, TestEndpointConfig *e)
    {
        m_reader.readMapping(node, path, kTestEndpointKeys, [&](const QString &key, const YAML::Node &v) {
            const QString keyPath = path + QLatin1Char('.') + key;
            if (key == QLatin1String("name")) {
                m_reader.readString(v, keyPath, &e->name);
            } else if (key == QLatin1String("listen")) {
                readTestListen(v, keyPath, &e->listen);
            } else if (key == QLatin1String("mode")) {
                // Names are checked where the receiver is built (src/sources): the list of modes
                // belongs to src/testing.
                if (m_reader.readString(v, keyPath, &e->mode) && e->mode.isEmpty())
                    m_reader.error(v, keyPath, QStringLiteral("needs a mode name (e.g. healthy, status, failrate, flap, downthenheal)"));
            } else if (key == QLatin1String("status")) {
                readBoundedInt(v, keyPath, 100, 999, &e->status);
            } else if (key == QLatin1String("body")) {
                m_reader.readString(v, keyPath, &e->body);
            } else if (key == QLatin1String("failrate")) {
                double rate = 0;
                if (readNumber(v, keyPath, &rate)) {
                    if (rate < 0 || rate > 1)
                        m_reader.error(v, keyPath, QStringLiteral("must be a fraction between 0 and 1 (0.3 fails 30%)"));
                    else
                        e->failRate = rate;
                }
            } else if (key == QLatin1String("seed")) {
                qint64 seed = 1;
                if (m_reader.readInt(v, keyPath, &seed)) {
                    if (seed < 0 || seed > std::numeric_limits<quint32>::max())
                        m_reader.error(v, keyPath, QStringLiteral("must be between 0 and 4294967295"));
                    else
                        e->seed = seed;
                }
            } else if (key == QLatin1String("delay")) {
                readNonNegativeDuration(v, keyPath, &e->delayNs);
            } else if (key == QLatin1String("latency")) {
                readChoice(v, keyPath, kLatencies, &e->latency);
            } else if (key == QLatin1String("delaymax")) {
                readNonNegativeDuration(v, keyPath, &e->delayMaxNs);
            } else if (key == QLatin1String("down")) {
                readNonNegativeDuration(v, keyPath, &e->downNs);
            } else if (key == QLatin1String("up")) {
                readNonNegativeDuration(v, keyPath, &e->upNs);
            } else if (key == QLatin1String("failcount")) {
                qint64 count = 0;
                if (m_reader.readInt(v, keyPath, &count)) {
                    if (count < 0 || count > std::numeric_limits<int>::max())
                        m_reader.error(v, keyPath, QStringLiteral("must be 0 or more"));
                    else
                        e->failCount = count;
                }
            } else if (key == QLatin1String("retryafter")) {
                m_reader.readString(v, keyPath, &e->retryAfter);
            } else if (key == QLatin1String("downstyle")) {
                readChoice(v, keyPath, kDownStyles, &e->downStyle);
            } else if (key == QLatin1String("strictmediatype")) {
                m_reader.readBool(v, keyPath, &e->strictMediaType);
            } else if (key == QLatin1String("requireheader")) {
                m_reader.readString(v, keyPath, &e->requireHeader);
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

    void readMix(const YAML::Node &node, const QString &path, GeneratorConfig *g)
    {
        if (node.IsScalar()) {
            readChoice(node, path, kProfiles, &g->mix);
            return;
        }
        g->mix = QStringLiteral("mixed");
        int *weights[] = {&g->pushWeight, &g->pullWeight, &g->mountWeight, &g->deleteWeight};
        for (int *w : weights)
            *w = 0;   // listed weights only: a mix of pushes and pulls has no mounts
        m_reader.readMapping(node, path, kMixKeys, [&](const QString &key, const YAML::Node &v) {
            const int i = int(kMixKeys.indexOf(key));
            if (i < 0)
                return false;
            readBoundedInt(v, path + QLatin1Char('.') + key, 0, 1000000, weights[i]);
            return true;
        });
        if (g->pushWeight + g->pullWeight + g->mountWeight + g->deleteWeight == 0)
            m_reader.error(node, path, QStringLiteral("needs at least one positive weight (push, pull, mount, delete)"));
    }

    bool readNumber(const YAML::Node &node, const QString &path, double *out)
    {
        const Resolved r = resolve(node);
        if (node.IsScalar() && r.kind == Resolved::Kind::Int) {
            *out = double(r.intValue);
            return true;
        }
        if (node.IsScalar() && r.kind == Resolved::Kind::Float && std::isfinite(r.floatValue)) {
            *out = r.floatValue;
            return true;
        }
        m_reader.error(node, path, QStringLiteral("expected a number, got ") + describe(node));
        return false;
    }

    void readBoundedInt(const YAML::Node &node, const QString &path, int low, int high, int *out)
    {
        qint64 value = 0;
        if (!m_reader.readInt(node, path, &value) || node.IsNull())
            return;
        if (value < low || value > high) {
            m_reader.error(node, path, QStringLiteral("%1 is outside %2..%3").arg(value).arg(low).arg(high));
            return;
        }
        *out = int(value);
    }

    void readNonNegativeDuration(const YAML::Node &node, const QString &path, qint64 *out)
    {
        qint64 ns = 0;
        if (!m_reader.readDuration(node, path, &ns))
            return;
        if (ns < 0) {
            m_reader.error(node, path, QStringLiteral("must not be negative"));
            return;
        }
        *out = ns;
    }

    void readChoice(const YAML::Node &node, const QString &path, const QStringList &choices, QString *out)
    {
        QString value;
        if (!m_reader.readString(node, path, &value) || node.IsNull())
            return;
        const QString lower = value.toLower();
        if (!choices.contains(lower)) {
            m_reader.error(node, path, QStringLiteral("unknown value \"%1\" (known: %2)").arg(value, choices.join(QStringLiteral(", "))));
            return;
        }
        *out = lower;
    }

    // Resolves against the configuration's folder and checks it is there; "" when refused.
    QString checkReplayPath(const QString &written, const QString &path)
    {
        if (written.isEmpty()) {
            m_reader.error(m_result->source.spotFor(path), path + QStringLiteral(": empty path"));
            return QString();
        }
        QString resolved = written;
        const QFileInfo configFile(m_reader.file());
        if (QFileInfo(written).isRelative() && configFile.exists())
            resolved = QDir::cleanPath(configFile.absoluteDir().filePath(written));
        if (!QFileInfo::exists(resolved)) {
            m_reader.error(m_result->source.spotFor(path),
                           QStringLiteral("%1: no such file or folder \"%2\"").arg(path, resolved));
            return QString();
        }
        return resolved;
    }

    Reader &m_reader;
    ConfigLoadResult *m_result;
};

} // namespace

bool readScenarioKey(Reader &reader, const QString &key, const YAML::Node &value,
                     ConfigLoadResult *result)
{
    ScenarioReader scenario(reader, result);
    const QString path = QStringLiteral("hookscope.") + key;
    if (key == QLatin1String("testendpoints"))
        scenario.readTestEndpoints(value, path);
    else if (key == QLatin1String("generator"))
        scenario.readGenerator(value, path);
    else if (key == QLatin1String("replay"))
        scenario.readReplay(value, path);
    else
        return false;
    return true;
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
