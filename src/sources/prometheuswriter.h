#pragma once

#include "core/engine/endpointsnapshot.h"

#include <QByteArray>
#include <QList>
#include <QPair>

namespace hookscope {

// Renders /metrics in the Prometheus text format 0.0.4. A pure function of the snapshot.
//
// The registry's own notification metrics use registry v3's names, types and help texts
// (2.8.2 has none; spec 3.3): registry_notifications_events_total{endpoint,type},
// registry_notifications_pending_total{endpoint} (a gauge despite the name) and
// registry_notifications_status_total{code,endpoint}. Labels are written in name order, as
// Prometheus' Go client writes them, so a scrape of hookscope reads like a scrape of a v3 registry.
// hookscope_* families carry what the registry does not measure. Disabled endpoints are left out.
// hookscope_journal_up{path} (1 writing, 0 cannot write) is there only in durable mode.
class PrometheusWriter
{
public:
    static constexpr char ContentType[] = "text/plain; version=0.0.4; charset=utf-8";

    using Labels = QList<QPair<QByteArray, QString>>;

    static QByteArray write(const EngineSnapshot &snapshot);

    // Building blocks, public for tests.
    static QByteArray escapeLabelValue(const QString &value);
    static QByteArray sample(const QByteArray &name, const Labels &labels, double value);
    static QByteArray formatValue(double value);
};

} // namespace hookscope
