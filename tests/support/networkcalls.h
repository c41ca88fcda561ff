#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QUrl>

namespace hookscope::test {

// GETs `url` and parses the answer as a JSON object; empty when no answer came within 5 s or it
// was no object.
QJsonObject getJson(QNetworkAccessManager &network, const QUrl &url);

// POSTs `body` with `contentType` (2 s transfer timeout); the HTTP status, -QNetworkReply::error()
// when no status came, -1000 when nothing finished within 4 s.
int postStatus(QNetworkAccessManager &network, const QUrl &url, const QByteArray &body,
               const QByteArray &contentType);

} // namespace hookscope::test
