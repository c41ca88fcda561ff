#include "app/guimain.h"

#include "core/config/secretmask.h"
#include "core/engine/leftoverwriter.h"
#include "app/models/endpointtablemodel.h"
#include "app/widgets/mainwindow.h"
#include "sources/registrywatcher.h"
#include "sources/runtime.h"
#include "app/sessionjournal.h"

#include <QApplication>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QSettings>
#include <QTimer>

#include <cstdio>

namespace hookscope {

namespace {

// The runtime refused to start. A refused journal chosen as a preference would refuse every start
// and the window that changes it would never open: offer to forget it (the next start is then in
// memory). Either way this start ends here; nothing is overwritten.
void showStartRefusal(const QString &error, const SessionJournal &journal)
{
    QMessageBox box(QMessageBox::Critical, QObject::tr("hookscope"), error, QMessageBox::Close);
    QPushButton *forget = nullptr;
    if (journal.source == SessionJournal::Source::Preference)
        forget = box.addButton(QObject::tr("Forget this journal setting"), QMessageBox::DestructiveRole);
    box.exec();
    if (forget && box.clickedButton() == forget) {
        QSettings settings;
        setPreferredJournalPath(settings, QString());
    }
}

// The window has closed and the drain has ended (Runtime::shutdown). In memory mode what is left
// goes to the leftovers file, as in headless mode; the outcome is said on stderr and, unless the
// run is unattended (a screenshot), in a message box, since the window that could show it is
// gone. The write is one sequential file; the drain before it took longer.
void reportLeftovers(const Runtime &runtime, const CommandLine &commandLine, qsizetype left, bool demo)
{
    QString text;
    bool failed = false;
    if (!runtime.journalPath().isEmpty()) {
        if (left > 0)
            text = QObject::tr("%1 event(s) kept in the journal %2, delivered after restart")
                       .arg(left)
                       .arg(runtime.journalPath());
    } else if (!runtime.leftovers().isEmpty() && !demo) {   // the bare demo: generated, nobody's events
        const QVector<Leftover> leftovers = runtime.leftovers();
        const QString path
            = commandLine.leftoversPath.isEmpty() ? LeftoverWriter::defaultPath() : commandLine.leftoversPath;
        QString error;
        failed = !LeftoverWriter::write(path, leftovers, &error);
        text = failed ? error + QStringLiteral("\n") + LeftoverWriter::idListing(leftovers).join(QLatin1Char('\n'))
                      : LeftoverWriter::writtenNote(left, leftovers, path);
    }
    if (text.isEmpty())
        return;
    std::fprintf(stderr, "hookscope: %s\n", qPrintable(text));
    if (!commandLine.screenshotPath.isEmpty())
        return;
    if (failed)
        QMessageBox::warning(nullptr, QObject::tr("hookscope: undelivered events NOT saved"), text);
    else
        QMessageBox::information(nullptr, QObject::tr("hookscope: undelivered events"), text);
}

} // namespace

int runGui(int argc, char *argv[], const CommandLine &commandLine, const AppConfig &config)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hookscope"));
    QApplication::setOrganizationName(QStringLiteral("hookscope"));
    QApplication::setApplicationVersion(QStringLiteral(HOOKSCOPE_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/hookscope.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.hookscope"));

    // No configuration: the embedded demo, so a newcomer sees queues build, retry and drain at once.
    const bool demo = commandLine.demo || commandLine.configPath.isEmpty();
    // The configuration's hookscope.journal, else the operator's journal for new sessions.
    const SessionJournal journal = resolveSessionJournal(config, preferredJournalPath(QSettings()), demo);
    Runtime runtime;
    QString error;
    if (!runtime.start(applySessionJournal(config, journal), &error)) {
        error = sessionJournalRefusal(journal, error);
        std::fprintf(stderr, "hookscope: %s\n", qPrintable(maskUrlsInText(error)));
        if (commandLine.screenshotPath.isEmpty())
            showStartRefusal(error, journal);
        return 1;
    }
    if (demo) {
        if (!runtime.startDemo(&error))
            std::fprintf(stderr, "hookscope: %s\n", qPrintable(maskUrlsInText(error)));
    }
    // The configuration as loaded: saving it must not write the preference into the file.
    MainWindow window(runtime.host(), config);
    window.setSessionJournal(journal);
    if (runtime.demoRunning())
        window.setWindowTitle(QObject::tr("hookscope — embedded demo (generated traffic, built-in test endpoints)"));
    window.setTestEndpoints(runtime.testEndpoints());
    window.setIngestAddress(runtime.ingestAddress());
    window.setAdminAddress(runtime.adminAddress());
    window.endpointModel()->stuckDetector().setSettings({commandLine.stuckAfterMs, 5});
    window.registryWatcher()->setInterval(commandLine.attachIntervalMs);
    for (const QString &address : commandLine.attach) {
        if (!window.registryWatcher()->addRegistry(address, &error))
            std::fprintf(stderr, "hookscope: --attach: %s\n", qPrintable(maskUrlsInText(error)));
    }
    if (!commandLine.select.isEmpty()) {
        // Endpoints appear with the first snapshot; select once they are there.
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = QObject::connect(&runtime.host(), &EngineHost::snapshotUpdated, &window, [&window, once, name = commandLine.select] {
            if (window.endpointModel()->rowOf(name) < 0)
                return;
            window.selectEndpoint(name);
            QObject::disconnect(*once);
        }, Qt::QueuedConnection);
    }
    if (!commandLine.tab.isEmpty())
        window.showTab(commandLine.tab);
    window.show();
    // A test endpoint that did not start, a malformed replay file: said once, the rest runs.
    QStringList problems;
    for (const ScenarioProblem &problem : runtime.scenarioProblems()) {
        std::fprintf(stderr, "hookscope: %s\n", qPrintable(maskUrlsInText(problem.message)));
        problems << problem.message;
    }
    if (!problems.isEmpty() && commandLine.screenshotPath.isEmpty()) {
        QTimer::singleShot(0, &window, [&window, problems] {
            QMessageBox::warning(&window, QObject::tr("hookscope: scenario"),
                                 QObject::tr("Part of the configured scenario did not start; the rest runs.\n\n%1")
                                     .arg(problems.join(QLatin1Char('\n'))));
        });
    }

    if (!commandLine.screenshotPath.isEmpty()) {
        // Documentation and tests: let the queues move, render the window, save it, leave.
        QTimer::singleShot(commandLine.screenshotDelayMs, &window, [&window, &commandLine] {
            const QPixmap shot = window.grab();
            if (!shot.save(commandLine.screenshotPath)) {
                std::fprintf(stderr, "hookscope: cannot save screenshot to %s\n", qPrintable(commandLine.screenshotPath));
                QApplication::exit(1);
                return;
            }
            std::fprintf(stdout, "screenshot saved to %s\n", qPrintable(commandLine.screenshotPath));
            QApplication::exit(0);
        });
    }
    const int code = QApplication::exec();
    qsizetype left = 0;
    for (const qsizetype n : runtime.shutdown(commandLine.shutdownDeadlineMs))
        left += n;
    reportLeftovers(runtime, commandLine, left, commandLine.configPath.isEmpty());
    return code;
}

} // namespace hookscope
