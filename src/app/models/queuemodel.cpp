#include "app/models/queuemodel.h"

#include "app/models/columnheaders.h"
#include "sources/statusline.h"

#include <QBrush>
#include <QCoreApplication>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QScopedValueRollback>

namespace hookscope {

QueueModel::QueueModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void QueueModel::setStore(std::shared_ptr<const PendingEvents> store)
{
    const QScopedValueRollback<bool> changing(m_changing, true);
    beginResetModel();
    m_store = std::move(store);
    m_pages.clear();
    m_requested.clear();
    m_alive = std::make_shared<int>(0);   // pages asked for the previous store are dropped
    m_limit = FetchStep;
    m_counters = m_store ? m_store->counters() : PendingEvents::Counters();
    m_visible = int(qMin<qsizetype>(m_counters.size, m_limit));
    endResetModel();
}

void QueueModel::refresh()
{
    if (!m_store)
        return;
    const PendingEvents::Counters now = m_store->counters();
    m_counters.loadedEnd = now.loadedEnd;   // refills move it without any row changing
    const quint64 removed = now.removedFromHead - m_counters.removedFromHead;
    if (removed == 0 && now.appended == m_counters.appended) {
        if (m_visible > 0)
            Q_EMIT dataChanged(index(0, 0), index(0, ColumnCount - 1));   // head info, ages
        return;
    }
    const QScopedValueRollback<bool> changing(m_changing, true);
    const int removeRows = int(qMin<quint64>(removed, quint64(m_visible)));
    if (removeRows > 0) {
        beginRemoveRows({}, 0, removeRows - 1);
        m_visible -= removeRows;
        m_counters.removedFromHead += quint64(removeRows);
        endRemoveRows();
    }
    m_counters = now;
    // Drop cached pages that are entirely before the head.
    for (auto it = m_pages.begin(); it != m_pages.end();) {
        if ((it.key() + 1) * PageSize <= now.removedFromHead)
            it = m_pages.erase(it);
        else
            ++it;
    }
    const int wanted = int(qMin<qsizetype>(now.size, m_limit));
    if (wanted > m_visible) {
        beginInsertRows({}, m_visible, wanted - 1);
        m_visible = wanted;
        endInsertRows();
    } else if (wanted < m_visible) {
        beginRemoveRows({}, wanted, m_visible - 1);
        m_visible = wanted;
        endRemoveRows();
    }
    if (m_visible > 0)
        Q_EMIT dataChanged(index(0, 0), index(qMin(m_visible, 64) - 1, ColumnCount - 1));
}

void QueueModel::setHeadInfo(int attempts, const QString &lastError)
{
    m_headAttempts = attempts;
    m_headError = lastError;
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_visible;
}

int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool QueueModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_visible < m_counters.size;
}

void QueueModel::fetchMore(const QModelIndex &parent)
{
    // Views (and QAbstractItemModelTester) may ask from inside our own change notifications;
    // growing then would nest row insertions in a reset or removal.
    if (parent.isValid() || m_changing)
        return;
    const int wanted = int(qMin<qsizetype>(m_counters.size, qsizetype(m_visible) + FetchStep));
    if (wanted <= m_visible)
        return;
    m_limit = wanted;
    const QScopedValueRollback<bool> changing(m_changing, true);
    beginInsertRows({}, m_visible, wanted - 1);
    m_visible = wanted;
    endInsertRows();
}

EventPtr QueueModel::eventAt(int row) const
{
    if (!m_store || row < 0 || row >= m_visible)
        return {};
    const quint64 position = m_counters.removedFromHead + quint64(row);
    const quint64 page = position / PageSize;
    const size_t offset = size_t(position % PageSize);
    auto it = m_pages.find(page);
    if (it != m_pages.end() && offset < it->size())
        return it->at(offset);
    if (m_pages.size() > 64) {
        m_pages.clear();   // a bounded cache: scrolling far away simply refetches
        m_requested.clear();
    }
    const quint64 pageEnd = (page + 1) * PageSize;
    if (position < m_counters.loadedEnd || pageEnd <= m_counters.loadedEnd) {
        EventBlock events = m_store->sliceAbsolute(page * PageSize, PageSize);
        // A partial page is the tail (or the window's end), still filling: fetch it again rather
        // than cache it.
        if (qsizetype(events.size()) < PageSize)
            return offset < events.size() ? events.at(offset) : EventPtr();
        it = m_pages.insert(page, std::move(events));
        return it->at(offset);
    }
    // Past the window: only the journal has it. Ask once per page; the row shows as loading.
    requestPage(page);
    return {};
}

