#include "app/models/testendpointrequestsmodel.h"

#include "app/models/columnheaders.h"
#include "http/httpresponse.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

#include <algorithm>

namespace hookscope {

TestEndpointRequestsModel::TestEndpointRequestsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

bool TestEndpointRequestsModel::setRequests(const QList<TestEndpointRequestSummary> &recent)
{
    // The list only grows at its end and drops at its front: the same size and the same newest
    // entry mean the same list.
    const bool same = recent.size() == m_rows.size()
        && (recent.isEmpty()
            || (recent.last().atMs == m_rows.first().atMs
                && recent.last().connectionId == m_rows.first().connectionId
                && recent.last().outcome == m_rows.first().outcome
                && recent.first().atMs == m_rows.last().atMs));
    if (same)
        return false;
    beginResetModel();
    m_rows = recent;
    std::reverse(m_rows.begin(), m_rows.end());
    endResetModel();
    return true;
}

void TestEndpointRequestsModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int TestEndpointRequestsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TestEndpointRequestsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TestEndpointRequestsModel::outcomeText(const TestEndpointRequestSummary &r)
{
    if (r.outcome == QLatin1String("answered") && r.status > 0)
        return QString::number(r.status) + QLatin1Char(' ') + QString::fromLatin1(HttpResponse::reasonPhrase(r.status));
    return r.outcome;
}

QVariant TestEndpointRequestsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const TestEndpointRequestSummary &r = m_rows.at(index.row());
    const bool accepted = r.outcome == QLatin1String("answered") && r.status >= 200 && r.status < 400;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time: return QDateTime::fromMSecsSinceEpoch(r.atMs).toString(QStringLiteral("HH:mm:ss.zzz"));
        case Outcome: return outcomeText(r);
        case Events: return r.events;
        case FirstEventId: return QString::fromUtf8(r.firstEventId);
        case Connection: return QStringLiteral("#%1").arg(r.connectionId);
        default: return {};
        }
    case Qt::ForegroundRole:
        if (index.column() == Outcome)
            return QBrush(accepted ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Events || index.column() == Connection)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        return QStringLiteral("%1 %2 (%3, %4 bytes)")
            .arg(QString::fromLatin1(r.method), QString::fromUtf8(r.target),
                 QString::fromLatin1(r.contentType))
            .arg(r.bodyBytes);
    default:
        return {};
    }
}

QVariant TestEndpointRequestsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static const char *const titles[ColumnCount] = {
        QT_TR_NOOP("Time"), QT_TR_NOOP("Outcome"), QT_TR_NOOP("Events"),
        QT_TR_NOOP("First event id"), QT_TR_NOOP("Conn.")};
    return columnHeaderData(staticMetaObject, titles, section, orientation, role);
}

} // namespace hookscope
