#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>

namespace hookscope {

// Measures how responsive the GUI thread is: a precise 10 ms heartbeat records how late each tick
// fires. Lateness is what a user feels as a stall (input and paint wait just as long). Figures cover
// the last 10 seconds. Lives on the thread it measures; starts on construction.
class StallProbe final : public QObject
{
    Q_OBJECT
public:
    static constexpr int IntervalMs = 10;
    static constexpr qint64 WindowMs = 10'000;

    explicit StallProbe(QObject *parent = nullptr);

    double worstMs() const;   // largest lateness in the window
    double p99Ms() const;     // nearest-rank 99th percentile of the lateness in the window
    int sampleCount() const { return int(m_samples.size()); }
    void reset();             // forget the window (e.g. at the start of a benchmark phase)

    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }

Q_SIGNALS:
    void updated();   // about once per second while running

private:
    struct Sample
    {
        qint64 atMs;
        double lateMs;
    };
    void handleTick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastTickNs = -1;
    qint64 m_lastUpdateMs = 0;
    std::deque<Sample> m_samples;
};

} // namespace hookscope
