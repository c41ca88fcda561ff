#pragma once

#include "core/config/endpointconfig.h"
#include "core/base/attemptrecord.h"
#include "core/transport/httptransport.h"
#include "core/chain/sink.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace hookscope {

class LeanHttpTransport;
class QnamHttpTransport;

// The registry's httpSink: exactly one POST per write, no retries of its own.
// Final status 200-399 is delivered (a 307 without Location included); any other status is a
// Failure; no response at all (refused, reset, DNS, TLS, timeout) is an Error. The timeout covers the
// exchange up to the response headers, as Go's client.Post does for the registry; the body, which the
// registry never reads, is only captured for the attempt log while it arrives in time.
// The bytes travel through an HttpTransport: LeanHttpTransport for http:// (default), QNAM for
// https:// and for endpoints configured with `transport: qnam`.
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
    };
    using AttemptObserver = std::function<void(const AttemptRecord &)>;

    HttpSink(QNetworkAccessManager *network, Settings settings, QObject *parent = nullptr);
    ~HttpSink() override;

    void setSettings(const Settings &settings);   // applies from the next attempt
    const Settings &settings() const { return m_settings; }
    void setAttemptObserver(AttemptObserver observer) { m_observer = std::move(observer); }

    void write(const EventBlock &block, Done done) override;
    void cancel() override;
    bool busy() const { return m_active != nullptr; }
    // The transport the next write uses (https always QNAM).
    bool usesLeanTransport() const;

    static constexpr char UserAgent[] = "hookscope/" HOOKSCOPE_VERSION;

private:
    void prepareHeaders();
    HttpTransport *transportFor();
    void handleFinished(HttpOutcome outcome);
    void handleTimeout();
    void complete(HttpOutcome outcome, bool timedOut);
    void finish(AttemptRecord record, SinkResult result);

    QNetworkAccessManager *m_network;
    Settings m_settings;
    AttemptObserver m_observer;
    // Built once per settings change, not per POST.
    HttpRequestSpec m_request;
    HeaderList m_loggedHeaders;        // what the attempt log shows: configured values masked
    QString m_urlText;                 // masked (maskUrl): for the attempt log only
    LeanHttpTransport *m_lean = nullptr;     // children, created on first use
    QnamHttpTransport *m_qnam = nullptr;
    HttpTransport *m_active = nullptr;       // the transport of the attempt in flight
    Done m_done;
    QTimer m_timeout{this};
    QElapsedTimer m_elapsed;          // since the attempt in flight started
    qint64 m_deadlineNs = 0;          // its timeout, relative to m_elapsed
    AttemptRecord m_current;
    qint64 m_sequence = 0;
};

} // namespace hookscope
