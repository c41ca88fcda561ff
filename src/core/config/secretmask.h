#pragma once

#include <QString>
#include <QStringList>

namespace hookscope {

// Header values are masked wherever hookscope shows them (admin /debug/vars, attempt log, UI):
// the registry prints its Authorization tokens in clear text; we do not.
// "Bearer abc123" -> "Bearer ******"; any other value -> "******"; empty stays empty.
QString maskHeaderValue(const QString &value);
QStringList maskHeaderValues(const QStringList &values);

} // namespace hookscope
