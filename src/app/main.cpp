// hookscope's composition root: parse the command line, load the configuration, then run the
// engine headless or under the window.
#include "app/commandline.h"
#include "core/config/configloader.h"
#include "app/headlessrunner.h"
#include "app/logmasking.h"
#ifdef HOOKSCOPE_HAVE_GUI
#include "app/guimain.h"
#endif

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QProcessEnvironment>

#include <cstdio>

using namespace hookscope;

namespace {

void printDiagnostics(const QList<ConfigDiagnostic> &diagnostics, const char *kind)
{
    for (const ConfigDiagnostic &d : diagnostics)
        std::fprintf(stderr, "%s\n", qPrintable(d.toString(QLatin1String(kind))));
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const CommandLine commandLine = CommandLine::parse(arguments);
    switch (commandLine.action) {
    case CommandLine::Action::Help:
    case CommandLine::Action::Version:
        std::fprintf(stdout, "%s\n", qPrintable(commandLine.text));
        return 0;
    case CommandLine::Action::Error:
        std::fprintf(stderr, "hookscope: %s\nTry 'hookscope --help'.\n", qPrintable(commandLine.text));
        return 2;
    case CommandLine::Action::Run:
        break;
    }

    // Log lines never show a URL's password or token, whoever logs them.
    LogMasking::install();
    // Per-attempt lines are for --verbose; QT_LOGGING_RULES still overrides this.
    if (!commandLine.verbose)
        QLoggingCategory::setFilterRules(QStringLiteral("hookscope.*.debug=false"));

    AppConfig config;
    if (!commandLine.configPath.isEmpty()) {
        // The registry honours REGISTRY_NOTIFICATIONS_* overrides; so do we.
        const ConfigLoadResult loaded
            = ConfigLoader::loadFile(commandLine.configPath, QProcessEnvironment::systemEnvironment());
        printDiagnostics(loaded.errors, "error");
        printDiagnostics(loaded.warnings, "warning");
        if (commandLine.lintOnly) {
            if (loaded.errors.isEmpty() && loaded.warnings.isEmpty())
                std::fprintf(stdout, "%s: ok\n", qPrintable(commandLine.configPath));
            return !loaded.errors.isEmpty() ? 2 : (!loaded.warnings.isEmpty() ? 1 : 0);
        }
        if (!loaded.errors.isEmpty()) {
            std::fprintf(stderr, "hookscope: %s refused (%lld error(s))\n", qPrintable(commandLine.configPath),
                         static_cast<long long>(loaded.errors.size()));
            return 2;
        }
        config = loaded.config;
    }
    if (!commandLine.ingestListen.isEmpty())
        config.ingest.listen = commandLine.ingestListen;
    if (!commandLine.adminListen.isEmpty())
        config.admin.listen = commandLine.adminListen;
    config.journalReset = commandLine.journalReset;

#ifdef HOOKSCOPE_HAVE_GUI
    if (!commandLine.headless)
        return runGui(argc, argv, commandLine, config);
#else
    // A build without the window (-DHOOKSCOPE_BUILD_GUI=OFF) has one way to run; say so rather
    // than refuse, so `hookscope` alone still starts the demo.
    if (!commandLine.headless)
        std::fprintf(stderr, "hookscope: this build has no window (HOOKSCOPE_BUILD_GUI=OFF); running headless\n");
#endif
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hookscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKSCOPE_VERSION));
    HeadlessRunner runner(commandLine, config);
    return runner.exec();
}
