#include "app/widgets/chartspanel.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace hookscope {

ChartsPanel::ChartsPanel(QWidget *parent)
    : QWidget(parent)
{
    const QString names[6] = {tr("pending"), tr("successes/s"), tr("failures/s"), tr("errors/s"),
                              tr("p50"), tr("p95")};
    for (int i = 0; i < 6; ++i) {
        m_series[i] = new QLineSeries(this);
        m_series[i]->setName(names[i]);
    }
    m_pendingPlot = makePlot(tr("Pending events"), {m_series[0]});
    m_ratePlot = makePlot(tr("Event-attempts per second"), {m_series[1], m_series[2], m_series[3]});
    m_latencyPlot = makePlot(tr("Latency (ms)"), {m_series[4], m_series[5]});
    m_pendingPlot.chart->legend()->hide();

    m_windowBox = new QComboBox(this);
    m_windowBox->addItem(tr("Last minute"), 1);
    m_windowBox->addItem(tr("Last 5 minutes"), 5);
    m_windowBox->addItem(tr("Last 15 minutes"), 15);
    m_windowBox->setCurrentIndex(1);
    connect(m_windowBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setWindowMinutes(m_windowBox->itemData(index).toInt()); });

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Window:"), this));
    top->addWidget(m_windowBox);
    top->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_pendingPlot.view, 1);
    layout->addWidget(m_ratePlot.view, 1);
    layout->addWidget(m_latencyPlot.view, 1);

    m_redrawTimer.setSingleShot(true);
    m_redrawTimer.setInterval(RedrawIntervalMs);
    connect(&m_redrawTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            redrawNow();
        else
            m_dirty = true;   // showEvent catches up
    });
    applyTheme();
}

ChartsPanel::Plot ChartsPanel::makePlot(const QString &title, std::initializer_list<QLineSeries *> series)
{
    Plot plot;
    plot.chart = new QChart;
    plot.chart->setTitle(title);
    plot.chart->setAnimationOptions(QChart::NoAnimation);   // animations cost more than the data
    plot.chart->setMargins(QMargins(4, 4, 4, 4));
    plot.chart->setBackgroundRoundness(0);
    plot.x = new QDateTimeAxis(plot.chart);
    plot.x->setFormat(QStringLiteral("HH:mm:ss"));
    plot.x->setTickCount(6);
    plot.y = new QValueAxis(plot.chart);
    plot.y->setLabelFormat(QStringLiteral("%.0f"));
    plot.y->setMin(0);
    plot.chart->addAxis(plot.x, Qt::AlignBottom);
    plot.chart->addAxis(plot.y, Qt::AlignLeft);
    for (QLineSeries *s : series) {
        plot.chart->addSeries(s);
        s->attachAxis(plot.x);
        s->attachAxis(plot.y);
    }
    plot.view = new QChartView(plot.chart, this);   // the view owns the chart
    plot.view->setRenderHint(QPainter::Antialiasing);
    plot.view->setMinimumHeight(120);
    return plot;
}

void ChartsPanel::recordSnapshot(const EngineSnapshot &snapshot)
{
    m_history.record(snapshot);
    if (m_endpointName.isEmpty())
        return;
    for (const EndpointSnapshot &endpoint : snapshot.endpoints) {
        if (endpoint.config.name == m_endpointName) {
            scheduleRedraw();
            return;
        }
    }
}

void ChartsPanel::scheduleRedraw()
{
    if (!m_redrawTimer.isActive())
        m_redrawTimer.start();
}

void ChartsPanel::setEndpointName(const QString &name)
{
    if (name == m_endpointName)
        return;
    m_endpointName = name;
    redrawNow();   // switching should show the other endpoint's past at once
}

void ChartsPanel::setEndpoint(const EndpointSnapshot &snapshot)
{
    setEndpointName(snapshot.config.name);
}

void ChartsPanel::clear()
{
    setEndpointName(QString());
}

void ChartsPanel::clearHistory()
{
    m_history.clear();
    redrawNow();
}

