#pragma once

// Builders shared by the GUI tests: attempt records and snapshots shaped like the engine's.

#include "core/engine/attemptlog.h"
#include "core/engine/deadletters.h"
#include "core/engine/endpointsnapshot.h"
#include "core/model/eventrecord.h"

#include <QDateTime>

#include <memory>

namespace hookscope::guitest {

inline EventPtr event(const QByteArray &id, const QString &repository = QStringLiteral("demo/hello"),
                      const QString &tag = QStringLiteral("latest"))
{
    const QByteArray json = "{\"id\":\"" + id + "\",\"timestamp\":\"2026-11-27T18:55:52.5Z\",\"action\":\"push\","
                            "\"target\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":471,"
                            "\"digest\":\"sha256:c585\",\"repository\":\"" + repository.toUtf8() + "\",\"tag\":\""
        + tag.toUtf8() + "\"},\"request\":{\"id\":\"r1\"}}";
    return EventRecord::fromJson(json);
}

// Attempt `sequence` of an endpoint: 503 when status is 503, a refused connection when status is 0.
inline AttemptRecord attempt(qint64 sequence, int status = 200)
{
    AttemptRecord r;
    r.sequence = sequence;
    r.startedAt = QDateTime::fromMSecsSinceEpoch(1'780'000'000'000 + sequence * 1000, Qt::UTC);
    r.durationMs = 10.0 + double(sequence);
    r.eventIds = {"ev-" + QByteArray::number(sequence)};
    r.url = QStringLiteral("http://127.0.0.1:9/hook");
    r.requestHeaders = {{"Content-Type", "application/vnd.docker.distribution.events.v1+json"},
                        {"Authorization", "Bearer ****"}};
    r.requestBody = "{\"events\":[{\"id\":\"ev-" + QByteArray::number(sequence) + "\"}]}";
    r.requestBodyBytes = r.requestBody.size();
    r.status = status;
    if (status >= 200 && status < 400) {
        r.outcome = AttemptRecord::Success;
        r.reason = QStringLiteral("OK");
    } else if (status > 0) {
        r.outcome = AttemptRecord::Failure;
        r.reason = QStringLiteral("Service Unavailable");
        r.responseHeaders = {{"Content-Type", "text/plain"}};
        r.responseBody = "down for maintenance";
        r.errorText = QStringLiteral("503 Service Unavailable");
    } else {
        r.outcome = AttemptRecord::Error;
        r.errorClass = ErrorClass::Refused;
        r.errorText = QStringLiteral("Connection refused");
    }
    return r;
}

inline EndpointSnapshot endpoint(const QString &name, std::shared_ptr<AttemptLog> attempts = {},
                                 std::shared_ptr<DeadLetters> deadLetters = {})
{
    EndpointSnapshot s;
    s.config.name = name;
    s.stores.attempts = std::move(attempts);
    s.stores.deadLetters = std::move(deadLetters);
    return s;
}

} // namespace hookscope::guitest
