#pragma once

#include "sinks/pendingevents.h"

#include <QAbstractTableModel>
#include <QHash>

#include <memory>

namespace hookscope {

// The pending events of one endpoint, head first, over the engine's live store. Rows are exposed
// lazily (fetchMore in steps) and read in pages, so a million-event queue costs a few pages of
// pointers, never a copy or an item per row. refresh() turns head removals and tail appends into
// row removals and insertions, so the view keeps its place.
class QueueModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Position, Id, Action, Repository, Tag, MediaType, Age, ColumnCount };
    enum Role { EventRole = Qt::UserRole + 1 };

    explicit QueueModel(QObject *parent = nullptr);

    void setStore(std::shared_ptr<const PendingEvents> store);
    void refresh();   // call on each snapshot
    void setHeadInfo(int attempts, const QString &lastError, bool inFlight);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    EventPtr eventAt(int row) const;
    qsizetype totalPending() const { return m_counters.size; }
    static constexpr int FetchStep = 5000;
    static constexpr int PageSize = 256;

private:
    std::shared_ptr<const PendingEvents> m_store;
    PendingEvents::Counters m_counters;
    int m_visible = 0;          // rows exposed to the view
    int m_limit = FetchStep;    // how many rows the view has asked for
    quint64 m_pageBase = 0;     // removedFromHead when the page cache was filled
    mutable QHash<qsizetype, EventBlock> m_pages;   // absolute page index -> events
    int m_headAttempts = 0;
    QString m_headError;
};

} // namespace hookscope
