#pragma once

#include "core/engine/endpointsnapshot.h"

#include <QDateTime>

namespace hookscope {

// An endpoint is stuck when it has pending events and nothing has been delivered for longer than
// it would take a healthy-but-unlucky endpoint to recover: the larger of a floor (default 30 s) and
// `backoffs` full retry cycles (backoff + timeout each). Paused endpoints are never stuck: an
// operator holds them on purpose.
class StuckDetector
{
public:
    struct Settings
    {
        qint64 minimumMs = 30'000;
        int backoffs = 5;
    };

    StuckDetector() = default;
    explicit StuckDetector(Settings settings) : m_settings(settings) { }

    qint64 thresholdMs(const EndpointConfig &config) const;
    // How long the endpoint has had pending events without a delivery (0 when not applicable).
    static qint64 stalledForMs(const EndpointSnapshot &endpoint, const QDateTime &now);
    bool isStuck(const EndpointSnapshot &endpoint, const QDateTime &now) const;
    // One sentence for a tooltip or a notification: why it is stuck.
    QString reason(const EndpointSnapshot &endpoint, const QDateTime &now) const;

    const Settings &settings() const { return m_settings; }
    void setSettings(const Settings &settings) { m_settings = settings; }

private:
    Settings m_settings;
};

} // namespace hookscope
