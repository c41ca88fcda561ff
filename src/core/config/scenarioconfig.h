#pragma once

#include "core/config/endpointconfig.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

namespace hookscope {

// hookscope.testendpoints[]: one built-in faulty receiver (src/testing) started with the app.
// Values are kept as written: the mode is a name and the behaviour is checked where the receiver
// is built (src/sources), because this layer must not depend on src/testing.
struct TestEndpointConfig
{
    QString name;
    QString listen = QStringLiteral("127.0.0.1:0");   // its own listener; port 0: any free port
    QString mode = QStringLiteral("healthy");        // TestEndpointBehaviour::modeFromName
    int status = 0;              // 0: the mode's default (200; 503 for failfirst)
    QString body;
    double failRate = 0.0;       // 0..1
    qint64 seed = 1;
    qint64 delayNs = 0;          // latency before every answer
    QString latency = QStringLiteral("fixed");       // fixed, uniform, lognormal
    qint64 delayMaxNs = 0;       // uniform's upper bound, lognormal's cap
    qint64 downNs = 0;           // flap, downthenheal
    qint64 upNs = 0;             // flap
    qint64 failCount = 0;        // failfirst
    QString retryAfter;          // Retry-After sent with every 4xx/5xx
    QString downStyle;           // shared-port down: reset (default) or close
    bool strictMediaType = false;
    QString requireHeader;       // "Name: value" or "Name"
    // Where the entry starts in the file (1-based; 0 when built in code), so errors found when the
    // receiver is built can still name the line. Not part of the content (operator== ignores it).
    int line = 0;

    bool operator==(const TestEndpointConfig &other) const;
    bool operator!=(const TestEndpointConfig &other) const { return !(*this == other); }
};

// hookscope.generator: synthetic registry traffic into every endpoint.
struct GeneratorConfig
{
    bool enabled = false;        // the section is present
    double rate = 5.0;           // events per second (average)
    int burst = 1;               // events submitted together; > 1: bursts at the same average rate
    QStringList repositories;    // empty: a built-in realistic set
    QStringList users;           // actor names ("" anonymous); empty: built-in
    qint64 seed = 0;             // 0: a different stream each run
    qint64 durationNs = 0;       // stop after this long; 0: run until shutdown
    qint64 count = 0;            // stop after this many events; 0: no limit
    QString mix = QStringLiteral("mixed");   // a profile: push, pull, mount, delete, mixed
    // Relative weights for "mixed" (mix: {push: 3, pull: 6, mount: 1, delete: 1}).
    int pushWeight = 3;
    int pullWeight = 6;
    int mountWeight = 1;
    int deleteWeight = 1;
    bool stamp = true;           // add the {"hookscope": {seq, stream}} member the receiver checks read

    bool operator==(const GeneratorConfig &other) const;
    bool operator!=(const GeneratorConfig &other) const { return !(*this == other); }
};

// hookscope.replay: envelopes from files or folders published at start.
struct ReplayConfig
{
    QStringList files;           // files or folders; relative paths are relative to the config file
    QString format = QStringLiteral("auto");      // auto, fixture, ndjson
    QString pace = QStringLiteral("fast");        // original (event timestamps) or fast

    bool isEmpty() const { return files.isEmpty(); }
    bool operator==(const ReplayConfig &other) const;
    bool operator!=(const ReplayConfig &other) const { return !(*this == other); }
};

// An endpoint url "testendpoint://NAME" points at hookscope.testendpoints' NAME; the runtime puts
// in the real URL once that receiver listens (its port may be chosen at start).
namespace TestEndpointUrl {
inline constexpr char Scheme[] = "testendpoint";
// True when `url` uses the scheme; *name is then the referenced test endpoint (may be empty).
bool parse(const QString &url, QString *name);
// Saving what runs: endpoints whose url was written as testendpoint://NAME run with the resolved
// http://127.0.0.1:PORT/t/NAME; while that is still what they point at, the written form is put
// back (ports of port-0 test endpoints change on every start).
void restoreReferences(QList<EndpointConfig> *running, const QList<EndpointConfig> &written);
// Puts the real URL in every endpoint written as testendpoint://NAME for which `served` knows one
// (an invalid QUrl: not served). Returns the names not served that enabled endpoints refer to,
// which would fail against a URL nothing listens on (disabled endpoints never send).
QStringList resolve(QList<EndpointConfig> *endpoints, const std::function<QUrl(const QString &name)> &served);
} // namespace TestEndpointUrl

} // namespace hookscope
