#include "guimain.h"

#include <cstdio>

namespace hookscope {

int runGui(int, char *[], const CommandLine &, const AppConfig &)
{
    // The window arrives with the desktop-monitor work; until then the engine runs headless.
    std::fprintf(stderr, "hookscope: this build has no window yet; use --headless --config FILE\n");
    return 2;
}

} // namespace hookscope
