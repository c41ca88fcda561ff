#pragma once

#include "core/base/clock.h"
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
    QList<qint64> writeTimesMs;   // `clock` time of each write
    QList<DeadLetterReason> cancelReasons;
    int cancels = 0;
    Clock *clock = &Clock::system();

    void write(const EventBlock &block, Report report) override;
    void cancel(DeadLetterReason why = DeadLetterReason::Skipped) override;
    bool busy() const { return m_done != nullptr; }

    static SinkResult failed(int status) { return SinkResult::failed(status, ErrorClass::None, QStringLiteral("status")); }
    static SinkResult refused() { return SinkResult::failed(0, ErrorClass::Refused, QStringLiteral("refused")); }

private:
    Report m_done;
    quint64 m_generation = 0;
};

} // namespace hookscope::test
