#include "app/models/testendpointsmodel.h"

#include "core/config/secretmask.h"

#include <QBrush>
#include <QColor>

namespace hookscope {

namespace {

QString percent(double fraction)
{
    return QString::number(fraction * 100.0, 'g', 3) + QLatin1Char('%');
}

// 250 ms, 1.5 s, 20 s, 2 min: readable at a glance in a table cell.
QString duration(int ms)
{
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms < 120000)
        return QStringLiteral("%1 s").arg(QString::number(ms / 1000.0, 'g', 3));
    return QStringLiteral("%1 min").arg(QString::number(ms / 60000.0, 'g', 3));
}

qint64 noAnswer(const TestEndpointStats &s)
{
    return s.resets + s.closes + s.hangs + s.garbage;
}

} // namespace

TestEndpointsModel::TestEndpointsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QString TestEndpointsModel::describeBehaviour(const TestEndpointBehaviour &b)
{
    const QString mode = TestEndpointBehaviour::modeName(b.mode);
    QString detail;
    switch (b.mode) {
    case TestEndpointBehaviour::Status:
        detail = QString::number(b.status);
        break;
    case TestEndpointBehaviour::FailRate:
        detail = percent(b.failRate);
        break;
    case TestEndpointBehaviour::FailFirst:
        detail = QStringLiteral("%1 × %2").arg(b.failCount).arg(b.status >= 400 ? b.status : 503);
        break;
    case TestEndpointBehaviour::Slow:
        detail = duration(b.delayMs);
        break;
    case TestEndpointBehaviour::Flap:
        detail = QStringLiteral("down %1 / up %2").arg(duration(b.downMs), duration(b.upMs));
        break;
    case TestEndpointBehaviour::DownThenHeal:
        detail = QStringLiteral("down %1").arg(duration(b.downMs));
        break;
    case TestEndpointBehaviour::SlowBody:
        detail = QStringLiteral("%1 B over %2").arg(QString::number(b.bodyBytes), duration(b.bodyMs));
        break;
    default:
        break;
    }
    if (b.mode != TestEndpointBehaviour::Slow && b.delayMs > 0)
        detail += (detail.isEmpty() ? QString() : QStringLiteral(", ")) + QStringLiteral("+") + duration(b.delayMs);
    if (!b.retryAfter.isEmpty())
        detail += (detail.isEmpty() ? QString() : QStringLiteral(", "))
            + QStringLiteral("Retry-After %1").arg(QString::fromLatin1(b.retryAfter));
    return detail.isEmpty() ? mode : mode + QLatin1Char(' ') + detail;
}

bool TestEndpointsModel::sameRow(const TestEndpointStats &a, const TestEndpointStats &b)
{
    return a.name == b.name && a.url == b.url && a.listening == b.listening && a.down == b.down
        && a.lastError == b.lastError && a.behaviour == b.behaviour && a.requests == b.requests
        && a.accepted == b.accepted && a.rejected == b.rejected && noAnswer(a) == noAnswer(b)
        && a.checks == b.checks;
}

bool TestEndpointsModel::setStats(const QList<TestEndpointStats> &stats)
{
    bool sameNames = stats.size() == m_stats.size();
    for (int i = 0; sameNames && i < stats.size(); ++i)
        sameNames = stats.at(i).name == m_stats.at(i).name;
    if (!sameNames) {
        beginResetModel();
        m_stats = stats;
        endResetModel();
        return true;
    }
    bool changed = false;
    for (int i = 0; i < stats.size(); ++i) {
        const bool rowChanged = !sameRow(stats.at(i), m_stats.at(i));
        m_stats[i] = stats.at(i);   // the recent requests change with the counts, keep them fresh
        if (rowChanged) {
            changed = true;
            Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
        }
    }
    return changed;
}

const TestEndpointStats *TestEndpointsModel::statsAt(int row) const
{
    return row >= 0 && row < m_stats.size() ? &m_stats.at(row) : nullptr;
}

int TestEndpointsModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_stats.size(); ++i) {
        if (m_stats.at(i).name == name)
            return i;
    }
    return -1;
}

int TestEndpointsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_stats.size());
}

int TestEndpointsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TestEndpointsModel::rawValue(const TestEndpointStats &s, int column)
{
    switch (column) {
    case Name: return s.name;
    case Mode: return TestEndpointBehaviour::modeName(s.behaviour.mode);
    case State:
        if (!s.lastError.isEmpty())
            return QStringLiteral("error");
        return s.down ? QStringLiteral("down") : QStringLiteral("up");
    case Url: return maskUrl(s.url);
    case Requests: return s.requests;
    case Accepted: return s.accepted;
    case Rejected: return s.rejected;
    case NoAnswer: return noAnswer(s);
    case Envelopes: return s.checks.envelopes;
    case Events: return s.checks.events;
    case UniqueIds: return s.checks.uniqueIds;
    case Duplicates: return s.checks.duplicates;
    case OutOfOrder: return s.checks.outOfOrder;
    case Lost: return s.checks.lost;
    default: return {};
    }
}

QVariant TestEndpointsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_stats.size())
        return {};
    const TestEndpointStats &s = m_stats.at(index.row());
    const int column = index.column();
    // Alarm: the cell shows something a receiver owner must look at.
    const bool alarm = (column == Duplicates && s.checks.duplicates > 0)
        || (column == OutOfOrder && s.checks.outOfOrder > 0) || (column == Lost && s.checks.lost > 0)
        || (column == State && (s.down || !s.lastError.isEmpty()));
    switch (role) {
    case Qt::DisplayRole:
        if (column == Mode)
            return describeBehaviour(s.behaviour);
        if (column == State && !s.lastError.isEmpty())
            return tr("error");
        if (column == State && s.down)
            return s.ownPort ? tr("down (refusing)") : tr("down (resetting)");
        return rawValue(s, column);
    case RawRole:
        return rawValue(s, column);
    case AlarmRole:
        return alarm;
    case Qt::TextAlignmentRole:
        if (column >= Requests)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (alarm)
            // Lost is amber, not red: while queues still hold the events it is "not yet".
            return QBrush(column == State ? QColor(0xc6, 0x28, 0x28) : QColor(0xb2, 0x6a, 0x00));
        if (column == Url)
            return QBrush(QColor(0x55, 0x55, 0x55));
        return {};
    case Qt::ToolTipRole:
        if (column == State && !s.lastError.isEmpty())
            return s.lastError;
        if (column == Url)
            return maskUrl(s.url);
        if (column == Lost)
            return tr("Stamps 1..%1 the generator submitted for this endpoint that it never accepted. "
                      "Events still queued or being retried count until they arrive; once the "
                      "queues drain, this is the loss.").arg(s.checks.sent);
        if (column == OutOfOrder)
            return tr("First deliveries that arrived after a later event of the same generator stream");
        if (column == Duplicates)
            return tr("Accepted events whose id had already been accepted (a retry after a timeout, "
                      "or a re-sent request)");
        if (column == NoAnswer)
            return tr("%1 reset, %2 closed, %3 hung, %4 garbage")
                .arg(s.resets).arg(s.closes).arg(s.hangs).arg(s.garbage);
        return {};
    default:
        return {};
    }
}

QVariant TestEndpointsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Accepted: return tr("Requests answered 200-399 (what the sender counts as delivered)");
        case Rejected: return tr("Requests answered with any other status");
        case NoAnswer: return tr("Requests answered with no HTTP response: reset, closed, hung or garbage");
        case Envelopes: return tr("Accepted envelopes");
        case UniqueIds: return tr("Distinct event ids accepted");
        case Lost: return tr("Generator stamps sent to this endpoint and never accepted");
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Test endpoint");
    case Mode: return tr("Behaviour");
    case State: return tr("State");
    case Url: return tr("URL");
    case Requests: return tr("Requests");
    case Accepted: return tr("Accepted");
    case Rejected: return tr("Rejected");
    case NoAnswer: return tr("No answer");
    case Envelopes: return tr("Envelopes");
    case Events: return tr("Events");
    case UniqueIds: return tr("Unique ids");
    case Duplicates: return tr("Duplicates");
    case OutOfOrder: return tr("Out of order");
    case Lost: return tr("Lost");
    default: return {};
    }
}

} // namespace hookscope
