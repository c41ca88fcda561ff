#include "core/journal/journaloutage.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QMutexLocker>

namespace hookscope {

Q_LOGGING_CATEGORY(lcJournalOutage, "hookscope.core.journal")

JournalOutage::JournalOutage(QObject *owner, std::function<void()> retry)
    : m_retryTimer(owner)
{
    m_retryTimer.setSingleShot(true);
    QObject::connect(&m_retryTimer, &QTimer::timeout, owner, std::move(retry));
}

JournalOutage::Health JournalOutage::health() const
{
    const QMutexLocker locker(&m_healthMutex);
    return m_health;
}

bool JournalOutage::failed(const QString &error)
{
    const bool first = m_failure.isEmpty();
    const bool changed = m_failure != error;
    m_failure = error;
    if (first) {
        m_downSinceMs = QDateTime::currentMSecsSinceEpoch();
        m_retryDelayMs = m_retryFirstMs;
        qCCritical(lcJournalOutage).noquote() << error << "- new events are refused (503) until a write succeeds;"
                                              << "retrying, nothing acknowledged is lost";
    } else if (changed) {
        qCWarning(lcJournalOutage).noquote() << error << "- still retrying";
    }
    {
        const QMutexLocker locker(&m_healthMutex);
        m_health = {false, error};
    }
    m_retryTimer.start(m_retryDelayMs);
    m_retryDelayMs = qMin(m_retryMaxMs, m_retryDelayMs * 2);
    return first || changed;
}

void JournalOutage::ended(const QString &path)
{
    m_failure.clear();
    m_retryTimer.stop();
    m_retryDelayMs = m_retryFirstMs;
    {
        const QMutexLocker locker(&m_healthMutex);
        m_health = {};
    }
    qCInfo(lcJournalOutage).noquote() << "journal" << path << "writes again after"
                                      << (QDateTime::currentMSecsSinceEpoch() - m_downSinceMs)
                                      << "ms; accepting events";
}

void JournalOutage::setRetryDelays(int firstMs, int maxMs)
{
    m_retryFirstMs = qMax(1, firstMs);
    m_retryMaxMs = qMax(m_retryFirstMs, maxMs);
    m_retryDelayMs = m_retryFirstMs;
}

} // namespace hookscope
