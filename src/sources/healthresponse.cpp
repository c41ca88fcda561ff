#include "sources/healthresponse.h"

#include <QJsonObject>

namespace hookscope {

HttpResponse healthResponse(const std::function<QString()> &problem)
{
    const QString reason = problem ? problem() : QString();
    HttpResponse response = reason.isEmpty()
        ? HttpResponse::json(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}})
        : HttpResponse::json(503, QJsonObject{{QStringLiteral("status"), QStringLiteral("unavailable")},
                                              {QStringLiteral("error"), reason}});
    // A probe must see the state now, never a cached answer.
    response.setHeader("Cache-Control", "no-store");
    return response;
}

} // namespace hookscope
