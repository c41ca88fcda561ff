#include "app/models/endpointtablemodel.h"

#include "app/models/columnheaders.h"
#include "core/config/secretmask.h"
#include "core/model/httpstatus.h"
#include "sources/statusline.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace hookscope {

QString statusText(int status)
{
    return status > 0 ? httpStatusKey(status).trimmed() : QStringLiteral("-");
}

EndpointTableModel::EndpointTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int EndpointTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EndpointTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QDateTime EndpointTableModel::now() const
{
    return m_fixedNow.isValid() ? m_fixedNow : QDateTime::currentDateTimeUtc();
}

const EndpointSnapshot *EndpointTableModel::endpointAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int EndpointTableModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).config.name == name)
            return i;
    }
    return -1;
}

int EndpointTableModel::mostTroubledRow() const
{
    int best = -1;
    int bestScore = -1;
    for (int row = 0; row < m_rows.size(); ++row) {
        const EndpointSnapshot &e = m_rows.at(row);
        const int score = isStuck(row) ? 3 : e.state == EndpointState::BackingOff ? 2 : e.metrics.pending > 0 ? 1 : 0;
        if (score > bestScore) {
            best = row;
            bestScore = score;
        }
    }
    return best;
}

EndpointTableModel::Totals EndpointTableModel::totals() const
{
    Totals totals;
    for (int row = 0; row < m_rows.size(); ++row) {
        const EndpointSnapshot &e = m_rows.at(row);
        totals.pending += e.metrics.pending;
        totals.delivered += e.metrics.successes;
        totals.deliveredPerSecond += e.deliveredPerSecond;
        totals.stuck += isStuck(row) ? 1 : 0;
    }
    return totals;
}

bool EndpointTableModel::isStuck(int row) const
{
    const EndpointSnapshot *e = endpointAt(row);
    return e && m_stuck.isStuck(*e, now());
}

QString EndpointTableModel::stuckReason(int row) const
{
    const EndpointSnapshot *e = endpointAt(row);
    return e ? m_stuck.reason(*e, now()) : QString();
}

static bool sameRow(const EndpointSnapshot &a, const EndpointSnapshot &b)
{
    return a.state == b.state && a.metrics == b.metrics && a.lastStatus == b.lastStatus
        && a.lastError == b.lastError && a.nextAttemptAt == b.nextAttemptAt
        && a.oldestPendingAgeMs == b.oldestPendingAgeMs && a.deliveredPerSecond == b.deliveredPerSecond
        && a.config == b.config && a.headEventId == b.headEventId && a.headAttempts == b.headAttempts
        && a.remoteRestartedAt == b.remoteRestartedAt;
}

void EndpointTableModel::setSnapshot(const QVector<EndpointSnapshot> &endpoints)
{
    bool sameNames = endpoints.size() == m_rows.size();
    for (int i = 0; sameNames && i < endpoints.size(); ++i)
        sameNames = endpoints.at(i).config.name == m_rows.at(i).config.name;
    if (!sameNames) {
        // Endpoints were added, removed or reordered: rare, operator-driven.
        beginResetModel();
        m_rows = endpoints;
        m_wasStuck = QVector<bool>(m_rows.size(), false);
        endResetModel();
        checkStuck();
        return;
    }
    int first = -1;
    int last = -1;
    for (int i = 0; i < endpoints.size(); ++i) {
        if (!sameRow(endpoints.at(i), m_rows.at(i))) {
            if (first < 0)
                first = i;
            last = i;
        }
        m_rows[i] = endpoints.at(i);
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    checkStuck();
}

void EndpointTableModel::refreshClockColumns()
{
    if (m_rows.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, State), index(int(m_rows.size()) - 1, State));
    Q_EMIT dataChanged(index(0, OldestPending), index(int(m_rows.size()) - 1, NextAttempt));
    checkStuck();
}

void EndpointTableModel::checkStuck()
{
    const QDateTime current = now();
    for (int i = 0; i < m_rows.size(); ++i) {
        const bool stuck = m_stuck.isStuck(m_rows.at(i), current);
        if (stuck && !m_wasStuck.at(i))
            Q_EMIT becameStuck(m_rows.at(i).config.name, m_stuck.reason(m_rows.at(i), current));
        m_wasStuck[i] = stuck;
    }
}

qint64 EndpointTableModel::pendingAgeMs(const EndpointSnapshot &e) const
{
    return e.oldestPendingSince.isValid() ? qMax<qint64>(0, e.oldestPendingSince.msecsTo(now()))
                                          : e.oldestPendingAgeMs;
}

