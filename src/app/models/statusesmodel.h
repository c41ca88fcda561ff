#pragma once

#include <QAbstractTableModel>
#include <QMap>
#include <QVector>

namespace hookscope {

// How one endpoint's attempts ended: a row per HTTP status key ("503 Service Unavailable", from the
// registry's Statuses) and per error class ("timeout", ...), biggest count first, with its share of
// all rows. Counts grow in place (dataChanged); new keys are inserted and the order restored with a
// layout change, so the view keeps its selection.
class StatusesModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Key, Kind, Count, Share, ColumnCount };
    enum Role { RawRole = Qt::UserRole + 1, SuccessRole };

    explicit StatusesModel(QObject *parent = nullptr);

    // Returns false (and emits nothing) when both maps equal the previous ones.
    bool setCounts(const QMap<QString, qint64> &statuses, const QMap<QString, qint64> &errorClasses);
    void clear();

    qint64 total() const { return m_total; }
    QString keyAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static bool isSuccessKey(const QString &statusKey);   // 200-399, as the registry counts success

private:
    struct Row
    {
        QString key;
        bool isError = false;
        bool success = false;
        qint64 count = 0;
    };
    void sortRows();

    QVector<Row> m_rows;
    QMap<QString, qint64> m_statuses;
    QMap<QString, qint64> m_errorClasses;
    qint64 m_total = 0;
};

} // namespace hookscope
