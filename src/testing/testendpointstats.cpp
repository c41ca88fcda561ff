#include "testing/testendpointstats.h"

#include "core/config/secretmask.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>

namespace hookscope {

using namespace Qt::StringLiterals;

namespace {

QJsonObject behaviourJson(const TestEndpointBehaviour &b)
{
    QJsonObject o{{u"mode"_s, TestEndpointBehaviour::modeName(b.mode)}};
    // Only what the mode uses, so an export reads like the configuration that produced it.
    if (b.mode == TestEndpointBehaviour::Status)
        o.insert(u"status"_s, b.status);
    if (b.mode == TestEndpointBehaviour::FailRate) {
        o.insert(u"failRate"_s, b.failRate);
        o.insert(u"seed"_s, double(b.seed));
    }
    if (b.delayMs > 0)
        o.insert(u"delayMs"_s, b.delayMs);
    if (b.latency != TestEndpointBehaviour::Fixed) {
        o.insert(u"latency"_s, b.latency == TestEndpointBehaviour::Uniform ? u"uniform"_s
                                                                            : u"lognormal"_s);
        o.insert(u"delayMaxMs"_s, b.delayMaxMs);
    }
    if (b.mode == TestEndpointBehaviour::Flap || b.mode == TestEndpointBehaviour::DownThenHeal)
        o.insert(u"downMs"_s, b.downMs);
    if (b.mode == TestEndpointBehaviour::Flap)
        o.insert(u"upMs"_s, b.upMs);
    if (b.mode == TestEndpointBehaviour::FailFirst)
        o.insert(u"failCount"_s, b.failCount);
    if (b.mode == TestEndpointBehaviour::SlowBody) {
        o.insert(u"bodyBytes"_s, b.bodyBytes);
        o.insert(u"bodyMs"_s, b.bodyMs);
    }
    if (!b.retryAfter.isEmpty())
        o.insert(u"retryAfter"_s, QString::fromLatin1(b.retryAfter));
    o.insert(u"downStyle"_s, b.downStyle == TestEndpointBehaviour::Reset ? u"reset"_s : u"close"_s);
    if (b.strictMediaType)
        o.insert(u"strictMediaType"_s, true);
    if (!b.requireHeader.isEmpty())   // the name only: a required value is usually a secret
        o.insert(u"requireHeader"_s, QString::fromLatin1(b.requireHeader.split(':').first().trimmed()));
    return o;
}

} // namespace

QJsonObject TestEndpointStats::toJson(bool withRecent) const
{
    QJsonObject statusCounts;
    for (auto it = statuses.constBegin(); it != statuses.constEnd(); ++it)
        statusCounts.insert(QString::number(it.key()), double(it.value()));
    const QJsonObject checkCounts{
        {u"envelopes"_s, double(checks.envelopes)},
        {u"events"_s, double(checks.events)},
        {u"uniqueIds"_s, double(checks.uniqueIds)},
        {u"duplicates"_s, double(checks.duplicates)},
        {u"outOfOrder"_s, double(checks.outOfOrder)},
        {u"multiEventEnvelopes"_s, double(checks.multiEventEnvelopes)},
        {u"badJson"_s, double(checks.badJson)},
        {u"stamped"_s, double(checks.stamped)},
        {u"sequenceGaps"_s, double(checks.sequenceGaps)},
        {u"sent"_s, double(checks.sent)},
        {u"lost"_s, double(checks.lost)},
    };
    QJsonObject o{
        {u"name"_s, name},
        {u"url"_s, maskUrl(url)},   // /debug/vars and the receiver report show every URL masked
        {u"ownPort"_s, ownPort},
        {u"listening"_s, listening},
        {u"down"_s, down},
        {u"behaviour"_s, behaviourJson(behaviour)},
        {u"requests"_s, double(requests)},
        {u"accepted"_s, double(accepted)},
        {u"rejected"_s, double(rejected)},
        {u"resets"_s, double(resets)},
        {u"closes"_s, double(closes)},
        {u"hangs"_s, double(hangs)},
        {u"garbage"_s, double(garbage)},
        {u"statuses"_s, statusCounts},
        {u"checks"_s, checkCounts},
    };
    if (!lastError.isEmpty())
        o.insert(u"lastError"_s, lastError);
    if (withRecent) {
        QJsonArray list;
        for (const TestEndpointRequestSummary &r : recent) {
            list.append(QJsonObject{
                {u"at"_s, QDateTime::fromMSecsSinceEpoch(r.atMs, QTimeZone::utc())
                              .toString(Qt::ISODateWithMs)},
                {u"method"_s, QString::fromLatin1(r.method)},
                {u"target"_s, QString::fromUtf8(r.target)},
                {u"contentType"_s, QString::fromLatin1(r.contentType)},
                {u"bodyBytes"_s, double(r.bodyBytes)},
                {u"events"_s, r.events},
                {u"firstEventId"_s, QString::fromUtf8(r.firstEventId)},
                {u"status"_s, r.status},
                {u"outcome"_s, r.outcome},
                {u"connection"_s, r.connectionId},
            });
        }
        o.insert(u"recent"_s, list);
    }
    return o;
}

} // namespace hookscope
