// TEMPORARY stand-in until the model work lands.
#include "model/httpstatus.h"
namespace hookscope {
QString httpStatusText(int code)
{
    switch (code) {
    case 200: return QStringLiteral("OK");
    case 500: return QStringLiteral("Internal Server Error");
    case 503: return QStringLiteral("Service Unavailable");
    default: return {};
    }
}
QString httpStatusKey(int code) { return QString::number(code) + QLatin1Char(' ') + httpStatusText(code); }
}
