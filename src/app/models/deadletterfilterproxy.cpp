#include "app/models/deadletterfilterproxy.h"

#include "app/models/deadlettersmodel.h"

namespace hookscope {

DeadLetterFilterProxy::DeadLetterFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // Rows the store appends are checked as they arrive; no re-sort is ever needed (store order).
    setDynamicSortFilter(true);
}

void DeadLetterFilterProxy::setDeadLettersModel(DeadLettersModel *model)
{
    m_source = model;
    setSourceModel(model);
}

void DeadLetterFilterProxy::setFilter(const DeadLetterFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    invalidateFilter();
}

const DeadLetters::Entry *DeadLetterFilterProxy::entryAt(int row) const
{
    if (!m_source)
        return nullptr;
    const QModelIndex source = mapToSource(index(row, 0));
    return source.isValid() ? m_source->entryAt(source.row()) : nullptr;
}

bool DeadLetterFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid() || !m_source)
        return false;
    const DeadLetters::Entry *entry = m_source->entryAt(sourceRow);
    return entry && m_filter.matches(*entry);
}

} // namespace hookscope
