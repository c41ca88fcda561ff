#pragma once

#include "sources/replayloader.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>

namespace hookscope {

// Publishes loaded envelopes (ReplayLoader) into a submit function (Engine::submit in the app),
// one block per envelope as it was captured. Original pace waits between envelopes as long as
// their timestamps were apart (never backwards); fast sends them as quickly as the thread allows,
// in slices so the thread's other work (HTTP sinks, snapshots) keeps running.
// Lives on one thread and needs its event loop.
class Replayer final : public QObject
{
    Q_OBJECT
public:
    enum class Pace { Original, Fast };
    using Submit = std::function<bool(const EventBlock &)>;

    explicit Replayer(QObject *parent = nullptr);
    ~Replayer() override;

    static bool paceFromName(const QString &name, Pace *pace);

    // Starts publishing `envelopes` (what was running stops). Does nothing for an empty list.
    void start(const QList<ReplayEnvelope> &envelopes, Pace pace, Submit submit);
    void stop();
    bool isRunning() const { return m_running; }

    qint64 published() const { return m_published; }   // events the submit function accepted
    qint64 refused() const { return m_refused; }
    int remaining() const { return int(m_envelopes.size()) - m_next; }

Q_SIGNALS:
    void finished(qint64 published, qint64 refused);

private:
    void publishDue();
    void finish();

    QList<ReplayEnvelope> m_envelopes;
    int m_next = 0;
    Pace m_pace = Pace::Fast;
    Submit m_submit;
    QTimer m_timer;
    QElapsedTimer m_clock;      // since the first envelope went out
    qint64 m_offsetNs = 0;      // planned time of the next envelope since the first (original pace)
    qint64 m_published = 0;
    qint64 m_refused = 0;
    bool m_running = false;
};

} // namespace hookscope
