#include "sources/receiverreport.h"

#include "sources/generator.h"
#include "testing/testendpointserver.h"

namespace hookscope {

QList<ReceiverReport> ReceiverReport::collect(const TestEndpointServer *server,
                                              const Generator *generator, const QStringList &fed)
{
    QList<ReceiverReport> reports;
    if (!server)
        return reports;
    for (const TestEndpointStats &stats : server->snapshot()) {
        ReceiverReport report;
        report.stats = stats;
        if (generator) {
            report.generated = generator->lastSequence();
            if (fed.contains(stats.name))
                report.lost = server->missing(stats.name, generator->stream(), report.generated);
        }
        reports.append(report);
    }
    return reports;
}

QString ReceiverReport::toLine() const
{
    return QStringLiteral("receiver %1 accepted=%2 unique=%3 dup=%4 order=%5 lost=%6 generated=%7 "
                          "requests=%8 rejected=%9")
        .arg(stats.name)
        .arg(stats.checks.events)
        .arg(stats.checks.uniqueIds)
        .arg(stats.checks.duplicates)
        .arg(stats.checks.outOfOrder)
        .arg(lost < 0 ? QStringLiteral("-") : QString::number(lost))
        .arg(generated)
        .arg(stats.requests)
        .arg(stats.rejected);
}

} // namespace hookscope
