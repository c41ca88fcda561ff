#include "hookscopeprocess.h"

#include "spinuntil.h"

#include <QRegularExpression>

#include <csignal>

namespace hookscope::test {

HookscopeProcess::HookscopeProcess(const QString &binary)
    : m_binary(binary)
{
    // Shutdown writes in-memory leftovers under $XDG_STATE_HOME: a test's go to its own folder,
    // never to the home directory of whoever runs the suite.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_STATE_HOME"), m_state.path());
    process.setProcessEnvironment(environment);
}

bool HookscopeProcess::start(const QString &configPath, const QStringList &extra)
{
    output.clear();
    process.setProgram(m_binary);
    process.setArguments(QStringList{QStringLiteral("--headless"), QStringLiteral("--config"), configPath,
                                     QStringLiteral("--status-interval"), QStringLiteral("0")}
                         + extra);
    process.setProcessChannelMode(QProcess::MergedChannels);
    QObject::connect(&process, &QProcess::readyRead, &process,
                     [this] { output += QString::fromUtf8(process.readAll()); });
    process.start();
    if (!process.waitForStarted(5000))
        return false;
    // The banner names the addresses the OS picked for port 0.
    const QRegularExpression banner(
        QStringLiteral("ingest (http://[0-9.:]+)/events, admin (http://[0-9.:]+)/debug/vars"));
    QRegularExpressionMatch match;
    const bool up = spinUntil([&] {
        match = banner.match(output);
        return match.hasMatch() || process.state() == QProcess::NotRunning;
    }, 20000);
    if (!up || !match.hasMatch())
        return false;
    ingest = QUrl(match.captured(1) + QStringLiteral("/events"));
    admin = QUrl(match.captured(2));
    return true;
}

bool HookscopeProcess::stop(int timeoutMs)
{
    ::kill(pid_t(process.processId()), SIGTERM);
    return waitForExit(timeoutMs);
}

bool HookscopeProcess::kill(int timeoutMs)
{
    ::kill(pid_t(process.processId()), SIGKILL);
    return waitForExit(timeoutMs);
}

bool HookscopeProcess::waitForExit(int timeoutMs)
{
    return spinUntil([&] { return process.state() == QProcess::NotRunning; }, timeoutMs);
}

} // namespace hookscope::test
