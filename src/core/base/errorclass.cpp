#include "core/base/errorclass.h"

#include "core/base/enumname.h"

namespace hookscope {

QString errorClassName(ErrorClass errorClass)
{
    // None has no name: an attempt without an error shows nothing.
    static constexpr std::array<const char *, 16> names{
        "",      "refused", "reset",       "timeout",        "dns",          "tls",
        "other", "cancelled", "url",       "tls-expired",    "tls-hostname", "tls-untrusted",
        "tls-selfsigned", "tls-clientcert", "tls-timeout", "tls-protocol"};
    static_assert(names.size() == std::size_t(ErrorClass::TlsProtocol) + 1);
    return enumName(names, errorClass);
}

bool isTlsErrorClass(ErrorClass errorClass)
{
    return errorClass == ErrorClass::Tls || (errorClass >= ErrorClass::TlsExpired && errorClass <= ErrorClass::TlsProtocol);
}

} // namespace hookscope
