#pragma once

#include "http/httpresponse.h"

#include <QString>

#include <functional>

namespace hookscope {

// GET /healthz, the same on the ingest and the admin listener: 200 {"status": "ok"} when `problem`
// is unset or returns nothing, else 503 {"status": "unavailable", "error": REASON}. A load balancer
// or an orchestrator probing either port then sees a journal that cannot write (ingest answers 503
// then too) instead of a green light.
HttpResponse healthResponse(const std::function<QString()> &problem);

} // namespace hookscope
