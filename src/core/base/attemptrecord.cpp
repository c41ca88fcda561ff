#include "core/base/attemptrecord.h"

namespace hookscope {

QString attemptOutcomeName(AttemptRecord::Outcome outcome)
{
    switch (outcome) {
    case AttemptRecord::Success:
        return QStringLiteral("success");
    case AttemptRecord::Failure:
        return QStringLiteral("failure");
    case AttemptRecord::Error:
        return QStringLiteral("error");
    case AttemptRecord::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

} // namespace hookscope
