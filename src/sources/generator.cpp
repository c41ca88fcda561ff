#include "sources/generator.h"

namespace hookscope {

using namespace Qt::StringLiterals;

namespace {

// At most this many events per tick when the timer fell behind (a stalled thread): catch up a
// little, then start counting afresh instead of flooding the engine.
constexpr qint64 MaxCatchUp = 1000;

struct ProfileName
{
    GeneratorProfile profile;
    const char *name;
};
constexpr ProfileName ProfileNames[] = {
    {GeneratorProfile::Push, "push"},     {GeneratorProfile::Pull, "pull"},
    {GeneratorProfile::Mount, "mount"},   {GeneratorProfile::Delete, "delete"},
    {GeneratorProfile::Mixed, "mixed"},
};

} // namespace

Generator::Generator(const GeneratorOptions &options, QObject *parent)
    : QObject(parent)
    , m_traffic(options)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Generator::handleTick);
}

Generator::~Generator() = default;

void Generator::setOptions(const GeneratorOptions &options)
{
    m_traffic = GeneratorTraffic(options);
    m_traffic.setClock(m_clockOverride);
    m_pending.clear();
    m_handedOut = 0;
    m_lastSubmitted = 0;
}

void Generator::setRate(double eventsPerSecond)
{
    m_rate = eventsPerSecond;
    if (isRunning())
        rebase();
}

QString Generator::profileName(GeneratorProfile profile)
{
    for (const ProfileName &p : ProfileNames) {
        if (p.profile == profile)
            return QString::fromLatin1(p.name);
    }
    return QString();
}

bool Generator::profileFromName(const QString &name, GeneratorProfile *profile)
{
    for (const ProfileName &p : ProfileNames) {
        if (name.compare(QLatin1String(p.name), Qt::CaseInsensitive) == 0) {
            *profile = p.profile;
            return true;
        }
    }
    return false;
}

QList<Event> Generator::take(int n)
{
    QList<Event> events;
    events.reserve(qMax(0, n));
    while (events.size() < n) {
        if (m_pending.empty()) {
            const QList<Event> operation = m_traffic.operation(m_profile);
            m_pending.insert(m_pending.end(), operation.begin(), operation.end());
            if (m_pending.empty())
                break;
        }
        events.append(std::move(m_pending.front()));
        m_pending.pop_front();
        ++m_handedOut;
    }
    return events;
}

int Generator::burst(int n)
{
    int accepted = 0;
    int refused = 0;
    const QList<Event> events = take(n);
    // take() numbered them consecutively, ending at m_handedOut.
    quint64 seq = m_handedOut - quint64(events.size());
    for (const Event &event : events) {
        ++seq;
        // One event per block: the registry's bridge writes each event on its own, and the queues
        // and retry semantics downstream assume that shape.
        const bool ok = m_submit && m_submit(EventBlock{EventRecord::fromEvent(event)});
        ++(ok ? accepted : refused);
        if (ok)
            m_lastSubmitted = seq;
    }
    m_submitted += accepted;
    m_refused += refused;
    if (accepted + refused > 0)
        Q_EMIT eventsSubmitted(accepted, refused);
    return accepted;
}

void Generator::start()
{
    rebase();
    // Fine enough for smooth pacing at a few events per second, coarse enough to stay cheap; at
    // high rates each tick emits several events.
    const int interval = m_rate > 0 ? qBound(5, int(1000.0 / m_rate), 100) : 100;
    m_timer.start(interval);
    handleTick();   // the first event right away, so the demo shows life at once
}

void Generator::stop()
{
    m_timer.stop();
}

void Generator::rebase()
{
    m_clock.start();
    m_emittedSinceBase = 0;
}

void Generator::handleTick()
{
    if (m_rate <= 0)
        return;
    // Count what is due since the baseline rather than one event per tick, so timer jitter and
    // coarse intervals do not change the long-run rate. The +1 emits the first event at t=0.
    qint64 due = qint64(double(m_clock.elapsed()) * m_rate / 1000.0) + 1 - m_emittedSinceBase;
    // Bursts: wait until a whole burst is due (the first one goes at t=0), then send it at once.
    if (m_burstSize > 1) {
        if (m_emittedSinceBase == 0)
            due = m_burstSize;
        due = due >= m_burstSize ? due - due % m_burstSize : 0;
    }
    if (due <= 0)
        return;
    qint64 now = qMin(due, MaxCatchUp);
    if (m_maxEvents > 0)
        now = qMin<qint64>(now, m_maxEvents - qint64(m_handedOut));
    if (now > 0)
        burst(int(now));
    m_emittedSinceBase += now;
    if (m_maxEvents > 0 && qint64(m_handedOut) >= m_maxEvents) {
        stop();
        return;
    }
    if (due > MaxCatchUp)
        rebase();
}

} // namespace hookscope
