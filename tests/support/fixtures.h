#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QString>
#include <QStringList>

namespace hookscope::fixtures {

// The registry 2.8.2 capture (read-only), see /work/shared/fixtures/registry-2.8.2/README.md.
QString directory();
QString path(const QString &relativePath);
bool exists(const QString &relativePath);
// File names (relative to directory()) in a sub folder, sorted; an empty folder lists the top level.
QStringList list(const QString &subFolder = QString(), const QStringList &nameFilters = {});
// The file's bytes; a warning and an empty result when unreadable (tests then fail on content).
QByteArray read(const QString &relativePath);
QJsonDocument readJson(const QString &relativePath);

// headers.txt turned into the exact request bytes the registry sends: CRLF line ends, a blank
// line, then the body, with Content-Length rewritten to the body's size.
QByteArray registryRequest(const QByteArray &body, const QString &headersFile = QStringLiteral("headers.txt"));

} // namespace hookscope::fixtures
