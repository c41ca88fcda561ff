#include "app/models/deadlettersmodel.h"

#include "app/models/columnheaders.h"

#include <QHash>
#include <QSet>

namespace hookscope {

// Entries have no id of their own (one event can be dead-lettered, replayed and dead-lettered
// again); the shared record and the moment it was added tell them apart.
static bool sameEntry(const DeadLetters::Entry &a, const DeadLetters::Entry &b)
{
    return a.event == b.event && a.at == b.at && a.reason == b.reason;
}

DeadLettersModel::DeadLettersModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void DeadLettersModel::setStore(std::shared_ptr<const DeadLetters> store)
{
    beginResetModel();
    m_store = std::move(store);
    m_rows = m_store ? m_store->entries() : QVector<DeadLetters::Entry>();
    endResetModel();
}

void DeadLettersModel::clear()
{
    setStore({});
}

bool DeadLettersModel::looksUnchanged(qsizetype size) const
{
    if (size != m_rows.size())
        return false;
    if (size == 0)
        return true;
    // Appends change the last entry, removals change the size: checking both ends is enough to
    // notice any change without copying the list.
    const QVector<DeadLetters::Entry> first = m_store->entries(0, 1);
    const QVector<DeadLetters::Entry> last = m_store->entries(size - 1, 1);
    return first.size() == 1 && last.size() == 1 && sameEntry(first.first(), m_rows.first())
        && sameEntry(last.first(), m_rows.last());
}

void DeadLettersModel::refresh()
{
    if (!m_store)
        return;
    const qsizetype size = m_store->size();
    if (looksUnchanged(size))
        return;
    const qsizetype held = m_rows.size();
    if (size > held && held > 0) {
        // The common case, events joining: if our last row is still where we left it, only the
        // tail is new and only the tail is copied.
        const QVector<DeadLetters::Entry> boundary = m_store->entries(held - 1, 1);
        if (boundary.size() == 1 && sameEntry(boundary.first(), m_rows.last())) {
            const QVector<DeadLetters::Entry> tail = m_store->entries(held);
            if (!tail.isEmpty()) {
                beginInsertRows({}, int(held), int(held + tail.size()) - 1);
                m_rows += tail;
                endInsertRows();
            }
            return;
        }
    }
    applyFullDiff(m_store->entries());
}

void DeadLettersModel::applyFullDiff(const QVector<DeadLetters::Entry> &now)
{
    // The store keeps its order, so our rows minus the removed ones are a prefix of `now`
    // (matched in order); whatever follows that prefix was appended.
    qsizetype matched = 0;
    QVector<bool> keep(m_rows.size(), false);
    for (qsizetype row = 0; row < m_rows.size() && matched < now.size(); ++row) {
        if (sameEntry(m_rows.at(row), now.at(matched))) {
            keep[row] = true;
            ++matched;
        }
    }
    for (qsizetype row = m_rows.size() - 1; row >= 0; --row) {
        if (keep.at(row))
            continue;
        qsizetype first = row;
        while (first > 0 && !keep.at(first - 1))
            --first;
        beginRemoveRows({}, int(first), int(row));
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first;
    }
    if (matched < now.size()) {
        beginInsertRows({}, int(m_rows.size()), int(now.size()) - 1);
        m_rows += now.mid(matched);
        endInsertRows();
    }
}

const DeadLetters::Entry *DeadLettersModel::entryAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

QSet<QByteArray> DeadLettersModel::idsOfRows(const QList<int> &rows) const
{
    QSet<QByteArray> ids;
    for (int row : rows) {
        if (const DeadLetters::Entry *entry = entryAt(row))
            ids.insert(entry->event->id());
    }
    return ids;
}

int DeadLettersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeadLettersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeadLettersModel::data(const QModelIndex &index, int role) const
{
    const DeadLetters::Entry *e = entryAt(index.row());
    if (!e || !e->event || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id:
            return QString::fromUtf8(e->event->id());
        case Action:
            return e->event->action();
        case Repository:
            return e->event->repository();
        case Tag:
            return e->event->tag();
        case Reason:
            return deadLetterReasonName(e->reason);
        case When:
            return e->at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case Attempts:
            return QString::number(e->attempts);
        case LastError:
            return e->lastError;
        }
        return {};
    case RawRole:
        switch (index.column()) {
        case When:
            return e->at;
        case Attempts:
            return e->attempts;
        case Reason:
            return int(e->reason);
        default:
            return data(index, Qt::DisplayRole);
        }
    case IdRole:
        return e->event->id();
    case Qt::TextAlignmentRole:
        if (index.column() == Attempts)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == LastError && !e->lastError.isEmpty())
            return e->lastError;
        if (index.column() == When)
            return e->at.toLocalTime().toString(Qt::ISODateWithMs);
        return {};
    default:
        return {};
    }
}

QVariant DeadLettersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static const char *const titles[ColumnCount] = {
        QT_TR_NOOP("Event id"), QT_TR_NOOP("Action"), QT_TR_NOOP("Repository"), QT_TR_NOOP("Tag"),
        QT_TR_NOOP("Reason"), QT_TR_NOOP("When"), QT_TR_NOOP("Attempts"), QT_TR_NOOP("Last error")};
    static const char *const tips[ColumnCount] = {
        "The event's id", "push, pull, delete, mount", "Target repository", "Target tag, if any",
        "skipped: by an operator; purged: queue emptied; gave up: retry policy limit; closed: endpoint removed",
        "When it was moved here (local time)", "Attempts made before it was moved",
        "The last failure or error before it was moved"};
    return columnHeaderData(staticMetaObject, titles, tips, section, orientation, role);
}

} // namespace hookscope
