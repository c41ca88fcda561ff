#include "core/chain/retryingsink.h"

#include "core/base/monotonicclock.h"

namespace hookscope {

RetryingSink::RetryingSink(Sink *next, std::unique_ptr<RetryPolicy> policy, QObject *parent)
    : QObject(parent)
    , m_next(next)
    , m_policy(std::move(policy))
{
    m_wait.setSingleShot(true);
    // Backoffs are pinned by tests against the registry's ~1.001 s cadence; a coarse timer's 5 %
    // slack would show.
    m_wait.setTimerType(Qt::PreciseTimer);
    connect(&m_wait, &QTimer::timeout, this, &RetryingSink::attempt);
}

void RetryingSink::setLimits(int maxAttempts, qint64 maxAgeMs)
{
    m_maxAttempts = qMax(0, maxAttempts);
    m_maxAgeMs = qMax<qint64>(0, maxAgeMs);
}

void RetryingSink::setPolicy(std::unique_ptr<RetryPolicy> policy)
{
    m_policy = std::move(policy);
}

void RetryingSink::write(const EventBlock &block, Done done)
{
    Q_ASSERT(!m_done);
    m_block = block;
    m_done = std::move(done);
    m_headAttempts = 0;
    proceed();
}

void RetryingSink::proceed()
{
    if (!m_done)
        return;
    if (m_paused) {
        setPhase(Phase::Paused);
        return;
    }
    const qint64 now = MonotonicClock::nowMs();
    const qint64 delay = m_policy->delayBeforeAttemptMs(now);
    if (delay <= 0) {
        attempt();
        return;
    }
    m_nextAttemptMonoMs = now + delay;
    m_wait.start(int(qMin<qint64>(delay, std::numeric_limits<int>::max())));
    setPhase(Phase::Waiting);
}

void RetryingSink::attempt()
{
    m_wait.stop();
    if (!m_done)
        return;
    ++m_headAttempts;
    setPhase(Phase::Attempting);
    m_inWriteCall = true;
    m_next->write(m_block, [this](const SinkResult &result) {
        if (m_inWriteCall) {
            // A stage that completes inside write() (a bad URL, a test double) must not recurse
            // into the next attempt: a zero backoff would grow the stack without bound.
            QTimer::singleShot(0, this, [this, result, generation = m_generation] {
                if (generation == m_generation)
                    handleAttemptDone(result);
            });
            return;
        }
        handleAttemptDone(result);
    });
    m_inWriteCall = false;
}

void RetryingSink::handleAttemptDone(const SinkResult &result)
{
    m_lastResult = result;
    switch (result.kind) {
    case SinkResult::Ok:
        m_policy->recordSuccess();
        complete(result);
        return;
    case SinkResult::Cancelled:
        complete(result);
        return;
    case SinkResult::Failed:
    case SinkResult::GaveUp:
        break;
    }
    m_policy->recordFailure(MonotonicClock::nowMs());
    if (limitReached()) {
        SinkResult gaveUp = result;
        gaveUp.kind = SinkResult::GaveUp;
        complete(gaveUp);
        return;
    }
    proceed();
}

bool RetryingSink::limitReached() const
{
    if (m_maxAttempts > 0 && m_headAttempts >= m_maxAttempts)
        return true;
    if (m_maxAgeMs > 0 && !m_block.empty()) {
        const qint64 age = QDateTime::currentMSecsSinceEpoch() - m_block.front()->acceptedAtMs();
        if (age >= m_maxAgeMs)
            return true;
    }
    return false;
}

void RetryingSink::complete(const SinkResult &result)
{
    ++m_generation;
    m_wait.stop();
    Done done = std::move(m_done);
    m_done = nullptr;
    m_block.clear();
    setPhase(m_paused ? Phase::Paused : Phase::Idle);
    if (done)
        done(result);
}

void RetryingSink::cancel()
{
    if (!m_done)
        return;
    if (m_phase == Phase::Attempting) {
        m_next->cancel();   // reports Cancelled through handleAttemptDone
        if (!m_done)
            return;
    }
    complete(SinkResult::cancelled());
}

void RetryingSink::pause()
{
    m_paused = true;
    // An attempt in flight finishes; a pending wait is dropped and recomputed on resume.
    if (m_phase == Phase::Waiting) {
        m_wait.stop();
        setPhase(Phase::Paused);
    } else if (m_phase == Phase::Idle) {
        setPhase(Phase::Paused);
    }
}

void RetryingSink::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    if (m_phase == Phase::Attempting)
        return;
    setPhase(Phase::Idle);
    proceed();
}

void RetryingSink::retryNow()
{
    if (m_phase == Phase::Waiting)
        attempt();
}

QDateTime RetryingSink::nextAttemptAt() const
{
    if (m_phase != Phase::Waiting)
        return {};
    const qint64 remaining = qMax<qint64>(0, m_nextAttemptMonoMs - MonotonicClock::nowMs());
    return QDateTime::currentDateTimeUtc().addMSecs(remaining);
}

void RetryingSink::setPhase(Phase phase)
{
    if (m_phase == phase)
        return;
    m_phase = phase;
    Q_EMIT phaseChanged();
}

} // namespace hookscope
