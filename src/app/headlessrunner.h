#pragma once

#include "app/commandline.h"
#include "core/config/appconfig.h"

#include <QObject>
#include <QTimer>

namespace hookscope {

class RegistryWatcher;
class Runtime;

// --headless: the engine with no window. Prints where it listens, a status line per endpoint at the
// status interval, and on SIGINT/SIGTERM drains within the deadline and reports what was left.
class HeadlessRunner final : public QObject
{
    Q_OBJECT
public:
    HeadlessRunner(const CommandLine &commandLine, const AppConfig &config, QObject *parent = nullptr);
    ~HeadlessRunner() override;

    // Returns the process exit code once the event loop has run (see main.cpp).
    int exec();

private:
    void printStatus();
    void stop(int signalNumber);
    void reportLeftovers(qsizetype left);

    CommandLine m_commandLine;
    AppConfig m_config;
    Runtime *m_runtime;
    RegistryWatcher *m_watcher;
    QTimer m_statusTimer;
    bool m_stopping = false;
};

} // namespace hookscope
