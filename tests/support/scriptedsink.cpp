#include "scriptedsink.h"


#include <QTimer>

namespace hookscope::test {

void ScriptedSink::write(const EventBlock &block, Report done)
{
    writes.append(block);
    writeTimesMs.append(clock->nowMs());
    const SinkResult result = script.isEmpty() ? fallback : script.takeFirst();
    if (hold) {
        m_done = std::move(done);
        return;
    }
    if (synchronous) {
        done(result);
        return;
    }
    m_done = std::move(done);
    const quint64 generation = ++m_generation;
    QTimer::singleShot(0, this, [this, result, generation] {
        if (generation != m_generation || !m_done)
            return;
        Report d = std::move(m_done);
        m_done = nullptr;
        d(result);
    });
}

void ScriptedSink::cancel(DeadLetterReason why)
{
    ++cancels;
    cancelReasons.append(why);
    ++m_generation;
    if (!m_done)
        return;
    Report d = std::move(m_done);
    m_done = nullptr;
    d(SinkResult::cancelled(why));
}

} // namespace hookscope::test
