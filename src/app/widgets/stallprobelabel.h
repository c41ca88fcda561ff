#pragma once

#include <QLabel>
#include <QPointer>

namespace hookscope {

class StallProbe;

// Status-bar text for a StallProbe: "GUI stall: p99 1.2 ms, worst 8 ms", refreshed once a second.
class StallProbeLabel final : public QLabel
{
    Q_OBJECT
public:
    explicit StallProbeLabel(StallProbe *probe, QWidget *parent = nullptr);

    static QString format(double p99Ms, double worstMs);

private:
    void refresh();

    QPointer<StallProbe> m_probe;
};

} // namespace hookscope
