#include "guimain.h"

#include "endpointtablemodel.h"
#include "mainwindow.h"
#include "registrywatcher.h"
#include "runtime.h"

#include <QApplication>
#include <QMessageBox>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

namespace hookscope {

int runGui(int argc, char *argv[], const CommandLine &commandLine, const AppConfig &config)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hookscope"));
    QApplication::setOrganizationName(QStringLiteral("hookscope"));
    QApplication::setApplicationVersion(QStringLiteral(HOOKSCOPE_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/hookscope.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.hookscope"));

    Runtime runtime;
    QString error;
    if (!runtime.start(config, &error)) {
        std::fprintf(stderr, "hookscope: %s\n", qPrintable(error));
        if (commandLine.screenshotPath.isEmpty())
            QMessageBox::critical(nullptr, QObject::tr("hookscope"), error);
        return 1;
    }
    // No configuration: the embedded demo, so a newcomer sees queues build, retry and drain at once.
    if (commandLine.demo || commandLine.configPath.isEmpty()) {
        if (!runtime.startDemo(&error))
            std::fprintf(stderr, "hookscope: %s\n", qPrintable(error));
    }
    MainWindow window(runtime.host(), config);
    if (runtime.demoRunning())
        window.setWindowTitle(QObject::tr("hookscope — embedded demo (generated traffic, built-in test endpoints)"));
    window.setIngestAddress(runtime.ingestAddress());
    window.setAdminAddress(runtime.adminAddress());
    window.endpointModel()->stuckDetector().setSettings({commandLine.stuckAfterMs, 5});
    window.registryWatcher()->setInterval(commandLine.attachIntervalMs);
    for (const QString &address : commandLine.attach) {
        if (!window.registryWatcher()->addRegistry(address, &error))
            std::fprintf(stderr, "hookscope: --attach: %s\n", qPrintable(error));
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
        std::fprintf(stderr, "hookscope: %s\n", qPrintable(problem.message));
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
    runtime.shutdown(commandLine.shutdownDeadlineMs);
    return code;
}

} // namespace hookscope
