#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

namespace hookscope::test {

// The real `hookscope` binary run headless for end-to-end tests: started on a config file, its
// ingest and admin addresses read from the banner (the config listens on port 0, so the OS picks),
// its output (stdout and stderr merged) collected for the assertions and failure messages.
class HookscopeProcess
{
public:
    explicit HookscopeProcess(const QString &binary);
    HookscopeProcess(const HookscopeProcess &) = delete;
    HookscopeProcess &operator=(const HookscopeProcess &) = delete;

    // `--headless --config PATH --status-interval 0` plus `extra`; true once the banner named both
    // listeners. The config must have hookscope.ingest and hookscope.admin listeners.
    bool start(const QString &configPath, const QStringList &extra = {});
    // SIGTERM (a clean shutdown), then waits for the exit.
    bool stop(int timeoutMs = 20000);
    // SIGKILL, then waits for the exit.
    bool kill(int timeoutMs = 10000);

    QProcess process;
    QString output;
    QUrl ingest;   // http://127.0.0.1:PORT/events
    QUrl admin;    // http://127.0.0.1:PORT
    QUrl vars() const { return QUrl(admin.toString() + QStringLiteral("/debug/vars")); }
    // The process's XDG_STATE_HOME (a temporary folder of its own): default leftovers land here.
    QString stateHome() const { return m_state.path(); }

private:
    bool waitForExit(int timeoutMs);

    QString m_binary;
    QTemporaryDir m_state;
};

} // namespace hookscope::test
