#include "scriptedsink.h"

#include "core/base/monotonicclock.h"

#include <QTimer>

namespace hookscope::test {

void ScriptedSink::write(const EventBlock &block, Done done)
{
    writes.append(block);
    writeTimesMs.append(MonotonicClock::nowMs());
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
        Done d = std::move(m_done);
        m_done = nullptr;
        d(result);
    });
}

void ScriptedSink::cancel()
{
    ++cancels;
    ++m_generation;
    if (!m_done)
        return;
    Done d = std::move(m_done);
    m_done = nullptr;
    d(SinkResult::cancelled());
}

} // namespace hookscope::test
