#pragma once

#include <QMutex>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace hookscope {

// Whether the journal's writes fail, why, and when to try again. A failed write (disk full, I/O
// error) is not the end: the journal keeps its batch and tries again with backoff (`firstMs`,
// doubling up to `maxMs`) until a write succeeds; meanwhile it says it cannot write, so ingest
// answers 503 with the reason and the registry retries.
//
// Used on the journal's own (engine) thread, except writable()/reason() through health(), which
// any thread may call (the listeners' /healthz, the GUI).
class JournalOutage final
{
public:
    // `retry` runs on `owner`'s thread each time the backoff elapses; the timer is `owner`'s child
    // so it follows it to another thread.
    JournalOutage(QObject *owner, std::function<void()> retry);

    bool isFailing() const { return !m_failure.isEmpty(); }
    QString failure() const { return m_failure; }

    struct Health
    {
        bool writable = true;
        QString reason;   // empty while writable
    };
    Health health() const;

    // A write failed: logs it, arms the next retry. True when the outage began or its reason
    // changed, i.e. when listeners must hear of it.
    bool failed(const QString &error);
    // A write succeeded after failures: logs how long `path` was down, disarms the retry.
    void ended(const QString &path);

    void setRetryDelays(int firstMs, int maxMs);

private:
    QString m_failure;
    QTimer m_retryTimer;
    int m_retryFirstMs = 100;
    int m_retryMaxMs = 5000;
    int m_retryDelayMs = 100;
    qint64 m_downSinceMs = 0;
    mutable QMutex m_healthMutex;
    Health m_health;   // guarded by m_healthMutex: read from other threads
};

} // namespace hookscope
