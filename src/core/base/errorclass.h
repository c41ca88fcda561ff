#pragma once

#include <QString>

namespace hookscope {

// Why an attempt got no HTTP response.
enum class ErrorClass { None, Refused, Reset, Timeout, Dns, Tls, Other, Cancelled };
QString errorClassName(ErrorClass errorClass);     // "refused", "reset", "timeout", "dns", "tls", "other", "cancelled"

} // namespace hookscope
