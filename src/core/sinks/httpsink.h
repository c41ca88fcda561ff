#pragma once

#include "sinks/attemptrecord.h"
#include "sinks/sink.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QNetworkReply>

class QNetworkAccessManager;

namespace hookscope {

// The registry's httpSink: exactly one POST per write, no retries of its own.
// Final status 200-399 is delivered (a 307 without Location included); any other status is a
// Failure; no response at all (refused, reset, DNS, TLS, timeout) is an Error. The timeout covers the
// exchange up to the response headers, as Go's client.Post does for the registry; the body, which the
// registry never reads, is only captured for the attempt log while it arrives in time.
class HttpSink final : public QObject, public Sink
{
    Q_OBJECT
public:
    struct Settings
    {
        QUrl url;
        QList<QPair<QString, QStringList>> headers;   // appended after our own, as the registry does
        int timeoutMs = 1000;
    };
    using AttemptObserver = std::function<void(const AttemptRecord &)>;

    HttpSink(QNetworkAccessManager *network, Settings settings, QObject *parent = nullptr);
    ~HttpSink() override;

    void setSettings(const Settings &settings);   // applies from the next attempt
    const Settings &settings() const { return m_settings; }
    void setAttemptObserver(AttemptObserver observer) { m_observer = std::move(observer); }

    void write(const EventBlock &block, Done done) override;
    void cancel() override;
    bool busy() const { return m_reply != nullptr; }

    static constexpr char UserAgent[] = "hookscope/" HOOKSCOPE_VERSION;

private:
    void handleFinished();
    void handleTimeout();
    void finish(AttemptRecord record, SinkResult result);

    QNetworkAccessManager *m_network;
    Settings m_settings;
    AttemptObserver m_observer;
    QPointer<QNetworkReply> m_reply;
    Done m_done;
    QTimer m_timeout{this};
    QElapsedTimer m_elapsed;
    AttemptRecord m_current;
    bool m_timedOut = false;
    qint64 m_sequence = 0;
};

} // namespace hookscope
