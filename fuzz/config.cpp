// Fuzzes reading a configuration file: ConfigLoader::loadString (yaml-cpp, the schema walk that
// mirrors registry 2.8.2's yaml.v2 decoding, hookscope's keys, the lint), which is what --config,
// --lint and File -> Open run on a file someone handed us.
//
// Invariants, beyond "no crash, no sanitizer report, no escaped exception":
// - Every diagnostic names the file and has a message; lines and columns are not negative.
// - The writer round trip: a configuration that loads without errors, written by ConfigWriter and
//   read back, loads without errors to an equal configuration (AppConfig::operator==), and writing
//   that again gives the same YAML (File -> Save then File -> Open changes nothing).

#include "fuzzcheck.h"

#include "core/config/configloader.h"
#include "core/config/configwriter.h"

#include <cstdint>
#include <string>

using namespace hookscope;

namespace {

const QString SourceName = QStringLiteral("fuzz-config.yml");

void checkDiagnostics(const ConfigDiagnostics &diagnostics)
{
    for (const ConfigDiagnostic &d : diagnostics) {
        FUZZ_CHECK(!d.file.isEmpty(), "a diagnostic names its file");
        FUZZ_CHECK(!d.message.isEmpty(), "a diagnostic says what is wrong");
        FUZZ_CHECK(d.line >= 0 && d.column >= 0, "no negative positions");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray yaml(reinterpret_cast<const char *>(data), qsizetype(size));
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, SourceName);
    checkDiagnostics(result.errors);
    checkDiagnostics(result.warnings);
    if (!result.ok())
        return 0;

    const QByteArray written = ConfigWriter::toYaml(result.config);
    const ConfigLoadResult again = ConfigLoader::loadString(written, SourceName);
    if (!again.ok()) {
        const std::string text = written.toStdString() + "\n  first error: "
                                 + again.errors.first().message.toStdString();
        FUZZ_CHECK(again.ok(), text.c_str());
    }
    if (again.config != result.config) {
        const std::string text = written.toStdString();
        FUZZ_CHECK(again.config == result.config, text.c_str());
    }
    FUZZ_CHECK(ConfigWriter::toYaml(again.config) == written, "writing is a fixed point");
    return 0;
}
