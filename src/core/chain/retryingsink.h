#pragma once

#include "core/chain/retrypolicy.h"
#include "core/chain/sink.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <memory>

namespace hookscope {

// Retries one block against the next stage until it is delivered, as the registry's retryingSink
// does, with the wait decided by a RetryPolicy. Unlike the registry it can be paused, told to retry
// now, cancelled, and can give up after maxattempts or maxage (off by default, as in the registry).
class RetryingSink final : public QObject, public Sink
{
    Q_OBJECT
public:
    enum class Phase { Idle, Attempting, Waiting, Paused };

    RetryingSink(Sink *next, std::unique_ptr<RetryPolicy> policy, QObject *parent = nullptr);

    void write(const EventBlock &block, Done done) override;
    void cancel() override;

    void setLimits(int maxAttempts, qint64 maxAgeMs);
    void setPolicy(std::unique_ptr<RetryPolicy> policy);
    RetryPolicy &policy() { return *m_policy; }
    const RetryPolicy &policy() const { return *m_policy; }

    void pause();
    void resume();
    void retryNow();      // skip the remaining wait; attempts at once if a block is waiting

    Phase phase() const { return m_phase; }
    bool hasBlock() const { return m_done != nullptr; }
    int headAttempts() const { return m_headAttempts; }
    QDateTime nextAttemptAt() const;   // valid while waiting
    const SinkResult &lastResult() const { return m_lastResult; }

Q_SIGNALS:
    void phaseChanged();

private:
    void proceed();
    void attempt();
    void handleAttemptDone(const SinkResult &result);
    bool limitReached() const;
    void complete(const SinkResult &result);
    void setPhase(Phase phase);

    Sink *m_next;
    std::unique_ptr<RetryPolicy> m_policy;
    QTimer m_wait{this};
    EventBlock m_block;
    Done m_done;
    Phase m_phase = Phase::Idle;
    bool m_paused = false;
    bool m_inWriteCall = false;
    quint64 m_generation = 0;   // bumped per completed block; stale deferred completions are ignored
    int m_headAttempts = 0;
    int m_maxAttempts = 0;
    qint64 m_maxAgeMs = 0;
    qint64 m_nextAttemptMonoMs = 0;
    SinkResult m_lastResult;
};

} // namespace hookscope
