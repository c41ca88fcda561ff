#include "app/widgets/stallprobelabel.h"

#include "app/widgets/stallprobe.h"

namespace hookscope {

StallProbeLabel::StallProbeLabel(StallProbe *probe, QWidget *parent)
    : QLabel(parent)
    , m_probe(probe)
{
    setToolTip(tr("How late a 10 ms heartbeat on the GUI thread fired over the last 10 seconds: "
                  "the time the window could not react to input or repaint"));
    if (m_probe)
        connect(m_probe, &StallProbe::updated, this, &StallProbeLabel::refresh);
    refresh();
}

QString StallProbeLabel::format(double p99Ms, double worstMs)
{
    return tr("GUI stall: p99 %1 ms, worst %2 ms")
        .arg(QString::number(p99Ms, 'f', 1), QString::number(worstMs, 'f', 0));
}

void StallProbeLabel::refresh()
{
    setText(m_probe ? format(m_probe->p99Ms(), m_probe->worstMs()) : format(0, 0));
}

} // namespace hookscope
