#pragma once

#include "core/engine/deadletterfilter.h"

#include <QSortFilterProxyModel>

namespace hookscope {

class DeadLettersModel;

// The dead letters a DeadLetterFilter lets through, live: rows the store adds or loses are
// filtered as they come, so the view always shows what a "replay matching" would move now.
class DeadLetterFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit DeadLetterFilterProxy(QObject *parent = nullptr);

    void setDeadLettersModel(DeadLettersModel *model);
    DeadLettersModel *deadLettersModel() const { return m_source; }
    void setFilter(const DeadLetterFilter &filter);   // the endpoint part is ignored: one store
    const DeadLetterFilter &filter() const { return m_filter; }

    // The entry behind a row of this model, or null.
    const DeadLetters::Entry *entryAt(int row) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    DeadLettersModel *m_source = nullptr;
    DeadLetterFilter m_filter;
};

} // namespace hookscope
