#pragma once

#include "core/store/pendingevents.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

#include <memory>

namespace hookscope {

// The pending events of one endpoint, head first, over the engine's live store. Rows are exposed
// lazily (fetchMore in steps) and read in pages, so a million-event queue costs a few pages of
// pointers, never a copy or an item per row. refresh() turns head removals and tail appends into
// row removals and insertions, so the view keeps its place.
//
// In durable mode the store holds only a window of the queue in memory. Rows past it are shown as
// "loading" and their page is read from the journal on the journal's thread (never on the GUI
// thread); when it arrives the page is cached and the rows' dataChanged is emitted.
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

    EventPtr eventAt(int row) const;   // null while a row past the window is being read
    bool isLoading(int row) const;
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
    mutable QSet<quint64> m_requested;   // pages asked of the journal, not arrived yet
    void requestPage(quint64 page) const;
    void pageArrived(quint64 page, quint64 first, const EventBlock &events);
    // Lets a page that arrives after this model is gone be dropped safely (checked on the GUI thread).
    std::shared_ptr<int> m_alive = std::make_shared<int>(0);
    bool m_changing = false;
    int m_headAttempts = 0;
    QString m_headError;
};

} // namespace hookscope
