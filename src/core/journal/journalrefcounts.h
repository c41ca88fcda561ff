#pragma once

#include <QPair>
#include <QVector>

#include <deque>

namespace hookscope {

// How many queue rows and dead letters refer to each journalled event, by event key. An event is
// written once however many endpoints queue it, so its row may only go with its last reference;
// this is what tells Journal when that is.
//
// Keys come from this class too: they only grow, so the counts live in a deque indexed from the
// oldest live key and the front is trimmed as it drops to zero. It stays about as long as the span
// of live events (8 bytes each) instead of a hash entry per event.
//
// A key leaves the journal tagged (EventRecord::journalKey): the top bits say which Journal gave
// it, so two journals in one process (tests, a restart in place) never mistake each other's keys.
class JournalRefCounts final
{
public:
    JournalRefCounts();   // takes the next tag of this process

    qint64 tag() const { return m_tag; }
    qint64 tagged(qint64 key) const { return m_tag | key; }
    // The key of a tagged key this journal still holds a row for; 0 for another journal's key,
    // for none, and for a key whose row went with its last reference (journal the event afresh).
    qint64 liveKey(qint64 taggedKey) const;

    // A key no row had yet.
    qint64 newKey() { return m_nextKey++; }
    void add(qint64 key) { ++slot(key); }
    // Drops one reference; true when it was the last one (the event's row must go). A key that
    // holds none is left alone.
    bool release(qint64 key);
    qint64 count(qint64 key) const;

    // Starts over from what a journal file holds: its highest key and, ascending by key, how many
    // references each event has.
    void restore(qint64 maxKey, const QVector<QPair<qint64, qint64>> &references);

    // Test seam: how many counts are held (the span from the oldest live key).
    qsizetype span() const { return qsizetype(m_counts.size()); }

private:
    qint64 &slot(qint64 key);
    bool holds(qint64 key) const { return key >= m_base && key < m_base + qint64(m_counts.size()); }

    std::deque<qint64> m_counts;
    qint64 m_base = 1;       // the key of m_counts.front()
    qint64 m_nextKey = 1;
    qint64 m_tag = 0;
};

} // namespace hookscope
