#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace hookscope {

// One reason a JSON object is not a registry notification event.
struct EventProblem
{
    QString field;     // "id", "target", "request.method"...
    QString message;   // names the field: "\"id\" is missing"
};

// What hookscope's own ways in for hand-made events (the composer, replay) demand of an event,
// following the registry 2.8.2 event model (notifications-spec 1.2): id, timestamp, action,
// target and request are always there, actor and source are objects when present. Ingest stays
// lenient (it relays whatever a registry sends); these paths refuse what a registry never sends.
class EventValidator
{
public:
    static QList<EventProblem> check(const QJsonObject &event);
    // What ingest demands (hookscope.ingest.validate): only what any receiver needs to make
    // sense of an event, a string "id", an RFC 3339 "timestamp", a string "action" and an
    // object "target". The first problem, e.g. `missing "timestamp"`; nullopt when none.
    static std::optional<QString> checkIngested(const QJsonObject &event);
    // Problems as one line: "\"id\" is missing; \"target\" must be an object".
    static QString describe(const QList<EventProblem> &problems);

    // Go's RFC 3339 time ("2026-11-27T18:55:52.465910749Z", "...+02:00", 0 to 9 fraction digits)
    // as nanoseconds since the epoch; nullopt when it is not one.
    static std::optional<qint64> parseTimestampNs(const QString &text);

    static bool isRegistryAction(const QString &action);
};

} // namespace hookscope
