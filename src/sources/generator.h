#pragma once

#include "sources/generatortraffic.h"
#include "core/model/eventrecord.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>

namespace hookscope {

// Realistic synthetic registry traffic: client operations (GeneratorTraffic) turned into queueable
// records and handed, one event per block as the registry's bridge writes them, to a submit
// function (Engine::submit, in the app). Emits at a configurable rate from a timer, or in bursts.
//
// Every event carries a sequence stamp (see GeneratorOptions::stampSequence) so built-in test
// endpoints can tell reordering and loss. Deterministic for a seed, apart from timestamps (use
// setClock() to pin those too). Lives on one thread; needs that thread's event loop for start().
class Generator final : public QObject
{
    Q_OBJECT
public:
    using Submit = std::function<bool(const EventBlock &)>;

    explicit Generator(const GeneratorOptions &options, QObject *parent = nullptr);
    ~Generator() override;

    // Starts a fresh stream (new sequence, new source.instanceID) from these options.
    void setOptions(const GeneratorOptions &options);
    const GeneratorOptions &options() const { return m_traffic.options(); }
    void setProfile(GeneratorProfile profile) { m_profile = profile; }
    GeneratorProfile profile() const { return m_profile; }
    // Events per second for start(); values <= 0 stop the timer from emitting.
    void setRate(double eventsPerSecond);
    double rate() const { return m_rate; }
    // Events per submission round for start(): > 1 sends them together (a burst) at the same
    // average rate, e.g. 50 at once every 10 s at rate 5. At least 1.
    void setBurstSize(int events) { m_burstSize = qMax(1, events); }
    int burstSize() const { return m_burstSize; }
    // start() stops by itself once this many events were handed out; 0: no limit.
    void setMaxEvents(qint64 events) { m_maxEvents = qMax<qint64>(0, events); }
    qint64 maxEvents() const { return m_maxEvents; }
    void setSubmit(Submit submit) { m_submit = std::move(submit); }
    // Timestamps from this clock (ns since the epoch) instead of the wall clock; kept by setOptions().
    void setClock(std::function<qint64()> nowNs)
    {
        m_clockOverride = nowNs;
        m_traffic.setClock(std::move(nowNs));
    }

    // The next n events of the stream, without submitting them. An operation's events stay in
    // order across calls: what one call leaves over is returned first by the next.
    QList<Event> take(int n);
    // Submits the next n events now; returns how many the submit function accepted.
    int burst(int n);

    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }

    QString stream() const { return m_traffic.stream(); }
    // Stamp of the last event handed out (taken or submitted): a receiver that has everything
    // has stamps 1..lastSequence().
    quint64 lastSequence() const { return m_handedOut; }
    // Stamp of the last event the submit function accepted: what a receiver can be told was sent
    // (ReceiverChecks::noteSent). Events taken without submitting, or refused, are not counted.
    quint64 lastSubmittedSequence() const { return m_lastSubmitted; }
    qint64 submitted() const { return m_submitted; }   // accepted by the submit function
    qint64 refused() const { return m_refused; }       // submit returned false

    static QString profileName(GeneratorProfile profile);
    static bool profileFromName(const QString &name, GeneratorProfile *profile);

Q_SIGNALS:
    void eventsSubmitted(int accepted, int refused);

private:
    void handleTick();
    void rebase();

    GeneratorTraffic m_traffic;
    GeneratorProfile m_profile = GeneratorProfile::Mixed;
    double m_rate = 5.0;
    Submit m_submit;
    std::function<qint64()> m_clockOverride;
    std::deque<Event> m_pending;   // the rest of an operation not yet handed out
    quint64 m_handedOut = 0;
    quint64 m_lastSubmitted = 0;
    qint64 m_submitted = 0;
    qint64 m_refused = 0;
    QTimer m_timer;
    QElapsedTimer m_clock;         // since the rate's baseline
    qint64 m_emittedSinceBase = 0;
    int m_burstSize = 1;
    qint64 m_maxEvents = 0;
};

} // namespace hookscope
