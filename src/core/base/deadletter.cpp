#include "core/base/deadletter.h"

namespace hookscope {

QString deadLetterReasonName(DeadLetterReason reason)
{
    switch (reason) {
    case DeadLetterReason::Skipped:
        return QStringLiteral("skipped");
    case DeadLetterReason::Purged:
        return QStringLiteral("purged");
    case DeadLetterReason::GaveUp:
        return QStringLiteral("gave up");
    case DeadLetterReason::Closed:
        return QStringLiteral("closed");
    }
    return {};
}

} // namespace hookscope
