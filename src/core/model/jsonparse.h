#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace hookscope {

// Parses text that must hold one JSON object. Returns a null string on success, otherwise a short
// reason: "not JSON: <Qt's reason> at offset N", or `notObjectMessage` when the text is valid JSON
// of another kind. (QJsonDocument refuses top-level scalars outright; this still names them as
// "not an object" because that is what the sender needs to hear.)
QString parseJsonObject(const QByteArray &text, QJsonObject *object,
                        const QString &notObjectMessage);

} // namespace hookscope
