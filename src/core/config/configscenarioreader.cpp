// hookscope's scenario keys: hookscope.generator and .replay here, .testendpoints in
// configtestendpointreader.cpp.
#include "core/config/configreader_p.h"

#include "core/config/configscenariovalues_p.h"
#include "core/config/configpath.h"
#include "core/config/configtestendpointreader_p.h"

#include <QFileInfo>

#include <limits>

namespace hookscope::configyaml {

namespace {

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
const QStringList kReplayKeys
    = {QStringLiteral("files"), QStringLiteral("format"), QStringLiteral("pace")};
const QStringList kReplayFormats
    = {QStringLiteral("auto"), QStringLiteral("fixture"), QStringLiteral("ndjson")};
const QStringList kReplayPaces = {QStringLiteral("original"), QStringLiteral("fast")};

class ScenarioReader : public ScenarioSectionReader
{
public:
    using ScenarioSectionReader::ScenarioSectionReader;

    void readGenerator(const YAML::Node &node, const QString &path)
    {
        GeneratorConfig &g = m_result->config.generator;
        g = GeneratorConfig();
        g.enabled = true;   // the section's presence turns it on; rate: 0 sends bursts/count only
        m_reader.readMapping(node, path, kGeneratorKeys, [&](const QString &key, const YAML::Node &v) {
            const QString keyPath = path + QLatin1Char('.') + key;
            if (key == QLatin1String("rate")) {
                double rate = 0;
                if (m_values.readNumber(v, keyPath, &rate)) {
                    if (rate < 0 || rate > 100000)
                        m_reader.error(v, keyPath, QStringLiteral("must be between 0 and 100000 events per second"));
                    else
                        g.rate = rate;
                }
            } else if (key == QLatin1String("burst")) {
                m_values.readBoundedInt(v, keyPath, 1, 100000, &g.burst);
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
                m_reader.readNonNegativeDuration(v, keyPath, &g.durationNs);
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
                m_values.readChoice(v, keyPath, kReplayFormats, &r.format);
            } else if (key == QLatin1String("pace")) {
                m_values.readChoice(v, keyPath, kReplayPaces, &r.pace);
            } else {
                return false;
            }
            return true;
        });
    }

private:
    void readMix(const YAML::Node &node, const QString &path, GeneratorConfig *g)
    {
        if (node.IsScalar()) {
            m_values.readChoice(node, path, kProfiles, &g->mix);
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
            m_values.readBoundedInt(v, path + QLatin1Char('.') + key, 0, 1000000, weights[i]);
            return true;
        });
        if (g->pushWeight + g->pullWeight + g->mountWeight + g->deleteWeight == 0)
            m_reader.error(node, path, QStringLiteral("needs at least one positive weight (push, pull, mount, delete)"));
    }

    // Resolves against the configuration's folder and checks it is there; "" when refused.
    QString checkReplayPath(const QString &written, const QString &path)
    {
        if (written.isEmpty()) {
            m_reader.error(m_result->source.spotFor(path), path + QStringLiteral(": empty path"));
            return QString();
        }
        const QString resolved = resolveConfigPath(m_reader.file(), written);
        if (!QFileInfo::exists(resolved)) {
            m_reader.error(m_result->source.spotFor(path),
                           QStringLiteral("%1: no such file or folder \"%2\"").arg(path, resolved));
            return QString();
        }
        return resolved;
    }
};

} // namespace

bool readScenarioKey(Reader &reader, const QString &key, const YAML::Node &value,
                     ConfigLoadResult *result)
{
    ScenarioReader scenario(reader, result);
    const QString path = QStringLiteral("hookscope.") + key;
    if (key == QLatin1String("testendpoints"))
        readTestEndpoints(reader, value, path, result);
    else if (key == QLatin1String("generator"))
        scenario.readGenerator(value, path);
    else if (key == QLatin1String("replay"))
        scenario.readReplay(value, path);
    else
        return false;
    return true;
}

} // namespace hookscope::configyaml
