#pragma once

#include "core/base/clock.h"
#include "core/config/endpointconfig.h"
#include "core/base/attemptrecord.h"
#include "core/transport/httptransport.h"
#include "core/chain/sink.h"

#include <QObject>
#include <QStringList>
#include <QUrl>

#include <functional>

#include <memory>

class QNetworkAccessManager;

namespace hookscope {

class LeanHttpTransport;
class QnamHttpTransport;

// The registry's httpSink: exactly one POST per write, no retries of its own, with the request
// lines Go's client writes (GoRequestHeaders).
// Final status 200-399 is delivered (a 307 without Location included); any other status is a
// Failure; no response at all (refused, reset, DNS, TLS, timeout) is an Error. The timeout covers the
// exchange up to the response headers, as Go's client.Post does for the registry; the body, which the
// registry never reads, is only captured for the attempt log while it arrives in time.
// The bytes travel through an HttpTransport: LeanHttpTransport (default, http:// and https://), or
// QNAM for endpoints configured with `transport: qnam`. Its one report per write is final
// and carries the attempt's record.
class HttpSink final : public QObject, public Sink
{
    Q_OBJECT
public:
    struct Settings
    {
        QUrl url;
        QList<QPair<QString, QStringList>> headers;   // appended after our own, as the registry does
        int timeoutMs = 1000;
        HttpTransportKind transport = HttpTransportKind::Lean;
        std::shared_ptr<const TlsClientSettings> tls = nullptr;   // https:// only; null: system roots, verified
    };
    HttpSink(QNetworkAccessManager *network, Settings settings, QObject *parent = nullptr,
             Clock &clock = Clock::system());
    ~HttpSink() override;

    void setSettings(const Settings &settings);   // applies from the next attempt
    const Settings &settings() const { return m_settings; }

    void write(const EventBlock &block, Report report) override;
    void cancel(DeadLetterReason why = DeadLetterReason::Skipped) override;
    bool busy() const { return m_active != nullptr; }
    // The transport the next write uses (lean for http:// and https:// unless `transport: qnam`).
    bool usesLeanTransport() const;
    // Why no request can be made for the configured URL, in the words of Go's client
    // (`Post "ftp://h/x": unsupported protocol scheme "ftp"`); empty when the URL is usable.
    // Such an endpoint counts an Error per attempt, as the registry's does.
    const QString &urlProblem() const { return m_urlProblem; }

    // A body still arriving when the result was reported (the lean transport decides at the
    // headers) is handed here once read, for the attempt log: the attempt's sequence, the body as
    // the log keeps it (gzip decoded) and a note when reading stopped early.
    using BodyAmender = std::function<void(qint64 sequence, QByteArray body, QString note)>;
    void setBodyAmender(BodyAmender amender) { m_bodyAmender = std::move(amender); }

private:
    void prepareHeaders();
    HttpTransport *transportFor();
    void handleBodyTail(HttpBodyTail tail);
    QByteArray logBody(QByteArray body, bool gzip, QString *note) const;
    void handleFinished(HttpOutcome outcome);
    void handleTimeout();
    void complete(HttpOutcome outcome, bool timedOut);
    void finish(AttemptRecord record, SinkResult result);
    double elapsedMs() const { return double(m_clock.nowNs() - m_startedNs) / 1e6; }

    QNetworkAccessManager *m_network;
    Settings m_settings;
    Clock &m_clock;
    // Built once per settings change, not per POST.
    HttpRequestSpec m_request;
    HeaderList m_loggedHeaders;        // what the attempt log shows: configured values masked
    QString m_urlText;                 // masked (maskUrl): for the attempt log only
    QString m_urlProblem;
    BodyAmender m_bodyAmender;
    qint64 m_tailSequence = 0;         // the attempt whose body is still arriving
    bool m_tailGzip = false;
    LeanHttpTransport *m_lean = nullptr;     // children, created on first use
    QnamHttpTransport *m_qnam = nullptr;
    HttpTransport *m_active = nullptr;       // the transport of the attempt in flight
    Report m_report;
    std::unique_ptr<ClockTimer> m_timeout;
    qint64 m_startedNs = 0;           // clock time the attempt in flight started
    qint64 m_deadlineNs = 0;          // its timeout, on the clock
    qint64 m_armedUntilNs = 0;        // when the running timeout timer fires
    AttemptRecord m_current;
    qint64 m_sequence = 0;
};

} // namespace hookscope
