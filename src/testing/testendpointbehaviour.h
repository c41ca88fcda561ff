#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace hookscope {

// What a built-in test endpoint does with the next request. Plain value: edit a copy and hand it to
// TestEndpointServer::setBehaviour() while the endpoint runs.
//
// Mode names (modeName/modeFromName; configuration files use them, so they are stable):
//   healthy, status, failrate, down, hang, slow, flap, downthenheal, failfirst,
//   close, reset, slow-body, garbage.
// modeFromName() is case-insensitive and ignores '-' and '_', so "fail-rate", "down-then-heal",
// "fail_first" and "slowbody" name the same modes.
struct TestEndpointBehaviour
{
    // New modes go at the end: the numbering is the index of the name table.
    enum Mode {
        Healthy,        // 200
        Status,         // always `status` (with `body`)
        FailRate,       // a random 5xx for `failRate` of the requests (seeded), 200 otherwise
        Down,           // no answer at all; see DownStyle
        Hang,           // read the request, never answer; the client has to time out
        Slow,           // 200 after `delayMs`
        Flap,           // down for `downMs`, up for `upMs`, repeating; starts down
        DownThenHeal,   // down for `downMs` after start (or restartSchedule()), then healthy
        FailFirst,      // the first `failCount` requests get `status` (503 unless >= 400), then 200
        // Socket-level faults on every request, on whatever port the endpoint listens (unlike
        // Down, the listener stays open and accepts the connection first):
        CloseConnection, // "close": read the request, close without answering (FIN): clean EOF
        ResetConnection, // "reset": read the request, abort with a TCP RST: ECONNRESET
        SlowBody,       // 200 with a `bodyBytes` body: head at once, the body trickled over `bodyMs`
        Garbage,        // write `body` (or a default non-HTTP line) instead of a response, close
    };
    // How "down" looks to a client. An endpoint with its own port really stops listening, so the
    // client gets ECONNREFUSED and this is ignored. Endpoints sharing the server's port cannot
    // refuse one path only, so they do this to each request instead.
    enum DownStyle {
        Reset,          // TCP RST: ECONNRESET, the closest a shared listener gets to "refused"
        Close,          // clean EOF without a response
    };

    // How delayMs is drawn for each answer.
    enum Latency {
        Fixed,          // exactly delayMs
        Uniform,        // uniform in [delayMs, delayMaxMs]
        LogNormal,      // median delayMs, sigma 0.5 (a long right tail), capped at delayMaxMs
    };

    Mode mode = Healthy;
    int status = 200;             // Status mode
    QByteArray body;              // Status mode; empty: a short text body
    double failRate = 0.0;        // FailRate mode, 0..1
    quint32 seed = 1;             // FailRate draws; the same seed gives the same sequence of answers
    // Added before every answer in every answering mode (Slow requires it), so latency combines
    // with failures.
    int delayMs = 0;
    Latency latency = Fixed;
    int delayMaxMs = 0;           // Uniform's upper bound, LogNormal's cap (0: 10 x delayMs)
    int downMs = 0;               // Flap, DownThenHeal
    int upMs = 0;                 // Flap
    int failCount = 0;            // FailFirst; counted from start or restartSchedule()
    int bodyBytes = 4096;         // SlowBody: size of the answer's body, 1..16 MiB
    int bodyMs = 2000;            // SlowBody: time from the head to the body's last byte
    // Sent as Retry-After with every 4xx/5xx when set ("2", or an HTTP date): Status 429 with
    // this is the rate-limited receiver.
    QByteArray retryAfter;
    DownStyle downStyle = Reset;
    bool strictMediaType = false; // 415 unless Content-Type is the events v1 or v2 media type
    // "Name: value" requires that exact value, "Name" only its presence; 401 otherwise.
    QByteArray requireHeader;

    // Is the endpoint down this many ms after its schedule started? (Down mode is always down.)
    bool isDownAt(qint64 elapsedMs) const;
    // The delay of one answer; `uniform01` is a draw in [0, 1), `normal` one from N(0, 1).
    int drawDelayMs(double uniform01, double normal) const;
    // Ms from elapsedMs to the next down/up change; -1 when the state never changes again.
    qint64 msUntilTransition(qint64 elapsedMs) const;
    // SlowBody's trickle: bytes per chunk and ms between chunks (about 20 chunks a second).
    int slowBodyChunkBytes() const;
    int slowBodyChunkIntervalMs() const;
    // What Garbage writes: `body`, or a line no HTTP client can parse.
    QByteArray garbageBytes() const;
    // Empty when usable, else why not (an invalid status, a rate outside 0..1, ...).
    QString validate() const;

    static QString modeName(Mode mode);
    // Every mode, in enum order (for pickers and tests).
    static QList<Mode> allModes();
    // Case-insensitive inverse of modeName(); false for an unknown name.
    static bool modeFromName(const QString &name, Mode *mode);

    bool operator==(const TestEndpointBehaviour &o) const;
    bool operator!=(const TestEndpointBehaviour &o) const { return !(*this == o); }
};

} // namespace hookscope
