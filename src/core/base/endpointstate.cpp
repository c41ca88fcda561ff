#include "core/base/endpointstate.h"

#include "core/base/enumname.h"

namespace hookscope {

QString endpointStateName(EndpointState state)
{
    static constexpr std::array<const char *, 6> names{"idle", "sending", "backing off", "paused", "closed",
                                                       "unreachable"};
    static_assert(names.size() == std::size_t(EndpointState::Unreachable) + 1);
    return enumName(names, state);
}

} // namespace hookscope
