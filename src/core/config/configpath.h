#pragma once

#include <QString>

namespace hookscope {

// Every path a configuration file names (hookscope.journal, hookscope.replay.files) means a place
// next to that file, not next to wherever hookscope happened to be started: a relative one is
// resolved against the file's folder when the file is read. Paths given on the command line stay
// relative to the working directory, as for any other program.
//
// `written` unchanged when it is empty or absolute, or when `configFile` is no file on disk (a
// string loaded in a test, an environment override): there is no folder to resolve against then.
QString resolveConfigPath(const QString &configFile, const QString &written);

} // namespace hookscope
