// The driver for builds without libFuzzer (HOOKSCOPE_FUZZ off, e.g. gcc): runs the harness's
// LLVMFuzzerTestOneInput once on every file named on the command line and every regular file
// found below the directories named, in a stable order, plus the empty input (libFuzzer always
// tries it first). This is how the seed corpora run as ordinary ctest cases (fuzz.<target>).
// A path that does not exist fails the run, so a moved fixture cannot turn the test into a no-op.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

bool readFile(const std::filesystem::path &path, std::vector<uint8_t> *out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const fs::path path(argv[i]);
        std::error_code error;
        if (fs::is_directory(path, error)) {
            std::vector<fs::path> found;
            for (const auto &entry : fs::recursive_directory_iterator(path)) {
                if (entry.is_regular_file())
                    found.push_back(entry.path());
            }
            std::sort(found.begin(), found.end());
            inputs.insert(inputs.end(), found.begin(), found.end());
        } else if (fs::is_regular_file(path, error)) {
            inputs.push_back(path);
        } else {
            std::fprintf(stderr, "no such file or directory: %s\n", argv[i]);
            return 2;
        }
    }
    LLVMFuzzerTestOneInput(nullptr, 0);
    std::vector<uint8_t> bytes;
    for (const fs::path &path : inputs) {
        if (!readFile(path, &bytes)) {
            std::fprintf(stderr, "cannot read %s\n", path.c_str());
            return 2;
        }
        std::fprintf(stderr, "running %s (%zu bytes)\n", path.c_str(), bytes.size());
        // A null pointer for an empty file, as libFuzzer does not guarantee one either way.
        LLVMFuzzerTestOneInput(bytes.empty() ? nullptr : bytes.data(), bytes.size());
    }
    std::fprintf(stderr, "ran %zu inputs\n", inputs.size() + 1);
    return 0;
}
