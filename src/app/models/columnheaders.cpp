#include "app/models/columnheaders.h"

#include <QMetaObject>

namespace hookscope {

QVariant columnHeaderData(const QMetaObject &context, const char *const *titles, const char *const *tips,
                          int columnCount, int section, Qt::Orientation orientation, int role)
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount)
        return {};
    if (role == Qt::DisplayRole)
        return context.tr(titles[section], nullptr);
    if (role == Qt::ToolTipRole && tips)
        return context.tr(tips[section], nullptr);
    return {};
}

} // namespace hookscope