bool QueueModel::isLoading(int row) const
{
    if (!m_store || row < 0 || row >= m_visible)
        return false;
    return m_counters.removedFromHead + quint64(row) >= m_counters.loadedEnd && !eventAt(row);
}

void QueueModel::requestPage(quint64 page) const
{
    if (m_requested.contains(page))
        return;
    m_requested.insert(page);
    auto *self = const_cast<QueueModel *>(this);
    const std::weak_ptr<int> alive = m_alive;
    // The callback runs on the journal's thread: hand the page to the GUI thread, where the model
    // lives and where `alive` is released, so the check cannot race the model's destruction.
    m_store->loadAbsolute(page * PageSize, PageSize, [self, alive, page](quint64 first, const EventBlock &events) {
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, alive, page, first, events] {
            if (alive.lock())
                self->pageArrived(page, first, events);
        }, Qt::QueuedConnection);
    });
}

void QueueModel::pageArrived(quint64 page, quint64 first, const EventBlock &events)
{
    m_requested.remove(page);
    const quint64 start = page * PageSize;
    if (events.empty() || first < start || first >= start + PageSize)
        return;   // nothing there any more (delivered meanwhile): the rows are on their way out
    // Positions before `first` left the queue while the read ran; they stay null.
    EventBlock block(size_t(first - start), EventPtr());
    const size_t fit = qMin(events.size(), size_t(PageSize) - block.size());
    block.insert(block.end(), events.begin(), events.begin() + qsizetype(fit));
    m_pages.insert(page, std::move(block));
    const qint64 firstRow = qint64(start) - qint64(m_counters.removedFromHead);
    const qint64 visible = m_visible;
    const int top = int(qBound(qint64(0), firstRow, visible));
    const int bottom = int(qBound(qint64(0), firstRow + qint64(PageSize), visible));
    if (bottom > top)
        Q_EMIT dataChanged(index(top, 0), index(bottom - 1, ColumnCount - 1));
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    const EventPtr event = eventAt(index.row());
    if (!event) {
        if (role == Qt::DisplayRole && index.column() == Id && isLoading(index.row()))
            return tr("loading…");
        return {};
    }
    const bool head = index.row() == 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Position:
            return head ? QStringLiteral("head") : QString::number(index.row() + 1);
        case Id:
            return QString::fromUtf8(event->id());
        case Action:
            return event->action();
        case Repository:
            return event->repository();
        case Tag:
            return event->tag();
        case MediaType:
            return event->mediaType();
        case Age:
            return formatAge(QDateTime::currentMSecsSinceEpoch() - event->acceptedAtMs());
        }
        return {};
    case EventRole:
        return QVariant::fromValue(QString::fromUtf8(event->compactJson()));
    case Qt::ToolTipRole:
        if (head)
            return tr("Blocking the queue: attempt %1%2")
                .arg(m_headAttempts)
                .arg(m_headError.isEmpty() ? QString() : QStringLiteral("\nlast error: ") + m_headError);
        return {};
    case Qt::FontRole:
        if (head) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::BackgroundRole:
        if (head)
            return QBrush(QColor(0xff, 0xb4, 0x54, 70));
        return {};
    }
    return {};
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static const char *const titles[ColumnCount] = {
        QT_TR_NOOP("Event id"), QT_TR_NOOP("#"), QT_TR_NOOP("Action"), QT_TR_NOOP("Repository"),
        QT_TR_NOOP("Tag"), QT_TR_NOOP("Media type"), QT_TR_NOOP("Age")};
    return columnHeaderData(staticMetaObject, titles, section, orientation, role);
}

} // namespace hookscope
