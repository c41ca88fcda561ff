#pragma once

#include "core/model/eventrecord.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace hookscope::test {

// A registry-shaped event with the given id, action and target media type (empty: none, as deletes).
EventPtr makeEvent(const QByteArray &id, const QString &action = QStringLiteral("push"),
                   const QString &mediaType = QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
// n events with ids "<prefix>-0" .. "<prefix>-(n-1)".
EventBlock makeEvents(int n, const QByteArray &prefix = "ev");
// An envelope as the registry POSTs it, one push of `repository`:latest per id, compact JSON.
QByteArray envelopeJson(const QList<QByteArray> &ids, const QString &repository);
// Ids of a block, in order.
QList<QByteArray> idsOf(const EventBlock &block);

} // namespace hookscope::test
