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

// The options, each bound to the field it fills: one row per option, so the help text, the name
// and what is read back can never drift apart. Durations take Go's syntax or bare seconds.
struct FlagOption
{
    const char *name;
    const char *help;
    bool CommandLine::*field;
};

struct ValueOption
{
    const char *name;
    const char *valueName;
    const char *help;
    QString CommandLine::*field;
};

struct DurationOption
{
    const char *name;
    const char *help;
    int CommandLine::*field;
};

const FlagOption FlagOptions[] = {
    {"headless", "Run the engine without a window until SIGINT/SIGTERM; print a status line per endpoint.",
     &CommandLine::headless},
    {"lint",
     "Check the --config file, print errors and warnings as file:line:column, and exit "
     "(0 clean, 1 warnings, 2 errors).",
     &CommandLine::lintOnly},
    {"demo", "Start the embedded demo traffic and test endpoints.", &CommandLine::demo},
    {"verbose", "Log every failed delivery attempt (as the registry does), not only status lines.",
     &CommandLine::verbose},
    {"journal-reset",
     "Durable mode: when the journal is refused because committed data is missing (empty or missing "
     "file, a deleted -wal, an older copy), move it aside to PATH.reset-TIMESTAMP (never deleted) "
     "and start a new journal. An intact journal is left as it is.",
     &CommandLine::journalReset},
};

const ValueOption ValueOptions[] = {
    {"ingest", "HOST:PORT",
     "Listen for registry notifications on HOST:PORT (POST /events); overrides hookscope.ingest.listen.",
     &CommandLine::ingestListen},
    {"admin", "HOST:PORT", "Serve /debug/vars and /metrics on HOST:PORT; overrides hookscope.admin.listen.",
     &CommandLine::adminListen},
    {"leftovers", "FILE",
     "Without a journal: at shutdown, write every event still queued, in flight or dead-lettered to "
     "FILE, one NDJSON line each with its endpoint and the event's original JSON (replayable: "
     "replay format ndjson). Default $XDG_STATE_HOME/hookscope/leftovers-YYYYMMDD-HHMMSS.ndjson; "
     "no file when nothing is left.",
     &CommandLine::leftoversPath},
    {"screenshot", "FILE", "GUI: render the main window after start-up, save it as FILE (PNG) and exit.",
     &CommandLine::screenshotPath},
    {"tab", "NAME",
     "GUI: open the NAME detail tab first (Queue, Attempts, Statuses, Charts, Dead letters, Test endpoints).",
     &CommandLine::tab},
    {"select", "NAME", "GUI: select endpoint NAME at start (default: the one in most trouble).", &CommandLine::select},
};

const DurationOption DurationOptions[] = {
    {"status-interval", "Headless: print status lines every DURATION (e.g. 10s, 500ms; 0 turns them off). Default 10s.",
     &CommandLine::statusIntervalMs},
    {"shutdown-deadline",
     "On SIGINT/SIGTERM, let queues drain for at most DURATION, then report what is left. Default 5s.",
     &CommandLine::shutdownDeadlineMs},
    {"screenshot-delay", "GUI: wait DURATION before --screenshot (default 1.5s), so queues have moved.",
     &CommandLine::screenshotDelayMs},
    {"attach-interval", "How often to poll watched registries (default 1s).", &CommandLine::attachIntervalMs},
    {"stuck-after",
     "Call an endpoint stuck when it has pending events and no delivery for DURATION "
     "(default 30s; never less than 5 of its backoff + timeout cycles).",
     &CommandLine::stuckAfterMs},
};

CommandLine failure(const QString &text)
{
    CommandLine result;
    result.action = CommandLine::Action::Error;
    result.text = text;
    return result;
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
    const QCommandLineOption attach(QStringLiteral("attach"),
        QStringLiteral("Watch a registry's notification queues through its debug address HOST:PORT "
                       "(its http.debug.addr: /debug/vars, or /metrics for registry v3). Repeatable."),
        QStringLiteral("HOST:PORT"));
    parser.addOptions({help, version, config, attach});
    for (const FlagOption &o : FlagOptions)
        parser.addOption(QCommandLineOption(QString::fromLatin1(o.name), QString::fromLatin1(o.help)));
    for (const ValueOption &o : ValueOptions)
        parser.addOption(QCommandLineOption(QString::fromLatin1(o.name), QString::fromLatin1(o.help),
                                            QString::fromLatin1(o.valueName)));
    for (const DurationOption &o : DurationOptions)
        parser.addOption(QCommandLineOption(QString::fromLatin1(o.name), QString::fromLatin1(o.help),
                                            QStringLiteral("DURATION")));

    if (!parser.parse(arguments))
        return failure(parser.errorText());
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
    if (!parser.positionalArguments().isEmpty())
        return failure(QStringLiteral("unexpected argument \"%1\" (did you mean --config %1?)")
                           .arg(parser.positionalArguments().first()));
    result.configPath = parser.value(config);
    result.attach = parser.values(attach);
    for (const FlagOption &o : FlagOptions)
        result.*o.field = parser.isSet(QString::fromLatin1(o.name));
    for (const ValueOption &o : ValueOptions)
        result.*o.field = parser.value(QString::fromLatin1(o.name));
    for (const DurationOption &o : DurationOptions) {
        const QString name = QString::fromLatin1(o.name);
        QString error;
        if (parser.isSet(name) && !parseInterval(parser.value(name), &(result.*o.field), &error))
            return failure(QStringLiteral("--%1: %2").arg(name, error));
    }
    if (result.headless && result.configPath.isEmpty() && !result.demo && result.attach.isEmpty())
        return failure(QStringLiteral("--headless needs --config FILE (or --demo, or --attach HOST:PORT)"));
    if (result.lintOnly && result.configPath.isEmpty())
        return failure(QStringLiteral("--lint needs --config FILE"));
    return result;
}

} // namespace hookscope