QVariant EndpointTableModel::display(const EndpointSnapshot &e, int column) const
{
    switch (column) {
    case State:
        if (m_stuck.isStuck(e, now()))
            return QStringLiteral("stuck");
        // A watched registry that restarted: its row says so for a while (the tooltip says what was lost).
        if (e.remoteRestartedAt.isValid())
            return QStringLiteral("%1 (restarted %2)")
                .arg(endpointStateName(e.state),
                     e.remoteRestartedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
        // The first thing to see in the row; the URL cell keeps the URL itself readable.
        // (its backoff shows in Next attempt, and no state it can reach is worth more to know).
        if (!e.config.misconfigured.isEmpty())
            return QStringLiteral("misconfigured");
        return endpointStateName(e.state);
    case Name:
        return e.config.name;
    case Url:
        // Shown masked; the engine sends to the real one. A URL that cannot work is tinted, and
        // its tooltip (and the State cell) says why.
        return maskUrl(e.config.url);
    case Pending:
        return QString::number(e.metrics.pending);
    case Events:
        return QString::number(e.metrics.events);
    case Successes:
        return QString::number(e.metrics.successes);
    case Failures:
        return QString::number(e.metrics.failures);
    case Errors:
        return QString::number(e.metrics.errors);
    case LastStatus:
        return statusText(e.lastStatus);
    case LastError:
        return e.lastError;
    case OldestPending:
        return e.metrics.pending > 0 ? formatAge(pendingAgeMs(e)) : QStringLiteral("-");
    case NextAttempt:
        if (e.state == EndpointState::BackingOff && e.nextAttemptAt.isValid())
            return QString(QStringLiteral("in ") + formatAge(qMax<qint64>(0, now().msecsTo(e.nextAttemptAt))));
        return QStringLiteral("-");
    case DeliveredPerSecond:
        return QString::number(e.deliveredPerSecond, 'f', 1);
    }
    return {};
}

QString EndpointTableModel::misconfiguredText(const EndpointSnapshot &e)
{
    return QStringLiteral("misconfigured: ") + e.config.misconfigured;
}

QVariant EndpointTableModel::raw(const EndpointSnapshot &e, int column) const
{
    switch (column) {
    case State:
        return int(e.state);
    case Pending:
        return e.metrics.pending;
    case Events:
        return e.metrics.events;
    case Successes:
        return e.metrics.successes;
    case Failures:
        return e.metrics.failures;
    case Errors:
        return e.metrics.errors;
    case LastStatus:
        return e.lastStatus;
    case OldestPending:
        return pendingAgeMs(e);
    case NextAttempt:
        return e.nextAttemptAt.isValid() ? now().msecsTo(e.nextAttemptAt) : qint64(-1);
    case DeliveredPerSecond:
        return e.deliveredPerSecond;
    default:
        return display(e, column);
    }
}

QVariant EndpointTableModel::data(const QModelIndex &index, int role) const
{
    const EndpointSnapshot *e = endpointAt(index.row());
    if (!e || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return display(*e, index.column());
    case RawRole:
        return raw(*e, index.column());
    case NameRole:
        return e->config.name;
    case StuckRole:
        return m_stuck.isStuck(*e, now());
    case Qt::TextAlignmentRole:
        if (index.column() >= Pending && index.column() <= Errors)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (index.column() == DeliveredPerSecond)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        // A misconfigured URL (loaded as the registry runs it) explains every Error it counts.
        if (!e->config.misconfigured.isEmpty() && (index.column() == State || index.column() == Url))
            return misconfiguredText(*e);
        if (m_stuck.isStuck(*e, now()))
            return m_stuck.reason(*e, now());
        if (index.column() == Url)
            return maskUrl(e->config.url);
        if (index.column() == LastError && !e->lastError.isEmpty())
            return QStringLiteral("%1\nat %2").arg(e->lastError, e->lastErrorAt.toLocalTime().toString(Qt::ISODate));
        if (index.column() == State && e->remoteRestartedAt.isValid())
            return e->remoteRestartNote;
        if (index.column() == State)
            return QStringLiteral("%1 consecutive failure(s); head %2 on attempt %3")
                .arg(e->consecutiveFailures)
                .arg(e->headEventId.isEmpty() ? QStringLiteral("(none)") : QString::fromUtf8(e->headEventId))
                .arg(e->headAttempts);
        return {};
    case Qt::ForegroundRole: {
        // Colours come from the palette's own roles so light and dark themes both stay readable;
        // state adds weight and a tint, never a fixed dark-on-light pair.
        if ((index.column() == Url || index.column() == State) && !e->config.misconfigured.isEmpty()
            && !m_stuck.isStuck(*e, now()))
            return QBrush(QColor(0xc7, 0x8a, 0x00));
        if (index.column() != State)
            return {};
        if (m_stuck.isStuck(*e, now()) || e->state == EndpointState::BackingOff)
            return QBrush(QColor(0xd9, 0x3b, 0x3b));
        if (e->state == EndpointState::Paused)
            return QBrush(QColor(0xc7, 0x8a, 0x00));
        return {};
    }
    case Qt::BackgroundRole:
        if (m_stuck.isStuck(*e, now()))
            return QBrush(QColor(0xd9, 0x3b, 0x3b, 60));
        return {};
    case Qt::FontRole:
        if (index.column() == State && m_stuck.isStuck(*e, now())) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

QVariant EndpointTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static const char *const titles[ColumnCount] = {
        QT_TR_NOOP("State"), QT_TR_NOOP("Name"), QT_TR_NOOP("URL"), QT_TR_NOOP("Pending"),
        QT_TR_NOOP("Events"), QT_TR_NOOP("Successes"), QT_TR_NOOP("Failures"), QT_TR_NOOP("Errors"),
        QT_TR_NOOP("Last status"), QT_TR_NOOP("Last error"), QT_TR_NOOP("Oldest pending"),
        QT_TR_NOOP("Next attempt"), QT_TR_NOOP("Delivered/s")};
    static const char *const tips[ColumnCount] = {
        "idle, sending, backing off, paused, or stuck (pending events and no delivery for too long)",
        "Endpoint name from the configuration",
        "Where events are POSTed",
        "Events queued, including the one being delivered (registry: Pending)",
        "Events accepted into the queue since start, after filtering (registry: Events)",
        "Events delivered with a 200-399 status (registry: Successes)",
        "Event-attempts answered with another status; counts retries (registry: Failures)",
        "Event-attempts with no HTTP response: refused, reset, timeout, DNS, TLS (registry: Errors)",
        "Status of the most recent answer",
        "The most recent failure or error; cleared by a success",
        "Age of the event at the head of the queue",
        "Countdown to the next attempt while backing off",
        "Events delivered per second over the last 10 s"};
    return columnHeaderData(staticMetaObject, titles, tips, section, orientation, role);
}

} // namespace hookscope
