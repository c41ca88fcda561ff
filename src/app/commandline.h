#pragma once

#include <QString>
#include <QStringList>

namespace hookscope {

// What the command line asked for. Parsing never exits the process itself so it can be tested.
struct CommandLine
{
    QString configPath;
    bool headless = false;
    bool lintOnly = false;
    bool demo = false;                 // force the embedded demo even with a config
    bool verbose = false;              // log every failed attempt (hookscope.*.debug)
    int statusIntervalMs = 10000;      // headless status lines; 0 = off
    int shutdownDeadlineMs = 5000;     // drain time on SIGINT/SIGTERM
    QString ingestListen;              // overrides hookscope.ingest.listen
    QString adminListen;               // overrides hookscope.admin.listen
    QString leftoversPath;             // in-memory mode: where shutdown writes what was not delivered
    bool journalReset = false;         // --journal-reset: move a journal missing data aside, start anew
    QString screenshotPath;            // GUI: render the window, save, exit
    int screenshotDelayMs = 1500;
    QString tab;                       // GUI: open this detail tab (Queue, Attempts, Statuses, Charts, Dead letters)
    QString select;                    // GUI: select this endpoint at start
    QStringList attach;                // registries to watch by debug address (host:port)
    int attachIntervalMs = 1000;
    int stuckAfterMs = 30000;          // floor of the stuck threshold (5 retry cycles if longer)

    enum class Action { Run, Help, Version, Error };
    Action action = Action::Run;
    QString text;                      // help/version text, or the error message

    static CommandLine parse(const QStringList &arguments);
};

} // namespace hookscope
