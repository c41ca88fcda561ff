#pragma once

#include <QString>

#include <cstddef>
#include <utility>

namespace hookscope {

// Why an attempt got no HTTP response.
// Url: no request could be made for the endpoint's URL (no scheme, ftp://, no host), which the
// registry, too, counts as an Error on every attempt.
enum class ErrorClass { None, Refused, Reset, Timeout, Dns, Tls, Other, Cancelled, Url };
// "refused", "reset", "timeout", "dns", "tls", "other", "cancelled", "url"
QString errorClassName(ErrorClass errorClass);

// The class a transport's table of (its own error, class) rows gives `error`; Other for an error
// the table does not list. Each transport keeps its table next to the socket API it speaks.
template<typename Error, std::size_t N>
ErrorClass classifyError(const std::pair<Error, ErrorClass> (&table)[N], Error error)
{
    for (const auto &[known, errorClass] : table) {
        if (known == error)
            return errorClass;
    }
    return ErrorClass::Other;
}

} // namespace hookscope
