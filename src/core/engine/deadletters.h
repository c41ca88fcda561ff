#pragma once

#include "core/base/deadletter.h"
#include "core/model/eventrecord.h"

#include <QDateTime>
#include <QMutex>
#include <QSet>
#include <QVector>

#include <deque>
#include <functional>

namespace hookscope {

// Events an endpoint stopped trying to deliver, with why, so nothing an operator skipped or a
// policy gave up on is silently lost. Replay puts them back at the tail of the queue.
class DeadLetters
{
public:
    using Reason = DeadLetterReason;
    using Entry = DeadLetter;

    void add(const EventBlock &events, Reason reason, int attempts, const QString &lastError);
    // Appends entries as they were (time and all): the journal restoring them at start.
    void restore(const QVector<Entry> &entries);
    qsizetype size() const;
    QVector<Entry> entries(qsizetype offset = 0, qsizetype count = -1) const;
    // Removes and returns the events to replay: all of them when ids is empty, else those listed.
    EventBlock take(const QSet<QByteArray> &ids = {});
    // Removes and returns, in order, the entries `match` accepts (replay by filter).
    QVector<Entry> takeIf(const std::function<bool(const Entry &)> &match);
    // Puts entries taken by takeIf() back where they were, as far as order goes: a replay that
    // turned out impossible must not lose or reorder anything.
    void putBack(const QVector<Entry> &entries);

private:
    mutable QMutex m_mutex;
    std::deque<Entry> m_entries;
};

} // namespace hookscope
