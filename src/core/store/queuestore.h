#pragma once

#include "core/base/deadletter.h"
#include "core/model/eventrecord.h"
#include "core/store/queuebacking.h"

#include <QByteArray>
#include <QString>
#include <QVector>

#include <functional>
#include <memory>

namespace hookscope {

// One endpoint's queue as a store sees it, read back at start.
struct QueueRecovery
{
    EventBlock queue;                      // the head of the queue, in order, up to the store's window
    qsizetype beyond = 0;                  // queued events after those, left in the store
    qsizetype inFlight = 0;                // leading events handed to the receiver before the stop
    QVector<DeadLetter> deadLetters;
    QByteArray totals;                     // JSON written by the endpoint; empty if never written
};

// The seam between an endpoint and wherever its queue lives: what is pending, what was sent, what
// left and why, its dead letters and metric totals. The endpoint tells its store every change in
// the order it happens and never asks which store it has; the in-memory structures it keeps
// (PendingEvents, DeadLetters) are the truth for this process, the store what outlives it.
//
// MemoryQueueStore keeps nothing (the registry's behaviour); JournalQueueStore records everything
// in the SQLite journal. A further backend implements this interface and a factory for the engine
// (Engine::setStoreFactory): nothing in the endpoint, its queue or its sinks changes.
class QueueStore
{
public:
    // Why events left the queue without delivery, for the dead letters a store keeps.
    struct Removal
    {
        DeadLetterReason reason = DeadLetterReason::Skipped;
        int attempts = 0;
        QString lastError;
    };

    virtual ~QueueStore() = default;

    // True when what is queued outlives the process: a close then leaves it queued for the next
    // start instead of filing it as "closed" dead letters.
    virtual bool isDurable() const = 0;
    // How the queue reads back what the store keeps beyond its window; empty for memory.
    virtual QueueBacking backing() = 0;
    // The queue has had `appended` events appended in all (PendingEvents::Counters::appended):
    // lets the store line its positions up with the queue's, after a restore and at attach.
    virtual void alignPositions(quint64 appended) = 0;

    virtual void recordEnqueued(const EventBlock &events) = 0;
    virtual void recordSent(qsizetype headCount) = 0;
    // The first events.size() events of the queue left it; `dead` files them as dead letters.
    virtual void recordRemoved(const EventBlock &events, const Removal *dead) = 0;
    virtual void recordDeadLettersTaken(const EventBlock &events) = 0;
    // Totals are asked for when the store writes, from an endpoint marked dirty since.
    virtual void setTotalsProvider(std::function<QByteArray()> provider) = 0;
    virtual void markTotalsDirty() = 0;
    virtual void rename(const QString &to) = 0;

    // Changes made between begin and end land together (all or nothing); groups nest.
    virtual void beginGroup() = 0;
    virtual void endGroup() = 0;
    class Group
    {
    public:
        explicit Group(QueueStore &store) : m_store(store) { m_store.beginGroup(); }
        ~Group() { m_store.endGroup(); }
        Group(const Group &) = delete;
        Group &operator=(const Group &) = delete;
    private:
        QueueStore &m_store;
    };
};

// Makes the store for a newly added endpoint of this name.
using QueueStoreFactory = std::function<std::unique_ptr<QueueStore>(const QString &endpoint)>;

} // namespace hookscope
