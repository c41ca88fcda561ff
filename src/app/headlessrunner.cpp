#include "app/headlessrunner.h"

#include "core/config/secretmask.h"
#include "core/engine/engine.h"
#include "core/engine/leftoverwriter.h"
#include "sources/registrywatcher.h"
#include "sources/runtime.h"
#include "sources/statusline.h"
#include "app/unixsignalwatcher.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTextStream>

#include <cstdio>

namespace hookscope {

namespace {

// Headless output lands in journald and CI logs: every line has its URLs masked on the way out
// (status lines quote last errors; an attach or scenario error may quote a URL).
void printLine(const QString &line)
{
    QTextStream out(stdout);
    out << QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) << ' ' << maskUrlsInText(line) << Qt::endl;
}

void printError(const QString &prefix, const QString &message)
{
    std::fprintf(stderr, "hookscope: %s%s\n", qPrintable(prefix), qPrintable(maskUrlsInText(message)));
}

} // namespace

HeadlessRunner::HeadlessRunner(const CommandLine &commandLine, const AppConfig &config, QObject *parent)
    : QObject(parent)
    , m_commandLine(commandLine)
    , m_config(config)
    , m_runtime(new Runtime(this))
    , m_watcher(new RegistryWatcher(this))
{
    m_watcher->setInterval(commandLine.attachIntervalMs);
    // Said when seen, not at the next status line: the events it lost are the news.
    connect(m_watcher, &RegistryWatcher::registryRestarted, this,
            [](const QString &, const QString &message) { printLine(message); });
    connect(&m_statusTimer, &QTimer::timeout, this, &HeadlessRunner::printStatus);
}

HeadlessRunner::~HeadlessRunner() = default;

int HeadlessRunner::exec()
{
    QString error;
    if (!m_runtime->start(m_config, &error)) {
        printError({}, error);
        return 1;
    }
    if (!m_runtime->replayPlan().isEmpty())
        printLine(m_runtime->replayPlan());   // before any refusal: what was skipped, and why
    // A scenario part that cannot start is an error here: CI runs a scenario to check it, and a
    // run without one of its receivers would check something else. 2: the file asks for
    // something impossible; 1: the machine refused (a port in use).
    const QList<ScenarioProblem> problems = m_runtime->scenarioProblems();
    if (!problems.isEmpty()) {
        bool configProblem = false;
        for (const ScenarioProblem &problem : problems) {
            printError({}, problem.message);
            configProblem = configProblem || problem.kind == ScenarioProblem::Config;
        }
        m_runtime->shutdown(0);
        return configProblem ? 2 : 1;
    }
    for (const QString &address : m_commandLine.attach) {
        if (!m_watcher->addRegistry(address, &error)) {
            printError(QStringLiteral("--attach: "), error);
            m_runtime->shutdown(0);
            return 2;
        }
    }
    if (m_commandLine.demo && !m_runtime->startDemo(&error)) {
        printError({}, error);
        m_runtime->shutdown(0);
        return 1;
    }
    m_runtime->host().call([](Engine &engine) { engine.publishNow(); });
    const auto snapshot = m_runtime->host().snapshot();
    printLine(QStringLiteral("hookscope %1 headless: %2 endpoint(s), ingest %3, admin %4")
                  .arg(QStringLiteral(HOOKSCOPE_VERSION))
                  .arg(snapshot->endpoints.size())
                  .arg(m_runtime->ingestAddress().isEmpty()
                           ? QStringLiteral("off")
                           : QStringLiteral("http://%1/events").arg(m_runtime->ingestAddress()),
                       m_runtime->adminAddress().isEmpty()
                           ? QStringLiteral("off")
                           : QStringLiteral("http://%1/debug/vars").arg(m_runtime->adminAddress())));
    UnixSignalWatcher watcher;
    connect(&watcher, &UnixSignalWatcher::terminationRequested, this, &HeadlessRunner::stop);
    if (m_commandLine.statusIntervalMs > 0)
        m_statusTimer.start(m_commandLine.statusIntervalMs);
    return QCoreApplication::exec();
}

void HeadlessRunner::printStatus()
{
    const auto snapshot = m_runtime->host().snapshot();
    // Headless operators read these lines, not the window: a journal that cannot write goes first.
    if (!snapshot->journalWritable)
        printLine(QStringLiteral("%1; ingest answers 503 until it writes again").arg(snapshot->journalError));
    for (const EndpointSnapshot &endpoint : snapshot->endpoints)
        printLine(formatStatusLine(endpoint));
    for (const EndpointSnapshot &endpoint : m_watcher->endpoints())
        printLine(formatStatusLine(endpoint));
    for (const ReceiverReport &receiver : m_runtime->receiverReport())
        printLine(receiver.toLine());
}

void HeadlessRunner::stop(int signalNumber)
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_statusTimer.stop();
    printLine(QStringLiteral("signal %1: closing ingest, draining queues for up to %2 ms")
                  .arg(signalNumber)
                  .arg(m_commandLine.shutdownDeadlineMs));
    const QMap<QString, qsizetype> left = m_runtime->shutdown(m_commandLine.shutdownDeadlineMs);
    const auto snapshot = m_runtime->host().snapshot();
    for (const EndpointSnapshot &endpoint : snapshot->endpoints)
        printLine(formatStatusLine(endpoint));
    for (const ReceiverReport &receiver : m_runtime->receiverReport())
        printLine(receiver.toLine());
    if (const QString replay = m_runtime->replaySummary(); !replay.isEmpty())
        printLine(replay);
    qsizetype total = 0;
    for (auto it = left.begin(); it != left.end(); ++it) {
        total += it.value();
        if (it.value() > 0)
            printLine(QStringLiteral("endpoint %1: %2 event(s) left undelivered").arg(it.key()).arg(it.value()));
    }
    reportLeftovers(total);
    QCoreApplication::exit(0);
}

// In durable mode the journal keeps what is left; in memory mode it is written to a file, since
// nothing else would keep it past the exit. A file that cannot be written still names every
// event on stderr: what ingest accepted is never lost without a word.
void HeadlessRunner::reportLeftovers(qsizetype left)
{
    if (!m_runtime->journalPath().isEmpty()) {
        printLine(left == 0 ? QStringLiteral("stopped: every queue drained")
                            : QStringLiteral("stopped: %1 event(s) kept in the journal %2, delivered after restart")
                                  .arg(left)
                                  .arg(m_runtime->journalPath()));
        return;
    }
    const QVector<Leftover> leftovers = m_runtime->leftovers();
    if (leftovers.isEmpty()) {
        printLine(QStringLiteral("stopped: every queue drained"));
        return;
    }
    const QString path = m_commandLine.leftoversPath.isEmpty() ? LeftoverWriter::defaultPath()
                                                               : m_commandLine.leftoversPath;
    QString error;
    if (LeftoverWriter::write(path, leftovers, &error)) {
        printLine(QStringLiteral("stopped: ") + LeftoverWriter::writtenNote(left, leftovers, path));
        return;
    }
    printLine(QStringLiteral("stopped: %1 event(s) left undelivered, NOT saved").arg(leftovers.size()));
    printError({}, error);
    for (const QString &line : LeftoverWriter::idListing(leftovers))
        printError(QStringLiteral("not saved: "), line);
}

} // namespace hookscope
