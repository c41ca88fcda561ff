#include "core/base/errorclass.h"

namespace hookscope {

QString errorClassName(ErrorClass errorClass)
{
    switch (errorClass) {
    case ErrorClass::None:
        return QString();
    case ErrorClass::Refused:
        return QStringLiteral("refused");
    case ErrorClass::Reset:
        return QStringLiteral("reset");
    case ErrorClass::Timeout:
        return QStringLiteral("timeout");
    case ErrorClass::Dns:
        return QStringLiteral("dns");
    case ErrorClass::Tls:
        return QStringLiteral("tls");
    case ErrorClass::Other:
        return QStringLiteral("other");
    case ErrorClass::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

} // namespace hookscope
