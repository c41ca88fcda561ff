#pragma once

#include "core/chain/sink.h"

#include <QList>
#include <QObject>

namespace hookscope::test {

// A fake next stage: answers each write, asynchronously (next event-loop turn) unless told to be
// synchronous, with the next scripted result, then with the default. Records every block written.
class ScriptedSink final : public QObject, public Sink
{
    Q_OBJECT
public:
    QList<SinkResult> script;
    SinkResult fallback = SinkResult::ok(200);
    bool synchronous = false;
    bool hold = false;   // never answer (until cancel)
    QList<EventBlock> writes;
    QList<qint64> writeTimesMs;   // MonotonicClock time of each write
    int cancels = 0;

    void write(const EventBlock &block, Done done) override;
    void cancel() override;
    bool busy() const { return m_done != nullptr; }

    static SinkResult failed(int status) { return {SinkResult::Failed, status, ErrorClass::None, QStringLiteral("status")}; }
    static SinkResult refused() { return {SinkResult::Failed, 0, ErrorClass::Refused, QStringLiteral("refused")}; }

private:
    Done m_done;
    quint64 m_generation = 0;
};

} // namespace hookscope::test
