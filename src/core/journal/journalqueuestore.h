#pragma once

#include "core/store/queuestore.h"

#include <QMutex>
#include <QPointer>

#include <memory>

namespace hookscope {

class Journal;

// One endpoint's queue in the SQLite journal (Journal holds all of them): every change recorded
// under the endpoint's name, the queue read back a window at a time. The journal outlives it.
class JournalQueueStore final : public QueueStore
{
public:
    JournalQueueStore(Journal *journal, const QString &endpoint);
    ~JournalQueueStore() override;

    bool isDurable() const override { return true; }
    QueueBacking backing() override;
    void alignPositions(quint64 appended) override;

    void recordEnqueued(const EventBlock &events) override;
    void recordSent(qsizetype headCount) override;
    void recordRemoved(const EventBlock &events, const Removal *dead) override;
    void recordDeadLettersTaken(const EventBlock &events) override;
    void setTotalsProvider(std::function<QByteArray()> provider) override;
    void markTotalsDirty() override;
    void rename(const QString &to) override;
    void beginGroup() override;
    void endGroup() override;

    static QueueStoreFactory factory(Journal *journal);

private:
    QPointer<Journal> m_journal;
    // What the queue view's page reads (on the GUI thread) need to find this queue in the journal:
    // a queue position p is journal position p + offset. Shared so a read can outlive a rename
    // or this store.
    struct Link
    {
        QMutex mutex;
        QString name;
        qint64 offset = 0;
    };
    std::shared_ptr<Link> m_link = std::make_shared<Link>();
    QString m_name;   // engine thread's copy of m_link->name
    std::function<QByteArray()> m_totals;   // set again under the new name after a rename
};

} // namespace hookscope
