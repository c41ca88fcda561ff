#include "core/chain/retryingsink.h"

namespace hookscope {

RetryingSink::RetryingSink(Sink *next, std::unique_ptr<RetryPolicy> policy, QObject *parent, Clock &clock)
    : QObject(parent)
    , m_next(next)
    , m_policy(std::move(policy))
    , m_clock(clock)
    , m_wait(clock.createTimer(this, [this] { attempt(); }))
{
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

void RetryingSink::write(const EventBlock &block, Report report)
{
    Q_ASSERT(!m_report);
    m_block = block;
    m_report = std::move(report);
    m_headAttempts = 0;
    m_lastError.clear();
    proceed();
}

void RetryingSink::proceed()
{
    if (!m_report)
        return;
    if (m_paused) {
        setPhase(Phase::Paused);
        return;
    }
    const qint64 now = m_clock.nowMs();
    const qint64 delay = m_policy->delayBeforeAttemptMs(now);
    if (delay <= 0) {
        attempt();
        return;
    }
    m_nextAttemptMonoMs = now + delay;
    m_wait->start(delay);
    setPhase(Phase::Waiting);
    SinkResult waiting;
    waiting.kind = SinkResult::Waiting;
    waiting.attempts = m_headAttempts;
    waiting.waitUntilMs = m_nextAttemptMonoMs;
    m_report(waiting);
}

void RetryingSink::attempt()
{
    m_wait->stop();
    if (!m_report)
        return;
    ++m_headAttempts;
    setPhase(Phase::Attempting);
    SinkResult starting;
    starting.kind = SinkResult::Attempting;
    starting.attempts = m_headAttempts;
    m_report(starting);
    if (!m_report)
        return;   // the parent cancelled from inside its report
    m_inWriteCall = true;
    m_next->write(m_block, [this](const SinkResult &result) {
        if (!result.isFinal()) {
            m_report(result);   // a stage below with progress of its own: passed up as it is
            return;
        }
        if (m_inWriteCall) {
            QMetaObject::invokeMethod(this, [this, result, generation = m_generation] {
                if (generation == m_generation)
                    handleAttemptDone(result);
            }, Qt::QueuedConnection);
            return;
        }
        handleAttemptDone(result);
    });
    m_inWriteCall = false;
}

void RetryingSink::handleAttemptDone(const SinkResult &result)
{
    switch (result.kind) {
    case SinkResult::Ok:
        m_policy->recordSuccess();
        complete(result);
        return;
    case SinkResult::Cancelled:
        complete(result);
        return;
    default:
        break;
    }
    m_lastError = result.message;
    m_policy->recordFailure(m_clock.nowMs());
    if (limitReached()) {
        SinkResult gaveUp = result;
        gaveUp.kind = SinkResult::GaveUp;
        complete(gaveUp);
        return;
    }
    // The attempt's end goes up before the wait it leads to.
    SinkResult attempted = result;
    attempted.kind = SinkResult::Attempted;
    attempted.attempts = m_headAttempts;
    m_report(attempted);
    proceed();
}

bool RetryingSink::limitReached() const
{
    if (m_maxAttempts > 0 && m_headAttempts >= m_maxAttempts)
        return true;
    // The head's age counts from its acceptance, which may be before a restart: that moment is
    // only known on the wall clock, read through the injected clock so virtual time ages it too.
    if (m_maxAgeMs > 0 && !m_block.empty() && m_clock.ageOfWallMs(m_block.front()->acceptedAtMs()) >= m_maxAgeMs)
        return true;
    return false;
}

void RetryingSink::complete(SinkResult result)
{
    ++m_generation;
    m_wait->stop();
    Report report = std::move(m_report);
    m_report = nullptr;
    m_block.clear();
    result.attempts = m_headAttempts;
    if (result.lastError.isEmpty())
        result.lastError = m_lastError;
    setPhase(m_paused ? Phase::Paused : Phase::Idle);
    if (report)
        report(result);
}

void RetryingSink::cancel(DeadLetterReason why)
{
    if (!m_report)
        return;
    if (m_phase == Phase::Attempting) {
        m_next->cancel(why);   // reports Cancelled through handleAttemptDone
        if (!m_report)
            return;
    }
    complete(SinkResult::cancelled(why));
}

void RetryingSink::pause()
{
    m_paused = true;
    // An attempt in flight finishes; a pending wait is dropped and recomputed on resume.
    if (m_phase == Phase::Waiting) {
        m_wait->stop();
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
    return m_clock.wallAt(m_nextAttemptMonoMs);
}

void RetryingSink::setPhase(Phase phase)
{
    m_phase = phase;
}

} // namespace hookscope
