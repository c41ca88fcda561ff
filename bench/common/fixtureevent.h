#pragma once
// The memory and codec benches measure a real registry event: the manifest push of fixture 003
// (1,002 bytes of compact JSON). Targets that include this define HOOKSCOPE_FIXTURES_DIR.
#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hookscope::bench {

// The fixture's first event as compact JSON; a minimal push when the fixture cannot be read.
inline QByteArray fixtureManifestPush()
{
    QFile file(QStringLiteral(HOOKSCOPE_FIXTURES_DIR "/events/003-push-manifest-oci.json"));
    if (file.open(QIODevice::ReadOnly)) {
        const QJsonArray events = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("events")).toArray();
        if (!events.isEmpty())
            return QJsonDocument(events.at(0).toObject()).toJson(QJsonDocument::Compact);
    }
    return QByteArrayLiteral("{\"id\":\"a896e1c0-d3b2-44a1-89f0-9b6f70234df7\",\"action\":\"push\",\"target\":{}}");
}

} // namespace hookscope::bench
