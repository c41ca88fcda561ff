#include "core/base/attemptrecord.h"

#include "core/base/enumname.h"

namespace hookscope {

QString attemptOutcomeName(AttemptRecord::Outcome outcome)
{
    static constexpr std::array<const char *, 4> names{"success", "failure", "error", "cancelled"};
    static_assert(names.size() == AttemptRecord::Cancelled + 1);
    return enumName(names, outcome);
}

} // namespace hookscope
