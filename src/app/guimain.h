#pragma once

#include "app/commandline.h"
#include "core/config/appconfig.h"

namespace hookscope {

// Runs the desktop window (QApplication) and returns the exit code.
int runGui(int argc, char *argv[], const CommandLine &commandLine, const AppConfig &config);

} // namespace hookscope
