#pragma once

#include <QVariant>

struct QMetaObject;

namespace hookscope {

// Every table model here answers headerData() the same way: a horizontal title per column, and
// for some models a tooltip per column, both kept as QT_TR_NOOP strings in column order and
// translated in the model's own context. One function answers for all of them, so the
// orientation, range and role checks are written once.
// `tips` may be null: the model then has no header tooltips. `context` is the model's
// staticMetaObject, so the strings translate exactly as the model's tr() would.
QVariant columnHeaderData(const QMetaObject &context, const char *const *titles, const char *const *tips,
                          int columnCount, int section, Qt::Orientation orientation, int role);

// The arrays' length is the column count, so a missing title is a compile error in the caller.
template<int N>
QVariant columnHeaderData(const QMetaObject &context, const char *const (&titles)[N], int section,
                          Qt::Orientation orientation, int role)
{
    return columnHeaderData(context, titles, nullptr, N, section, orientation, role);
}

template<int N>
QVariant columnHeaderData(const QMetaObject &context, const char *const (&titles)[N],
                          const char *const (&tips)[N], int section, Qt::Orientation orientation, int role)
{
    return columnHeaderData(context, titles, tips, N, section, orientation, role);
}

} // namespace hookscope
