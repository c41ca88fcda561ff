#pragma once

// Private to the config loader: typed values of hookscope's own scenario keys (test endpoints,
// generator, replay), which have ranges and choices the registry's keys do not.

#include "core/config/configyaml_p.h"

namespace hookscope::configyaml {

// Each reads one value through `reader`, recording an error (with the allowed range or choices)
// and leaving *out as it was when the value is unfit.
class ScenarioValues
{
public:
    explicit ScenarioValues(Reader &reader)
        : m_reader(reader)
    {
    }

    // An int or a finite float.
    bool readNumber(const YAML::Node &node, const QString &path, double *out);
    void readBoundedInt(const YAML::Node &node, const QString &path, int low, int high, int *out);
    // An integer in low..high; `message` (empty: "N is outside low..high") says what is allowed.
    // Returns true when *out was set. Unlike readBoundedInt a null value reads as 0.
    bool readIntWithin(const YAML::Node &node, const QString &path, qint64 low, qint64 high,
                       const QString &message, qint64 *out);
    // One of `choices` (lower case), matched case-insensitively; stored lower case.
    void readChoice(const YAML::Node &node, const QString &path, const QStringList &choices, QString *out);

private:
    Reader &m_reader;
};

// What a reader of one scenario section (test endpoints, generator, replay) works with: the YAML
// reader, the result it fills in and the typed values above.
class ScenarioSectionReader
{
public:
    ScenarioSectionReader(Reader &reader, ConfigLoadResult *result)
        : m_reader(reader)
        , m_result(result)
        , m_values(reader)
    {
    }

protected:
    Reader &m_reader;
    ConfigLoadResult *m_result;
    ScenarioValues m_values;
};

} // namespace hookscope::configyaml
