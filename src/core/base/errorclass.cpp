#include "core/base/errorclass.h"

#include "core/base/enumname.h"

namespace hookscope {

QString errorClassName(ErrorClass errorClass)
{
    // None has no name: an attempt without an error shows nothing.
    static constexpr std::array<const char *, 9> names{"", "refused", "reset", "timeout", "dns", "tls", "other",
                                                       "cancelled", "url"};
    static_assert(names.size() == std::size_t(ErrorClass::Url) + 1);
    return enumName(names, errorClass);
}

} // namespace hookscope
