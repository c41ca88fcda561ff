#pragma once

#include "core/engine/endpointsnapshot.h"
#include "core/model/eventrecord.h"
#include "http/httplistener.h"

#include <QHostAddress>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace hookscope {

class HttpRequest;
class HttpResponder;
class HttpResponse;

// Address, port, request timeout and allowed hosts: see ListenerOptions.
struct IngestOptions : ListenerOptions
{
    QByteArray token;                        // empty: no authentication
    qint64 bodyLimit = 4 * 1024 * 1024;
    int idleTimeoutMs = 30000;
    // Each event needs a string id, an RFC 3339 timestamp, a string action and an object
    // target (400 naming the first bad one); off for senders that are not registries.
    bool validate = true;
    int maxEvents = 1000;                    // per envelope (the registry sends 1); 413 beyond
    // What keeps the process from accepting events (durable mode: "journal cannot write: ...");
    // empty when healthy. /healthz answers 503 with it. Unset: always healthy.
    std::function<QString()> healthProblem;
};

// The registry-facing receiver: registries point a notification endpoint at
// http://<listen>/events and hookscope relays what they send.
//
// Routes: POST /events (exactly that path: the registry posts to the configured URL as written,
// so accepting look-alike paths would only hide a typo in the registry's config), GET /healthz.
// Answers: 200 {"accepted": N} once submit() took the events; 400 malformed envelope or (validate)
// an event without its id/timestamp/action/target; 401 bad or missing token (when one is
// configured); 404 other paths; 405 other methods (with Allow); 408 request not in within the
// timeout; 413 body over the limit or more than maxEvents events; 415 Content-Type not
// v1/v2/application/json, or a Content-Encoding; 421 a Host this listener does not serve; 431 a
// request head over 64 KiB or 100 lines; 503 when submit() refuses (engine closed, journal cannot
// write), when every connection slot is busy, or when the body budget is spent (with
// Retry-After). Every error body is {"error": "..."}. Nothing of a refused envelope is queued.
// GET /healthz: 200 {"status": "ok"}, or 503 with options.healthProblem's reason.
// Everything but the envelope's validity is decided from the headers, before the body is read.
class IngestServer : public HttpListener
{
    Q_OBJECT
public:
    // Hands the events to the engine and reports, through `done`, exactly once, whether it took
    // them; the answer to the request waits for it. In-memory mode calls it at once ("accepted"
    // means "queued"); durable mode once the journal decided ("accepted" means "durable", at the
    // group commit many requests share). A refusal (engine closed, journal cannot write) carries
    // its reason.
    using SubmitDone = std::function<void(bool ok, const QString &error)>;
    using SubmitFunction = std::function<void(const EventBlock &, SubmitDone done)>;

    IngestServer(const IngestOptions &options, SubmitFunction submit, QObject *parent = nullptr);
    ~IngestServer() override;

    // start(), stop(), port(), listenAddress() ("127.0.0.1:5050"): see HttpListener.
    IngestStats stats() const;
    const IngestOptions &options() const { return m_options; }

Q_SIGNALS:
    void eventsAccepted(int count);
    // For the UI's log: a request was refused (status >= 400) and why.
    void requestRejected(int status, const QString &reason, const QHostAddress &peer);

private:
    std::optional<HttpResponse> checkHeaders(const HttpRequest &request);
    void handle(const HttpRequest &request, const HttpResponder &responder);
    HttpResponse reject(const HttpRequest &request, int status, const QString &reason);
    bool tokenMatches(const QByteArray &authorization) const;

    void accepted(const HttpResponder &responder, int count);

    IngestOptions m_options;
    SubmitFunction m_submit;
    IngestStats m_stats;
};

} // namespace hookscope
