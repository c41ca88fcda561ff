#pragma once

#include <QString>

namespace hookscope {

// Splits "host:port" ("127.0.0.1:5050", "localhost:0", "[::1]:5050"). Port 0 is allowed (pick a
// free port, handy in tests). An empty host (":5050") is refused: listening on every interface
// must be spelled out ("0.0.0.0:5050") because the lint warns about it.
bool splitListenAddress(const QString &address, QString *host, int *port);

// An allowedhosts entry is what a client writes in Host: "name", "name:port", "[v6]" or
// "[v6]:port" (port 1 to 65535). Why `entry` is not one, or an empty string when it is.
QString allowedHostProblem(const QString &entry);

} // namespace hookscope
