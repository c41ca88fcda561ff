#include "core/model/eventvalidator.h"

#include <QDate>
#include <QDateTime>
#include <QRegularExpression>
#include <QStringList>
#include <QTime>
#include <QTimeZone>

namespace hookscope {

namespace {

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("missing");
}

// A member that must be a non-empty string; returns it (empty when there is a problem).
QString requireString(const QJsonObject &object, const QString &prefix, const QString &key,
                      QList<EventProblem> *problems)
{
    const QString field = prefix + key;
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
        problems->append({field, QStringLiteral("\"%1\" is missing").arg(field)});
    } else if (!value.isString()) {
        problems->append({field, QStringLiteral("\"%1\" must be a string, not %2").arg(field, typeName(value))});
    } else if (value.toString().isEmpty()) {
        problems->append({field, QStringLiteral("\"%1\" is empty").arg(field)});
    } else {
        return value.toString();
    }
    return QString();
}

bool requireObject(const QJsonObject &object, const QString &key, bool optional,
                   QList<EventProblem> *problems)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() && optional)
        return false;
    if (value.isUndefined()) {
        problems->append({key, QStringLiteral("\"%1\" is missing (an object)").arg(key)});
        return false;
    }
    if (!value.isObject()) {
        problems->append({key, QStringLiteral("\"%1\" must be an object, not %2").arg(key, typeName(value))});
        return false;
    }
    return true;
}

} // namespace

bool EventValidator::isRegistryAction(const QString &action)
{
    return action == QLatin1String("push") || action == QLatin1String("pull")
           || action == QLatin1String("delete") || action == QLatin1String("mount");
}

QList<EventProblem> EventValidator::check(const QJsonObject &event)
{
    QList<EventProblem> problems;
    // A retry re-sends the same id and receivers deduplicate by it: an event without one cannot
    // be told apart from its own repeats.
    requireString(event, QString(), QStringLiteral("id"), &problems);
    const QString timestamp = requireString(event, QString(), QStringLiteral("timestamp"), &problems);
    if (!timestamp.isEmpty() && !parseTimestampNs(timestamp)) {
        problems.append({QStringLiteral("timestamp"),
                         QStringLiteral("\"timestamp\" \"%1\" is not an RFC 3339 time "
                                        "(e.g. 2026-11-27T18:55:52.465910749Z)")
                             .arg(timestamp)});
    }
    const QString action = requireString(event, QString(), QStringLiteral("action"), &problems);
    if (!action.isEmpty() && !isRegistryAction(action)) {
        problems.append({QStringLiteral("action"),
                         QStringLiteral("\"action\" \"%1\" is not push, pull, delete or mount").arg(action)});
    }
    if (requireObject(event, QStringLiteral("target"), false, &problems)) {
        const QJsonObject target = event.value(QStringLiteral("target")).toObject();
        // The 2015 shape names the repository "name"; 2.8.2 says "repository". One is needed
        // for any receiver to know what the event is about.
        if (!target.value(QStringLiteral("repository")).isString()
            && !target.value(QStringLiteral("name")).isString()) {
            problems.append({QStringLiteral("target.repository"),
                             QStringLiteral("\"target.repository\" is missing (a string)")});
        }
    }
    if (requireObject(event, QStringLiteral("request"), false, &problems)) {
        const QJsonObject request = event.value(QStringLiteral("request")).toObject();
        requireString(request, QStringLiteral("request."), QStringLiteral("method"), &problems);
    }
    requireObject(event, QStringLiteral("actor"), true, &problems);
    requireObject(event, QStringLiteral("source"), true, &problems);
    return problems;
}

std::optional<QString> EventValidator::checkIngested(const QJsonObject &event)
{
    // Deliberately looser than check(): empty strings and other actions pass, so senders that
    // are registry-like but not registry 2.8.2 (v3's new actions, say) are not refused.
    struct Required
    {
        const char *key;
        QJsonValue::Type type;
    };
    static constexpr Required required[] = {{"id", QJsonValue::String},
                                            {"timestamp", QJsonValue::String},
                                            {"action", QJsonValue::String},
                                            {"target", QJsonValue::Object}};
    for (const Required &r : required) {
        const QString key = QLatin1String(r.key);
        const QJsonValue value = event.value(key);
        if (value.isUndefined())
            return QStringLiteral("missing \"%1\"").arg(key);
        if (value.type() != r.type) {
            return QStringLiteral("\"%1\" must be %2, not %3")
                .arg(key, r.type == QJsonValue::String ? QStringLiteral("a string")
                                                       : QStringLiteral("an object"),
                     typeName(value));
        }
        // In field order, so the message names the first field that is wrong.
        if (key == QLatin1String("timestamp") && !parseTimestampNs(value.toString())) {
            return QStringLiteral("\"timestamp\" \"%1\" is not an RFC 3339 time")
                .arg(value.toString().left(64));
        }
    }
    return std::nullopt;
}

QString EventValidator::describe(const QList<EventProblem> &problems)
{
    QStringList messages;
    for (const EventProblem &p : problems)
        messages << p.message;
    return messages.join(QStringLiteral("; "));
}

std::optional<qint64> EventValidator::parseTimestampNs(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?"
        "(?:([Zz])|([+-])(\\d{2}):(\\d{2}))$"));
    const QRegularExpressionMatch m = pattern.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt());
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    int offsetSeconds = 0;
    if (m.captured(8).isEmpty()) {
        const int hours = m.captured(10).toInt();
        const int minutes = m.captured(11).toInt();
        if (hours > 23 || minutes > 59)
            return std::nullopt;
        offsetSeconds = (hours * 3600 + minutes * 60) * (m.captured(9) == QLatin1String("-") ? -1 : 1);
    }
    const QDateTime at(date, time, QTimeZone(offsetSeconds));
    QString fraction = m.captured(7);
    fraction = fraction.leftJustified(9, QLatin1Char('0'));
    return at.toSecsSinceEpoch() * 1'000'000'000 + fraction.toLongLong();
}

} // namespace hookscope
