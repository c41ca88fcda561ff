#include "app/models/attemptlogmodel.h"

#include "app/models/columnheaders.h"
#include "core/model/httpstatus.h"

#include <QBrush>
#include <QColor>
#include <QStringList>

namespace hookscope {

QString attemptStatusText(const AttemptRecord &record)
{
    if (record.status > 0)
        return httpStatusKey(record.status).trimmed();
    if (record.outcome == AttemptRecord::Cancelled)
        return errorClassName(ErrorClass::Cancelled);
    const QString name = errorClassName(record.errorClass);
    return name.isEmpty() ? errorClassName(ErrorClass::Other) : name;
}

// Records carry no unique id; sequence, start and duration together tell two attempts apart even
// when the endpoint's sink was rebuilt and its sequence restarted.
bool isSameAttempt(const AttemptRecord &a, const AttemptRecord &b)
{
    return a.sequence == b.sequence && a.startedAt == b.startedAt && a.durationMs == b.durationMs;
}

AttemptLogModel::AttemptLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void AttemptLogModel::setStore(std::shared_ptr<const AttemptLog> store)
{
    beginResetModel();
    m_store = std::move(store);
    m_rows.clear();
    m_seenTotal = 0;
    if (m_store) {
        m_seenTotal = m_store->totalAppended();
        const QVector<AttemptRecord> records = m_store->recent();
        for (const AttemptRecord &record : records)
            m_rows.push_front(record);
    }
    endResetModel();
}

void AttemptLogModel::clear()
{
    setStore({});
}

void AttemptLogModel::refresh()
{
    if (!m_store)
        return;
    const qint64 total = m_store->totalAppended();
    if (total == m_seenTotal)
        return;
    if (total < m_seenTotal) {   // not expected (the total only grows), but never show stale rows
        setStore(m_store);
        return;
    }
    // totalAppended() and recent() are two separate locks: more may arrive in between. Fetching a
    // little more than needed and finding our newest row in it keeps the join exact either way.
    const qint64 fresh = total - m_seenTotal;
    const int want = int(qMin<qint64>(m_store->capacity(), fresh + 16));
    QVector<AttemptRecord> records = m_store->recent(want);
    qsizetype from = 0;
    bool joined = m_rows.empty();
    if (!joined) {
        const AttemptRecord &newest = m_rows.front();
        for (qsizetype i = records.size() - 1; i >= 0; --i) {
            if (isSameAttempt(records.at(i), newest)) {
                from = i + 1;
                joined = true;
                break;
            }
        }
        if (!joined && want < m_store->capacity()) {
            records = m_store->recent();
            for (qsizetype i = records.size() - 1; i >= 0; --i) {
                if (isSameAttempt(records.at(i), newest)) {
                    from = i + 1;
                    joined = true;
                    break;
                }
            }
        }
        // Not found at all: everything we hold rolled out of the log; all fetched records are new
        // and the trim below drops the old rows.
    }
    m_seenTotal = total;
    insertNewest(records, from);
    trimToCapacity();
}

void AttemptLogModel::insertNewest(const QVector<AttemptRecord> &oldestFirst, qsizetype from)
{
    const int count = int(oldestFirst.size() - from);
    if (count <= 0)
        return;
    beginInsertRows({}, 0, count - 1);
    for (qsizetype i = from; i < oldestFirst.size(); ++i)
        m_rows.push_front(oldestFirst.at(i));
    endInsertRows();
}

void AttemptLogModel::trimToCapacity()
{
    const int capacity = m_store ? m_store->capacity() : 0;
    const int size = int(m_rows.size());
    if (size <= capacity)
        return;
    beginRemoveRows({}, capacity, size - 1);
    m_rows.resize(size_t(capacity));
    endRemoveRows();
}

const AttemptRecord *AttemptLogModel::recordAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? &m_rows[size_t(row)] : nullptr;
}

int AttemptLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AttemptLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

static QString eventsText(const AttemptRecord &record)
{
    // Batched envelopes can carry hundreds of ids; the cell shows a few, the tooltip all of them.
    constexpr int Shown = 3;
    QStringList ids;
    for (int i = 0; i < record.eventIds.size() && i < Shown; ++i)
        ids.append(QString::fromUtf8(record.eventIds.at(i)));
    QString text = ids.join(QStringLiteral(", "));
    if (record.eventIds.size() > Shown)
        text += QStringLiteral(" … (+%1)").arg(record.eventIds.size() - Shown);
    return text;
}

QVariant AttemptLogModel::data(const QModelIndex &index, int role) const
{
    const AttemptRecord *r = recordAt(index.row());
    if (!r || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return r->startedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
        case Duration:
            return QString::number(r->durationMs, 'f', 1);
        case Outcome:
            return attemptOutcomeName(r->outcome);
        case Status:
            return attemptStatusText(*r);
        case Events:
            return eventsText(*r);
        case BodyBytes:
            return QString::number(r->requestBodyBytes);
        }
        return {};
    case RawRole:
        switch (index.column()) {
        case Time:
            return r->startedAt;
        case Duration:
            return r->durationMs;
        case Outcome:
            return int(r->outcome);
        case Status:
            return r->status;
        case Events:
            return r->eventCount();
        case BodyBytes:
            return r->requestBodyBytes;
        }
        return {};
    case OutcomeRole:
        return int(r->outcome);
    case Qt::TextAlignmentRole:
        if (index.column() == Duration || index.column() == BodyBytes)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Time)
            return r->startedAt.toLocalTime().toString(Qt::ISODateWithMs);
        if (index.column() == Events) {
            QStringList ids;
            for (const QByteArray &id : r->eventIds)
                ids.append(QString::fromUtf8(id));
            return ids.join(QLatin1Char('\n'));
        }
        // A note (credentials a cross-host redirect dropped) matters as much as an error.
        if (!r->errorText.isEmpty() && !r->note.isEmpty())
            return QString(r->errorText + QLatin1Char('\n') + r->note);
        if (!r->errorText.isEmpty())
            return r->errorText;
        if (!r->note.isEmpty())
            return r->note;
        return {};
    case Qt::ForegroundRole:
        // Mid-saturation tints stay readable on both light and dark bases.
        if (index.column() != Outcome && index.column() != Status)
            return {};
        if (r->outcome == AttemptRecord::Failure || r->outcome == AttemptRecord::Error)
            return QBrush(QColor(0xd9, 0x3b, 0x3b));
        if (r->outcome == AttemptRecord::Cancelled)
            return QBrush(QColor(0xc7, 0x8a, 0x00));
        return {};
    default:
        return {};
    }
}

QVariant AttemptLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static const char *const titles[ColumnCount] = {
        QT_TR_NOOP("Time"), QT_TR_NOOP("Duration (ms)"), QT_TR_NOOP("Outcome"),
        QT_TR_NOOP("Status / error"), QT_TR_NOOP("Events"), QT_TR_NOOP("Body bytes")};
    static const char *const tips[ColumnCount] = {
        "When the attempt started (local time)",
        "Whole exchange, connect to last response byte",
        "success: 200-399; failure: another status; error: no response; cancelled: abandoned by an operator",
        "The status line, or why no response came (refused, reset, timeout, dns, tls, other, cancelled)",
        "Ids of the events in the envelope",
        "Size of the request body"};
    return columnHeaderData(staticMetaObject, titles, tips, section, orientation, role);
}

} // namespace hookscope
