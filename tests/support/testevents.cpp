#include "testevents.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hookscope::test {

EventPtr makeEvent(const QByteArray &id, const QString &action, const QString &mediaType)
{
    QByteArray target = "{";
    if (!mediaType.isEmpty())
        target += "\"mediaType\":\"" + mediaType.toUtf8() + "\",\"size\":471,";
    target += "\"digest\":\"sha256:c5856a990423e4d2222b8209b6503fbce248a4c628e4443b7758d1b3dd456287\","
              "\"repository\":\"demo/hello\"}";
    const QByteArray json = "{\"id\":\"" + id + "\",\"timestamp\":\"2026-11-27T18:55:52.501344571Z\","
                            "\"action\":\"" + action.toUtf8() + "\",\"target\":" + target
        + ",\"request\":{\"id\":\"r-" + id + "\",\"addr\":\"127.0.0.1:1\",\"host\":\"127.0.0.1:5000\","
          "\"method\":\"PUT\",\"useragent\":\"test\"},\"actor\":{},\"source\":{\"addr\":\"vm:5000\","
          "\"instanceID\":\"i-1\"}}";
    QString error;
    EventPtr event = EventRecord::fromJson(json, &error);
    Q_ASSERT_X(event, "makeEvent", qPrintable(error));
    return event;
}

EventBlock makeEvents(int n, const QByteArray &prefix)
{
    EventBlock block;
    block.reserve(size_t(n));
    for (int i = 0; i < n; ++i)
        block.push_back(makeEvent(prefix + '-' + QByteArray::number(i)));
    return block;
}

QByteArray envelopeJson(const QList<QByteArray> &ids, const QString &repository)
{
    QJsonArray events;
    for (const QByteArray &id : ids) {
        events.append(QJsonObject{
            {QStringLiteral("id"), QString::fromUtf8(id)},
            {QStringLiteral("timestamp"), QStringLiteral("2026-11-28T06:00:00.000000000Z")},
            {QStringLiteral("action"), QStringLiteral("push")},
            {QStringLiteral("target"), QJsonObject{{QStringLiteral("mediaType"),
                                                    QStringLiteral("application/vnd.oci.image.manifest.v1+json")},
                                                   {QStringLiteral("repository"), repository},
                                                   {QStringLiteral("tag"), QStringLiteral("latest")}}},
        });
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("events"), events}}).toJson(QJsonDocument::Compact);
}

QList<QByteArray> idsOf(const EventBlock &block)
{
    QList<QByteArray> ids;
    for (const EventPtr &event : block)
        ids.append(event->id());
    return ids;
}

} // namespace hookscope::test
