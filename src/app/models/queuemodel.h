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
    // Id first: column 0 must identify the row (it moves up as the head leaves).
    enum Column { Id, Position, Action, Repository, Tag, MediaType, Age, ColumnCount };
    enum Role { EventRole = Qt::UserRole + 1 };

    explicit QueueModel(QObject *parent = nullptr);

    void setStore(std::shared_ptr<const PendingEvents> store);
    void refresh();   // call on each snapshot
    void setHeadInfo(int attempts, const QString &lastError);

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
    // Full pages by absolute position (see PendingEvents::sliceAbsolute): a position always names
    // the same event, so head removals never invalidate the cache.
    mutable QHash<quint64, EventBlock> m_pages;
    bool m_changing = false;
    int m_headAttempts = 0;
    QString m_headError;
};

} // namespace hookscope