void ChartsPanel::setWindowMinutes(int minutes)
{
    const int clamped = minutes <= 2 ? 1 : (minutes <= 10 ? 5 : 15);
    if (clamped == m_windowMinutes)
        return;
    m_windowMinutes = clamped;
    m_windowBox->setCurrentIndex(m_windowBox->findData(clamped));
    redrawNow();
    Q_EMIT windowMinutesChanged(clamped);
}

QLineSeries *ChartsPanel::series(Series which) const
{
    return m_series[int(which)];
}

int ChartsPanel::pointCount(Series which) const
{
    return m_series[int(which)]->count();
}

void ChartsPanel::redrawNow()
{
    m_dirty = false;
    ++m_redraws;
    QList<QPointF> points[6];
    const std::deque<ChartHistory::Bucket> *buckets =
        m_endpointName.isEmpty() ? nullptr : m_history.buckets(m_endpointName);
    const qint64 rightMs = m_history.latestMs();
    const qint64 windowMs = qint64(m_windowMinutes) * 60 * 1000;
    const qint64 firstSecond = (rightMs - windowMs) / 1000 + 1;
    double maxPending = 1, maxRate = 1, maxLatency = 1;
    if (buckets) {
        for (size_t i = 0; i < buckets->size(); ++i) {
            const ChartHistory::Bucket &b = (*buckets)[i];
            if (b.second < firstSecond)
                continue;
            const qreal x = qreal(b.second) * 1000;
            points[0].append({x, qreal(b.pending)});
            points[4].append({x, b.latencyP50Ms});
            points[5].append({x, b.latencyP95Ms});
            maxPending = std::max(maxPending, double(b.pending));
            maxLatency = std::max({maxLatency, b.latencyP50Ms, b.latencyP95Ms});
            // The newest second is still filling up; drawing it would show a false drop.
            if (i + 1 == buckets->size())
                continue;
            points[1].append({x, qreal(b.successes)});
            points[2].append({x, qreal(b.failures)});
            points[3].append({x, qreal(b.errors)});
            maxRate = std::max({maxRate, double(b.successes), double(b.failures), double(b.errors)});
        }
    }
    // One replace() per series: a single repaint instead of one per appended point.
    for (int i = 0; i < 6; ++i)
        m_series[i]->replace(points[i]);

    const QDateTime right = QDateTime::fromMSecsSinceEpoch(rightMs > 0 ? rightMs : QDateTime::currentMSecsSinceEpoch());
    const QDateTime left = right.addMSecs(-windowMs);
    for (Plot *plot : {&m_pendingPlot, &m_ratePlot, &m_latencyPlot})
        plot->x->setRange(left, right);
    m_pendingPlot.y->setRange(0, maxPending * 1.1);
    m_ratePlot.y->setRange(0, maxRate * 1.1);
    m_latencyPlot.y->setRange(0, maxLatency * 1.1);
    m_latencyPlot.y->setLabelFormat(maxLatency < 10 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
}

void ChartsPanel::applyTheme()
{
    // The built-in themes restyle everything (background, grid, labels); pick the one that matches
    // the window so the charts do not glare in a dark desktop, then restore our series colours.
    const bool dark = palette().window().color().lightness() < 128;
    for (Plot *plot : {&m_pendingPlot, &m_ratePlot, &m_latencyPlot}) {
        plot->chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
        plot->chart->setBackgroundBrush(palette().window());
        plot->chart->setTitleBrush(palette().windowText());
    }
    const QColor colours[6] = {dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x5f, 0xb4),
                               QColor(0x3d, 0xa5, 0x4a), QColor(0xe0, 0x8a, 0x1e),
                               QColor(0xd9, 0x3b, 0x3b),
                               dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x5f, 0xb4),
                               dark ? QColor(0xd7, 0x9b, 0xf0) : QColor(0x7b, 0x1f, 0xa2)};
    for (int i = 0; i < 6; ++i) {
        QPen pen(colours[i]);
        pen.setWidthF(1.5);
        m_series[i]->setPen(pen);
    }
}

void ChartsPanel::changeEvent(QEvent *event)
{
    // A desktop switching to dark mode may arrive as either event, depending on the platform.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyTheme();
    QWidget::changeEvent(event);
}

void ChartsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        redrawNow();
}

} // namespace hookscope
