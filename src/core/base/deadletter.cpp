#include "core/base/deadletter.h"

#include "core/base/enumname.h"

namespace hookscope {

QString deadLetterReasonName(DeadLetterReason reason)
{
    static constexpr std::array<const char *, 4> names{"skipped", "purged", "gave up", "closed"};
    static_assert(names.size() == std::size_t(DeadLetterReason::Closed) + 1);
    return enumName(names, reason);
}

} // namespace hookscope
