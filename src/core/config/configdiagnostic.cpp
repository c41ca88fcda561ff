#include "core/config/configdiagnostic.h"

namespace hookscope {

QString ConfigDiagnostic::toString() const
{
    if (line <= 0)
        return file + QStringLiteral(": ") + message;
    return file + QLatin1Char(':') + QString::number(line) + QLatin1Char(':')
           + QString::number(qMax(1, column)) + QStringLiteral(": ") + message;
}

bool ConfigDiagnostic::operator==(const ConfigDiagnostic &o) const
{
    return file == o.file && line == o.line && column == o.column && message == o.message;
}

} // namespace hookscope
