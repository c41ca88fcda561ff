#pragma once

#include <QString>

namespace hookscope {

// Splits "host:port" ("127.0.0.1:5050", "localhost:0", "[::1]:5050"). Port 0 is allowed (pick a
// free port, handy in tests). An empty host (":5050") is refused: listening on every interface
// must be spelled out ("0.0.0.0:5050") because the lint warns about it.
bool splitListenAddress(const QString &address, QString *host, int *port);

} // namespace hookscope
