#pragma once

#include "core/base/clock.h"
#include "core/chain/retrypolicy.h"
#include "core/chain/sink.h"

#include <QDateTime>
#include <QObject>

#include <memory>

namespace hookscope {

// Retries one block against the next stage until it is delivered, as the registry's retryingSink
// does, with the wait decided by a RetryPolicy. Unlike the registry it can be paused, told to retry
// now, cancelled, and can give up after maxattempts or maxage (off by default, as in the registry).
// It is the one owner of "paused": its parent's queue keeps handing it the head, and it holds it.
// Every attempt's end is passed up as an Attempted report, each wait as Waiting; the final report
// carries the number of attempts and the last error.
class RetryingSink final : public QObject, public Sink
{
    Q_OBJECT
public:
    enum class Phase { Idle, Attempting, Waiting, Paused };

    RetryingSink(Sink *next, std::unique_ptr<RetryPolicy> policy, QObject *parent = nullptr,
                 Clock &clock = Clock::system());

    void write(const EventBlock &block, Report report) override;
    void cancel(DeadLetterReason why = DeadLetterReason::Skipped) override;

    void setLimits(int maxAttempts, qint64 maxAgeMs);
    void setPolicy(std::unique_ptr<RetryPolicy> policy);
    RetryPolicy &policy() { return *m_policy; }
    const RetryPolicy &policy() const { return *m_policy; }

    void pause();
    void resume();
    void retryNow();      // skip the remaining wait; attempts at once if a block is waiting

    // For snapshots (what the window shows), not for completions: those carry their own figures.
    Phase phase() const { return m_phase; }
    bool isPaused() const { return m_paused; }
    bool hasBlock() const { return m_report != nullptr; }
    int headAttempts() const { return m_headAttempts; }
    QDateTime nextAttemptAt() const;   // valid while waiting

private:
    void proceed();
    void attempt();
    void handleAttemptDone(const SinkResult &result);
    bool limitReached() const;
    void complete(SinkResult result);
    void setPhase(Phase phase);

    Sink *m_next;
    std::unique_ptr<RetryPolicy> m_policy;
    Clock &m_clock;
    std::unique_ptr<ClockTimer> m_wait;
    EventBlock m_block;
    Report m_report;
    Phase m_phase = Phase::Idle;
    bool m_paused = false;
    // A stage below that reports inside write() (a bad URL, a test double) must not recurse into
    // the next attempt (a zero backoff would grow the stack without bound): such a report is
    // deferred, and the generation, bumped per completed block, drops one that outlived its block.
    bool m_inWriteCall = false;
    quint64 m_generation = 0;
    int m_headAttempts = 0;
    int m_maxAttempts = 0;
    qint64 m_maxAgeMs = 0;
    qint64 m_nextAttemptMonoMs = 0;
    QString m_lastError;
};

} // namespace hookscope
