#include "core/config/configlint.h"

#include "core/config/bytesize.h"
#include "core/config/goduration.h"
#include "core/config/listenaddress.h"
#include "core/config/secretmask.h"

#include <QHash>
#include <QHostAddress>

namespace hookscope {

namespace {

class Lint
{
public:
    Lint(const ConfigSourceMap &source)
        : m_source(source)
    {
    }

    void warn(const QString &path, const QString &message)
    {
        warnAt(m_source.spotFor(path), message);
    }

    // Lint output goes to terminals and CI logs: any URL a message quotes is masked.
    void warnAt(const SourceSpot &spot, const QString &message)
    {
        m_warnings.append({spot.file, spot.line, spot.column, maskUrlsInText(message)});
    }

    ConfigDiagnostics takeWarnings() { return std::move(m_warnings); }

private:
    const ConfigSourceMap &m_source;
    ConfigDiagnostics m_warnings;
};

QString endpointLabel(const EndpointConfig &endpoint, int index)
{
    if (endpoint.name.isEmpty())
        return endpointPath(index);
    return QStringLiteral("endpoint \"") + endpoint.name + QLatin1Char('"');
}

bool isRegistryAction(const QString &action)
{
    return action == QLatin1String("push") || action == QLatin1String("pull")
           || action == QLatin1String("delete") || action == QLatin1String("mount");
}

void lintListen(Lint &lint, const QString &path, const QString &address, const QString &what)
{
    QString host;
    if (address.isEmpty() || !splitListenAddress(address, &host, nullptr))
        return;
    if (!ConfigLint::isLoopbackHost(host)) {
        lint.warn(path, QStringLiteral("%1: %2 listens on \"%3\", which is not loopback: it is "
                                       "exposed to the network")
                            .arg(path, what, host));
    }
}

void lintEndpoint(Lint &lint, const EndpointConfig &e, int index)
{
    const QString path = endpointPath(index);
    const QString label = endpointLabel(e, index);
    if (e.name.isEmpty()) {
        lint.warn(path, path
                            + QStringLiteral(": no name (the registry documents it as required; "
                                             "metrics and logs will show an empty label)"));
    }
    if (e.timeoutNs < ConfigLint::kMinSensibleTimeoutNs) {
        lint.warn(
            path + QStringLiteral(".timeout"),
            QStringLiteral("%1: timeout %2 is under 10ms; almost every delivery will time out")
                .arg(label, formatGoDuration(e.timeoutNs)));
    }
    for (int i = 0; i < e.ignoreActions.size(); ++i) {
        const QString &action = e.ignoreActions.at(i);
        if (!isRegistryAction(action)) {
            lint.warn(path + QStringLiteral(".ignore.actions[") + QString::number(i)
                          + QLatin1Char(']'),
                      QStringLiteral("%1: ignore.actions has \"%2\", which is no registry action "
                                     "(push, pull, delete, mount); it never matches")
                          .arg(label, action));
        }
    }
    if (!e.ignoreActions.isEmpty() && e.allIgnoredMediaTypes().isEmpty()) {
        lint.warn(
            path + QStringLiteral(".ignore.actions"),
            QStringLiteral("%1: ignore.actions without any ignore.mediatypes: registry 2.8.2 "
                           "ignores this filter (distribution#2916), hookscope honours it, so "
                           "the two deliver different events")
                .arg(label));
    }
    for (const auto &header : e.headers) {
        if (header.second.isEmpty()) {
            lint.warn(path + QStringLiteral(".headers.") + header.first,
                      QStringLiteral("%1: header \"%2\" has no values and is not sent")
                          .arg(label, header.first));
        }
    }
    if (e.transport == HttpTransportKind::Qnam) {
        lint.warn(path + QStringLiteral(".transport"),
                  QStringLiteral("%1: transport qnam costs several times the CPU per POST and Qt "
                                 "re-sends a request once when a kept-alive connection drops before "
                                 "any response, so the receiver may see one attempt twice")
                      .arg(label));
    }
    if (e.retryPolicy == RetryPolicyKind::Exponential && e.expMaxNs < e.expBaseNs) {
        lint.warn(path + QStringLiteral(".retry.max"),
                  QStringLiteral("%1: retry.max %2 is below retry.base %3; every wait is %2")
                      .arg(label, formatGoDuration(e.expMaxNs), formatGoDuration(e.expBaseNs)));
    }
}

// Scenario settings that load but probably miss their point.
void lintScenario(Lint &lint, const AppConfig &config)
{
    QStringList referenced;
    for (const EndpointConfig &e : config.endpoints) {
        QString name;
        if (!e.disabled && TestEndpointUrl::parse(e.url, &name))
            referenced << name;
    }
    for (int i = 0; i < config.testEndpoints.size(); ++i) {
        const TestEndpointConfig &t = config.testEndpoints.at(i);
        if (!t.name.isEmpty() && !referenced.contains(t.name)) {
            lint.warn(QStringLiteral("hookscope.testendpoints[%1]").arg(i),
                      QStringLiteral("test endpoint \"%1\" is not the url of any enabled endpoint "
                                     "(url: testendpoint://%1), so hookscope sends it nothing")
                          .arg(t.name));
        }
        if (t.latency == QLatin1String("uniform") && t.delayMaxNs < t.delayNs) {
            lint.warn(QStringLiteral("hookscope.testendpoints[%1].delaymax").arg(i),
                      QStringLiteral("test endpoint \"%1\": uniform latency with delaymax below "
                                     "delay is refused at start")
                          .arg(t.name));
        }
    }
}

QString unknownKeyMessage(const ConfigSourceMap::UnknownKey &key)
{
    QString message = QStringLiteral("unknown key \"%1\", ignored").arg(key.path);
    if (key.path.startsWith(QLatin1String("notifications")))
        message += QStringLiteral(" (the registry ignores it too)");
    if (!key.suggestion.isEmpty()) {
        const QString leaf = key.path.mid(key.path.lastIndexOf(QLatin1Char('.')) + 1);
        if (leaf.compare(key.suggestion, Qt::CaseInsensitive) == 0)
            message += QStringLiteral("; did you mean \"%1\"? keys are case-sensitive")
                           .arg(key.suggestion);
        else
            message += QStringLiteral("; did you mean \"%1\"?").arg(key.suggestion);
    }
    return message;
}

} // namespace

bool ConfigLint::isLoopbackHost(const QString &host)
{
    QString bare = host;
    if (bare.startsWith(QLatin1Char('[')) && bare.endsWith(QLatin1Char(']')))
        bare = bare.mid(1, bare.size() - 2);
    if (bare.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(bare);
    return !address.isNull() && address.isLoopback();
}

ConfigDiagnostics ConfigLint::lint(const AppConfig &config, const ConfigSourceMap &source)
{
    Lint lint(source);

    for (const ConfigSourceMap::UnknownKey &key : source.unknownKeys)
        lint.warnAt(key.spot, unknownKeyMessage(key));

    for (const ConfigSourceMap::BareDuration &bare : source.bareDurations) {
        if (bare.nanoseconds == 0)
            continue; // 0 means "use the default" either way
        // A small bare number is almost always milliseconds or seconds without the unit; a large
        // one was probably meant as nanoseconds and only needs spelling out.
        const QString number
            = bare.written.isEmpty() ? QString::number(bare.nanoseconds) : bare.written;
        const QString advice
            = bare.nanoseconds > -1'000'000 && bare.nanoseconds < 1'000'000
                  ? QStringLiteral("write a unit, e.g. %1ms or %1s").arg(number)
                  : QStringLiteral("write %1 to say so").arg(formatGoDuration(bare.nanoseconds));
        lint.warnAt(bare.spot,
                    QStringLiteral("%1: %2 has no unit, so it means %3 (a bare number is "
                                   "nanoseconds; see Portus#1068); %4")
                        .arg(bare.path, number, formatGoDuration(bare.nanoseconds), advice));
    }

    QHash<QString, int> firstByName;
    for (int i = 0; i < config.endpoints.size(); ++i) {
        const EndpointConfig &endpoint = config.endpoints.at(i);
        lintEndpoint(lint, endpoint, i);
        if (endpoint.name.isEmpty())
            continue;
        const auto first = firstByName.constFind(endpoint.name);
        if (first == firstByName.constEnd()) {
            firstByName.insert(endpoint.name, i);
            continue;
        }
        const SourceSpot firstSpot = source.spotFor(endpointPath(first.value()));
        QString where = endpointPath(first.value());
        if (firstSpot.line > 0)
            where += QStringLiteral(" (line ") + QString::number(firstSpot.line) + QLatin1Char(')');
        lint.warn(
            endpointPath(i) + QStringLiteral(".name"),
            QStringLiteral("duplicate endpoint name \"%1\", also used by %2: metrics and logs "
                           "cannot tell them apart")
                .arg(endpoint.name, where));
    }

    lintScenario(lint, config);

    if (config.enabledEndpoints().isEmpty() && config.ingest.listen.isEmpty()) {
        lint.warn(QStringLiteral("notifications.endpoints"),
                  QStringLiteral("no enabled endpoints: nothing will be delivered"));
    }

    lintListen(lint, QStringLiteral("hookscope.ingest.listen"), config.ingest.listen,
               QStringLiteral("the ingest receiver"));
    lintListen(lint, QStringLiteral("hookscope.admin.listen"), config.admin.listen,
               QStringLiteral("the admin server (headers, metrics)"));
    if (!config.ingest.listen.isEmpty() && config.ingest.token.isEmpty()) {
        QString host;
        if (splitListenAddress(config.ingest.listen, &host, nullptr) && !isLoopbackHost(host)) {
            lint.warn(
                QStringLiteral("hookscope.ingest.listen"),
                QStringLiteral("hookscope.ingest: exposed without a token; anyone who reaches "
                               "it can inject events (set hookscope.ingest.token)"));
        }
    }
    if (config.attemptLogBudgetBytes < ConfigLint::kMinSensibleAttemptLogBudget) {
        lint.warn(QStringLiteral("hookscope.attemptlog.budget"),
                  QStringLiteral("hookscope.attemptlog.budget: %1 holds fewer than 16 full-size "
                                 "bodies (64KiB each); most attempts will be kept without theirs")
                      .arg(formatByteSize(config.attemptLogBudgetBytes)));
    }
    return lint.takeWarnings();
}

} // namespace hookscope
