#include "app/models/statusesmodel.h"

#include "app/models/columnheaders.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QHash>

#include <algorithm>

namespace hookscope {

StatusesModel::StatusesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

bool StatusesModel::isSuccessKey(const QString &statusKey)
{
    const int code = statusKey.section(QLatin1Char(' '), 0, 0).toInt();
    return code >= 200 && code <= 399;
}

void StatusesModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_statuses.clear();
    m_errorClasses.clear();
    m_total = 0;
    endResetModel();
}

bool StatusesModel::setCounts(const QMap<QString, qint64> &statuses, const QMap<QString, qint64> &errorClasses)
{
    if (statuses == m_statuses && errorClasses == m_errorClasses)
        return false;
    m_statuses = statuses;
    m_errorClasses = errorClasses;

    // Error classes and statuses live in one list; an error class can never look like a status
    // key (those start with a number), so a prefix keeps them apart in the lookup.
    auto lookupKey = [](const QString &key, bool isError) {
        return isError ? QString(QStringLiteral("e:") + key) : QString(QStringLiteral("s:") + key);
    };
    QHash<QString, qint64> wanted;
    for (auto it = statuses.cbegin(); it != statuses.cend(); ++it)
        wanted.insert(lookupKey(it.key(), false), it.value());
    for (auto it = errorClasses.cbegin(); it != errorClasses.cend(); ++it)
        wanted.insert(lookupKey(it.key(), true), it.value());

    // Keys only disappear when the counters were reset; remove them from the bottom up.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!wanted.contains(lookupKey(m_rows.at(row).key, m_rows.at(row).isError))) {
            beginRemoveRows({}, row, row);
            m_rows.remove(row);
            endRemoveRows();
        }
    }
    for (Row &row : m_rows)
        row.count = wanted.take(lookupKey(row.key, row.isError));
    // What is left in `wanted` is new; append it in map order, the sort below places it.
    QVector<Row> added;
    auto collect = [&](const QMap<QString, qint64> &from, bool isError) {
        for (auto it = from.cbegin(); it != from.cend(); ++it) {
            if (wanted.contains(lookupKey(it.key(), isError)))
                added.append({it.key(), isError, !isError && isSuccessKey(it.key()), it.value()});
        }
    };
    collect(statuses, false);
    collect(errorClasses, true);
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
        m_rows += added;
        endInsertRows();
    }
    m_total = 0;
    for (const Row &row : std::as_const(m_rows))
        m_total += row.count;
    sortRows();
    // Every share moves when the total moves, so one ranged update is the honest signal.
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    return true;
}

void StatusesModel::sortRows()
{
    auto before = [](const Row &a, const Row &b) {
        if (a.count != b.count)
            return a.count > b.count;
        if (a.isError != b.isError)
            return !a.isError;
        return a.key < b.key;
    };
    if (std::is_sorted(m_rows.cbegin(), m_rows.cend(), before))
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList persistent = persistentIndexList();
    QVector<QPair<QString, bool>> persistentKeys;
    for (const QModelIndex &index : persistent)
        persistentKeys.append({m_rows.at(index.row()).key, m_rows.at(index.row()).isError});
    std::stable_sort(m_rows.begin(), m_rows.end(), before);
    for (int i = 0; i < persistent.size(); ++i) {
        int row = 0;
        while (row < m_rows.size()
               && (m_rows.at(row).key != persistentKeys.at(i).first
                   || m_rows.at(row).isError != persistentKeys.at(i).second))
            ++row;
        changePersistentIndex(persistent.at(i), index(row, persistent.at(i).column()));
    }
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

QString StatusesModel::keyAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).key : QString();
}

int StatusesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StatusesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StatusesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const Row &r = m_rows.at(index.row());
    const double share = m_total > 0 ? 100.0 * double(r.count) / double(m_total) : 0.0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Key:
            return r.success ? QString(QStringLiteral("✓ ") + r.key) : r.key;
        case Kind:
            return r.isError ? tr("error") : (r.success ? tr("success") : tr("failure"));
        case Count:
            return QString::number(r.count);
        case Share:
            return QString(QString::number(share, 'f', 1) + QLatin1Char('%'));
        }
        return {};
    case RawRole:
        switch (index.column()) {
        case Key:
            return r.key;
        case Kind:
            return r.isError ? 2 : (r.success ? 0 : 1);
        case Count:
            return r.count;
        case Share:
            return share;
        }
        return {};
    case SuccessRole:
        return r.success;
    case Qt::TextAlignmentRole:
        if (index.column() == Count || index.column() == Share)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (index.column() != Key && index.column() != Kind)
            return {};
        // Mid tones: readable on light and dark bases alike.
        return r.success ? QBrush(QColor(0x3d, 0xa5, 0x4a)) : QBrush(QColor(0xd9, 0x3b, 0x3b));
    case Qt::ToolTipRole:
        if (r.isError)
            return tr("Attempts that got no HTTP response (%1)").arg(r.key);
        return r.success ? tr("Counted as delivered (200-399)") : tr("Counted as a failure; the event is retried");
    default:
        return {};
    }
}

QVariant StatusesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static const char *const titles[ColumnCount] = {
        QT_TR_NOOP("Status / error"), QT_TR_NOOP("Kind"), QT_TR_NOOP("Count"), QT_TR_NOOP("Share")};
    return columnHeaderData(staticMetaObject, titles, section, orientation, role);
}

} // namespace hookscope
