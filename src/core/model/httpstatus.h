#pragma once

#include <QString>

namespace hookscope {

// Go's net/http StatusText as of Go 1.19 (registry 2.8.2's compiler): the reason phrase the
// registry puts in its logs and expvar keys. Unknown codes give an empty string.
QString httpStatusText(int code);

// The registry's expvar Statuses key, fmt.Sprintf("%d %s", code, StatusText(code)):
// "200 OK", "500 Internal Server Error", and "599 " (trailing space) for an unknown code.
QString httpStatusKey(int code);

} // namespace hookscope
