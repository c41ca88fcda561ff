#pragma once

#include "core/engine/deadletters.h"

#include <QAbstractTableModel>
#include <QVector>

#include <memory>

namespace hookscope {

// An endpoint's dead letters in the store's order (oldest first), over the engine's live store.
// The store only appends at the tail and removes anywhere (replay), so refresh() turns a change into
// row removals and a tail insertion, never a reset, and a multi-row selection survives.
class DeadLettersModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Action, Repository, Tag, Reason, When, Attempts, LastError, ColumnCount };
    enum Role { RawRole = Qt::UserRole + 1, IdRole };

    explicit DeadLettersModel(QObject *parent = nullptr);

    void setStore(std::shared_ptr<const DeadLetters> store);   // resets
    const std::shared_ptr<const DeadLetters> &store() const { return m_store; }
    void refresh();   // cheap when nothing changed
    void clear();

    const DeadLetters::Entry *entryAt(int row) const;
    QSet<QByteArray> idsOfRows(const QList<int> &rows) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    bool looksUnchanged(qsizetype size) const;
    void applyFullDiff(const QVector<DeadLetters::Entry> &now);

    std::shared_ptr<const DeadLetters> m_store;
    QVector<DeadLetters::Entry> m_rows;
};

} // namespace hookscope
