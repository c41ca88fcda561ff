#pragma once

#include "core/store/queuestore.h"

namespace hookscope {

// The registry's store: none. The queue's memory is all there is, and a restart loses it.
class MemoryQueueStore final : public QueueStore
{
public:
    bool isDurable() const override { return false; }
    QueueBacking backing() override { return {}; }
    void alignPositions(quint64) override { }
    void recordEnqueued(const EventBlock &) override { }
    void recordSent(qsizetype) override { }
    void recordRemoved(const EventBlock &, const Removal *) override { }
    void recordDeadLettersTaken(const EventBlock &) override { }
    void setTotalsProvider(std::function<QByteArray()>) override { }
    void markTotalsDirty() override { }
    void rename(const QString &) override { }
    void beginGroup() override { }
    void endGroup() override { }

    static QueueStoreFactory factory()
    {
        return [](const QString &) { return std::make_unique<MemoryQueueStore>(); };
    }
};

} // namespace hookscope
