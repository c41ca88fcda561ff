#pragma once

#include "core/engine/endpointsnapshot.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace hookscope::fixtures {

// The registry 2.8.2 capture (read-only), see tests/fixtures/registry-2.8.2/README.md.
QString directory();
QString path(const QString &relativePath);
bool exists(const QString &relativePath);
// File names (relative to directory()) in a sub folder, sorted; an empty folder lists the top level.
QStringList list(const QString &subFolder = QString(), const QStringList &nameFilters = {});
// The file's bytes; a warning and an empty result when unreadable (tests then fail on content).
QByteArray read(const QString &relativePath);
QJsonDocument readJson(const QString &relativePath);
// Every envelope the registry POSTed, as "events/001-push-blob.json"-style paths relative to
// directory(): the events and events-default-config folders, each sorted by name.
QStringList envelopeFiles();
// The event objects of one fixture envelope.
QJsonArray envelopeEvents(const QString &relativePath);

// headers.txt turned into the exact request bytes the registry sends: CRLF line ends, a blank
// line, then the body, with Content-Length rewritten to the body's size.
QByteArray registryRequest(const QByteArray &body, const QString &headersFile = QStringLiteral("headers.txt"));

// An engine snapshot with the endpoints of a registry expvar "endpoints" array (config and
// metrics as the registry showed them), so writers can be checked against the captured output.
EngineSnapshot snapshotFromExpvar(const QJsonArray &endpoints);
// registry.notifications.endpoints of an expvar capture; accepts both the bare
// {"endpoints": ...} files and the full /debug/vars page.
QJsonArray expvarEndpoints(const QJsonDocument &document);

} // namespace hookscope::fixtures
