// TEMPORARY stand-in until the model work lands (wip-model replaces this file).
#include "model/eventrecord.h"
#include "model/event.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace hookscope {

std::shared_ptr<const EventRecord> EventRecord::fromJson(const QByteArray &json, QString *error)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject()) {
        if (error)
            *error = QStringLiteral("not an object");
        return nullptr;
    }
    const QJsonObject o = doc.object();
    std::shared_ptr<EventRecord> r(new EventRecord);
    r->m_id = o.value(QLatin1String("id")).toString().toUtf8();
    r->m_action = o.value(QLatin1String("action")).toString();
    const QJsonObject t = o.value(QLatin1String("target")).toObject();
    r->m_mediaType = t.value(QLatin1String("mediaType")).toString();
    r->m_repository = t.value(QLatin1String("repository")).toString();
    r->m_tag = t.value(QLatin1String("tag")).toString();
    r->m_json = doc.toJson(QJsonDocument::Compact);
    r->m_acceptedAtMs = QDateTime::currentMSecsSinceEpoch();
    return r;
}

std::shared_ptr<const EventRecord> EventRecord::fromEvent(const Event &)
{
    return nullptr;
}

Event EventRecord::toEvent() const
{
    return {};
}

QByteArray EventRecord::indentedJson(int) const
{
    return m_json;
}

qsizetype EventRecord::approximateBytes() const
{
    return m_json.size() + 200;
}

} // namespace hookscope
