#include "sources/testendpointspec.h"

#include "core/config/listenaddress.h"

#include <QStringList>

#include <limits>

namespace hookscope {

namespace {

QString knownModes()
{
    QStringList names;
    // Walk the enum through modeName() until it stops naming modes, so modes added in src/testing
    // show up here without a change.
    for (int i = 0; i < 64; ++i) {
        const QString name = TestEndpointBehaviour::modeName(TestEndpointBehaviour::Mode(i));
        if (name == QLatin1String("unknown"))
            break;
        names << name;
    }
    return names.join(QStringLiteral(", "));
}

int toMs(qint64 ns)
{
    return int(qMin<qint64>(ns / 1'000'000, std::numeric_limits<int>::max()));
}

} // namespace

QString TestEndpointSpec::label(const TestEndpointConfig &config, const QString &sourceFile)
{
    QString where;
    if (!sourceFile.isEmpty())
        where = config.line > 0 ? QStringLiteral("%1:%2: ").arg(sourceFile).arg(config.line)
                                : sourceFile + QStringLiteral(": ");
    return where + QStringLiteral("test endpoint ") + config.name;
}

bool TestEndpointSpec::toBehaviour(const TestEndpointConfig &config,
                                   TestEndpointBehaviour *behaviour, QString *error)
{
    TestEndpointBehaviour b;
    if (!TestEndpointBehaviour::modeFromName(config.mode, &b.mode)) {
        *error = QStringLiteral("unknown mode \"%1\" (known: %2)").arg(config.mode, knownModes());
        return false;
    }
    if (config.status != 0)
        b.status = config.status;
    else if (b.mode == TestEndpointBehaviour::FailFirst)
        b.status = 503;
    b.body = config.body.toUtf8();
    b.failRate = config.failRate;
    b.seed = quint32(config.seed);
    b.delayMs = toMs(config.delayNs);
    if (config.latency == QLatin1String("uniform"))
        b.latency = TestEndpointBehaviour::Uniform;
    else if (config.latency == QLatin1String("lognormal"))
        b.latency = TestEndpointBehaviour::LogNormal;
    b.delayMaxMs = toMs(config.delayMaxNs);
    b.downMs = toMs(config.downNs);
    b.upMs = toMs(config.upNs);
    b.failCount = int(qMin<qint64>(config.failCount, std::numeric_limits<int>::max()));
    b.retryAfter = config.retryAfter.toUtf8();
    if (config.downStyle == QLatin1String("close"))
        b.downStyle = TestEndpointBehaviour::Close;
    b.strictMediaType = config.strictMediaType;
    b.requireHeader = config.requireHeader.toUtf8();
    // Parameters a mode needs but were left out are worth a word before validate()'s generic one.
    if ((b.mode == TestEndpointBehaviour::Flap || b.mode == TestEndpointBehaviour::DownThenHeal)
        && b.downMs <= 0) {
        *error = QStringLiteral("mode %1 needs down: (how long it refuses connections, e.g. 5s)")
                     .arg(config.mode);
        return false;
    }
    if (b.mode == TestEndpointBehaviour::Flap && b.upMs <= 0) {
        *error = QStringLiteral("mode flap needs up: (how long it answers between outages)");
        return false;
    }
    const QString problem = b.validate();
    if (!problem.isEmpty()) {
        *error = problem;
        return false;
    }
    *behaviour = b;
    return true;
}

bool TestEndpointSpec::port(const TestEndpointConfig &config, quint16 *port, QString *error)
{
    QString host;
    int number = 0;
    const QString listen = config.listen.isEmpty() ? QStringLiteral("127.0.0.1:0") : config.listen;
    if (!splitListenAddress(listen, &host, &number) || number < 0 || number > 65535
        || (host != QLatin1String("127.0.0.1")
            && host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) != 0)) {
        *error = QStringLiteral("listen \"%1\" is not 127.0.0.1:PORT").arg(listen);
        return false;
    }
    *port = quint16(number);
    return true;
}

} // namespace hookscope
