#include "app/commandline.h"

#include "core/config/goduration.h"

#include <QCommandLineParser>

namespace hookscope {

namespace {

// Accepts Go durations ("10s", "500ms") and bare seconds ("10"), since people type both here.
bool parseInterval(const QString &text, int *ms, QString *error)
{
    bool isNumber = false;
    const double seconds = text.toDouble(&isNumber);
    if (isNumber && seconds >= 0) {
        *ms = int(seconds * 1000);
        return true;
    }
    QString durationError;
    const std::optional<qint64> ns = parseGoDuration(text, &durationError);
    if (!ns || *ns < 0) {
        *error = QStringLiteral("invalid duration \"%1\": %2").arg(text, durationError);
        return false;
    }
    *ms = int(*ns / 1'000'000);
    return true;
}

} // namespace

CommandLine CommandLine::parse(const QStringList &arguments)
{
    CommandLine result;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "hookscope runs, watches and debugs container-registry webhook notifications.\n"
        "It re-implements the Docker registry's notification dispatcher (registry 2.8.2 semantics)\n"
        "and shows every queue, pending count, blocking event and delivery attempt.\n\n"
        "Without --config it starts the embedded demo. The registry's own config.yml works as-is.\n"
        "Exit codes: 0 ok, 1 runtime failure (e.g. a listen address in use), 2 invalid config or usage."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help and exit."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Show the version and exit."));
    const QCommandLineOption config({QStringLiteral("c"), QStringLiteral("config")},
        QStringLiteral("Load FILE: a registry config.yml (notifications: section) plus an optional hookscope: section."),
        QStringLiteral("FILE"));
    const QCommandLineOption headless(QStringLiteral("headless"),
        QStringLiteral("Run the engine without a window until SIGINT/SIGTERM; print a status line per endpoint."));
    const QCommandLineOption lint(QStringLiteral("lint"),
        QStringLiteral("Check the --config file, print errors and warnings as file:line:column, and exit (0 clean, 1 warnings, 2 errors)."));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Start the embedded demo traffic and test endpoints."));
    const QCommandLineOption verbose(QStringLiteral("verbose"),
        QStringLiteral("Log every failed delivery attempt (as the registry does), not only status lines."));
    const QCommandLineOption statusInterval(QStringLiteral("status-interval"),
        QStringLiteral("Headless: print status lines every DURATION (e.g. 10s, 500ms; 0 turns them off). Default 10s."),
        QStringLiteral("DURATION"));
    const QCommandLineOption deadline(QStringLiteral("shutdown-deadline"),
        QStringLiteral("On SIGINT/SIGTERM, let queues drain for at most DURATION, then report what is left. Default 5s."),
        QStringLiteral("DURATION"));
    const QCommandLineOption ingest(QStringLiteral("ingest"),
        QStringLiteral("Listen for registry notifications on HOST:PORT (POST /events); overrides hookscope.ingest.listen."),
        QStringLiteral("HOST:PORT"));
    const QCommandLineOption admin(QStringLiteral("admin"),
        QStringLiteral("Serve /debug/vars and /metrics on HOST:PORT; overrides hookscope.admin.listen."),
        QStringLiteral("HOST:PORT"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QStringLiteral("GUI: render the main window after start-up, save it as FILE (PNG) and exit."),
        QStringLiteral("FILE"));
    const QCommandLineOption screenshotDelay(QStringLiteral("screenshot-delay"),
        QStringLiteral("GUI: wait DURATION before --screenshot (default 1.5s), so queues have moved."),
        QStringLiteral("DURATION"));
    const QCommandLineOption tab(QStringLiteral("tab"),
        QStringLiteral("GUI: open the NAME detail tab first (Queue, Attempts, Statuses, Charts, Dead letters, Test endpoints)."),
        QStringLiteral("NAME"));
    const QCommandLineOption select(QStringLiteral("select"),
        QStringLiteral("GUI: select endpoint NAME at start (default: the one in most trouble)."), QStringLiteral("NAME"));
    const QCommandLineOption attach(QStringLiteral("attach"),
        QStringLiteral("Watch a registry's notification queues through its debug address HOST:PORT "
                       "(its http.debug.addr: /debug/vars, or /metrics for registry v3). Repeatable."),
        QStringLiteral("HOST:PORT"));
    const QCommandLineOption attachInterval(QStringLiteral("attach-interval"),
        QStringLiteral("How often to poll watched registries (default 1s)."), QStringLiteral("DURATION"));
    const QCommandLineOption stuckAfter(QStringLiteral("stuck-after"),
        QStringLiteral("Call an endpoint stuck when it has pending events and no delivery for DURATION "
                       "(default 30s; never less than 5 of its backoff + timeout cycles)."),
        QStringLiteral("DURATION"));
    const QCommandLineOption journalReset(QStringLiteral("journal-reset"),
        QStringLiteral("Durable mode: when the journal is refused because committed data is missing (empty or missing "
                       "file, a deleted -wal, an older copy), move it aside to PATH.reset-TIMESTAMP (never deleted) "
                       "and start a new journal. An intact journal is left as it is."));
    parser.addOptions({help, version, config, headless, lint, demo, verbose, statusInterval, deadline, ingest,
                       admin, attach, attachInterval, stuckAfter, tab, select, screenshot, screenshotDelay,
                       journalReset});

    if (!parser.parse(arguments)) {
        result.action = Action::Error;
        result.text = parser.errorText();
        return result;
    }
    if (parser.isSet(help)) {
        result.action = Action::Help;
        // Parsed before any QCoreApplication exists, so name the program ourselves.
        result.text = parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("hookscope"));
        return result;
    }
    if (parser.isSet(version)) {
        result.action = Action::Version;
        result.text = QStringLiteral("hookscope " HOOKSCOPE_VERSION);
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.action = Action::Error;
        result.text = QStringLiteral("unexpected argument \"%1\" (did you mean --config %1?)")
                          .arg(parser.positionalArguments().first());
        return result;
    }
    result.configPath = parser.value(config);
    result.headless = parser.isSet(headless);
    result.lintOnly = parser.isSet(lint);
    result.demo = parser.isSet(demo);
    result.verbose = parser.isSet(verbose);
    result.ingestListen = parser.value(ingest);
    result.adminListen = parser.value(admin);
    result.journalReset = parser.isSet(journalReset);
    result.screenshotPath = parser.value(screenshot);
    result.tab = parser.value(tab);
    result.select = parser.value(select);
    result.attach = parser.values(attach);
    QString error;
    if ((parser.isSet(statusInterval) && !parseInterval(parser.value(statusInterval), &result.statusIntervalMs, &error))
        || (parser.isSet(deadline) && !parseInterval(parser.value(deadline), &result.shutdownDeadlineMs, &error))
        || (parser.isSet(screenshotDelay) && !parseInterval(parser.value(screenshotDelay), &result.screenshotDelayMs, &error))
        || (parser.isSet(attachInterval) && !parseInterval(parser.value(attachInterval), &result.attachIntervalMs, &error))
        || (parser.isSet(stuckAfter) && !parseInterval(parser.value(stuckAfter), &result.stuckAfterMs, &error))) {
        result.action = Action::Error;
        result.text = error;
        return result;
    }
    if (result.headless && result.configPath.isEmpty() && !result.demo && result.attach.isEmpty()) {
        result.action = Action::Error;
        result.text = QStringLiteral("--headless needs --config FILE (or --demo, or --attach HOST:PORT)");
        return result;
    }
    if (result.lintOnly && result.configPath.isEmpty()) {
        result.action = Action::Error;
        result.text = QStringLiteral("--lint needs --config FILE");
    }
    return result;
}

} // namespace hookscope
