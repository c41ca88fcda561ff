#include "sources/replayer.h"

namespace hookscope {

namespace {

// Fast pace publishes this many envelopes per turn of the event loop.
constexpr int FastSlice = 500;

} // namespace

Replayer::Replayer(QObject *parent)
    : QObject(parent)
    , m_timer(this)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Replayer::publishDue);
}

Replayer::~Replayer() = default;

bool Replayer::paceFromName(const QString &name, Pace *pace)
{
    if (name.compare(QLatin1String("original"), Qt::CaseInsensitive) == 0)
        *pace = Pace::Original;
    else if (name.compare(QLatin1String("fast"), Qt::CaseInsensitive) == 0 || name.isEmpty())
        *pace = Pace::Fast;
    else
        return false;
    return true;
}

void Replayer::start(const QList<ReplayEnvelope> &envelopes, Pace pace, Submit submit)
{
    stop();
    if (envelopes.isEmpty())
        return;
    m_envelopes = envelopes;
    m_next = 0;
    m_pace = pace;
    m_submit = std::move(submit);
    m_published = 0;
    m_refused = 0;
    m_offsetNs = 0;
    m_running = true;
    m_clock.start();
    m_timer.start(0);
}

void Replayer::stop()
{
    m_timer.stop();
    m_running = false;
}

void Replayer::publishDue()
{
    int sent = 0;
    while (m_next < m_envelopes.size()) {
        if (m_pace == Pace::Original && m_offsetNs > m_clock.nsecsElapsed()) {
            m_timer.start(int(qMax<qint64>(0, (m_offsetNs - m_clock.nsecsElapsed()) / 1'000'000)));
            return;
        }
        if (m_pace == Pace::Fast && sent == FastSlice) {
            m_timer.start(0);
            return;
        }
        const ReplayEnvelope &envelope = m_envelopes.at(m_next);
        const qsizetype events = qsizetype(envelope.events.size());
        if (m_submit && m_submit(envelope.events))
            m_published += events;
        else
            m_refused += events;
        ++sent;
        ++m_next;
        if (m_next < m_envelopes.size()) {
            const qint64 gap = m_envelopes.at(m_next).timestampNs - envelope.timestampNs;
            // Timestamps that go backwards (files from different captures) mean "right after".
            if (envelope.timestampNs > 0 && gap > 0)
                m_offsetNs += gap;
        }
    }
    finish();
}

void Replayer::finish()
{
    m_running = false;
    m_envelopes.clear();
    m_next = 0;
    Q_EMIT finished(m_published, m_refused);
}

} // namespace hookscope
