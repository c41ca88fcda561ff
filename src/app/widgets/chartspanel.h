#pragma once

#include "app/models/charthistory.h"
#include "core/engine/endpointsnapshot.h"

#include <QTimer>
#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace hookscope {

// Three live charts for one endpoint over a sliding window (1, 5 or 15 minutes): pending depth,
// successes/failures/errors per second, latency p50/p95. History accumulates for every endpoint
// (recordSnapshot), so selecting another endpoint shows its past at once. Redraws at most twice a
// second, and not at all while hidden.
class ChartsPanel final : public QWidget
{
    Q_OBJECT
public:
    enum class Series { Pending, Successes, Failures, Errors, LatencyP50, LatencyP95 };
    static constexpr int RedrawIntervalMs = 500;

    explicit ChartsPanel(QWidget *parent = nullptr);

    // Every engine snapshot, whichever endpoint is shown.
    void recordSnapshot(const EngineSnapshot &snapshot);
    void setEndpointName(const QString &name);   // what is drawn; empty draws nothing
    QString endpointName() const { return m_endpointName; }
    // Panel contract: same as setEndpointName(snapshot.config.name); history comes from recordSnapshot.
    void setEndpoint(const EndpointSnapshot &snapshot);
    void clear();          // draw nothing; the history is kept
    void clearHistory();   // forget every endpoint's past

    void setWindowMinutes(int minutes);   // 1, 5 or 15; other values are clamped to the nearest
    int windowMinutes() const { return m_windowMinutes; }

    QLineSeries *series(Series which) const;
    int pointCount(Series which) const;
    const ChartHistory &history() const { return m_history; }
    int redrawCount() const { return m_redraws; }
    void redrawNow();

Q_SIGNALS:
    void windowMinutesChanged(int minutes);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct Plot
    {
        QChart *chart = nullptr;
        QChartView *view = nullptr;
        QDateTimeAxis *x = nullptr;
        QValueAxis *y = nullptr;
    };
    Plot makePlot(const QString &title, std::initializer_list<QLineSeries *> series);
    void scheduleRedraw();
    void applyTheme();

    ChartHistory m_history;
    QString m_endpointName;
    int m_windowMinutes = 5;
    QTimer m_redrawTimer;
    bool m_dirty = false;
    int m_redraws = 0;
    QComboBox *m_windowBox = nullptr;
    QLineSeries *m_series[6] = {};
    Plot m_pendingPlot;
    Plot m_ratePlot;
    Plot m_latencyPlot;
};

} // namespace hookscope
