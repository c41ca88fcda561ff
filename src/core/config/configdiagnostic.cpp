#include "core/config/configdiagnostic.h"

namespace hookscope {

QString ConfigDiagnostic::toString() const
{
    return toString(QString());
}

QString ConfigDiagnostic::toString(const QString &severity) const
{
    QString where = file;
    if (line > 0)
        where += QLatin1Char(':') + QString::number(line) + QLatin1Char(':')
                 + QString::number(qMax(1, column));
    if (!severity.isEmpty())
        where += QStringLiteral(": ") + severity;
    return where + QStringLiteral(": ") + message;
}

bool ConfigDiagnostic::operator==(const ConfigDiagnostic &o) const
{
    return file == o.file && line == o.line && column == o.column && message == o.message;
}

} // namespace hookscope
