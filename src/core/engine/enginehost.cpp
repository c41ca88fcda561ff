#include "core/engine/enginehost.h"

#include "core/base/lockedread.h"
#include "core/engine/deadletterfilter.h"
#include "core/engine/engine.h"

#include <QEventLoop>
#include <QMutexLocker>
#include <QSemaphore>

namespace hookscope {

EngineHost::EngineHost(QObject *parent)
    : QObject(parent)
    , m_snapshot(std::make_shared<const EngineSnapshot>())
{
    m_thread.setObjectName(QStringLiteral("hookscope-engine"));
    m_engine = new Engine;
    m_engine->moveToThread(&m_thread);
    // The engine and everything it parents (endpoints, servers, QNAM) die on their own thread.
    connect(&m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
}

EngineHost::~EngineHost()
{
    if (m_thread.isRunning()) {
        m_thread.quit();
        m_thread.wait();
    }
    // A thread that ran has deleted the engine as it finished (see the constructor); one that
    // never started has not.
    delete m_engine.data();
}

void EngineHost::start(int snapshotIntervalMs)
{
    if (m_thread.isRunning())
        return;
    m_thread.start();
    post([this, snapshotIntervalMs](Engine &engine) {
        engine.setSnapshotPublisher(
            [this](std::shared_ptr<const EngineSnapshot> snapshot) {
                {
                    QMutexLocker lock(&m_mutex);
                    m_snapshot = std::move(snapshot);
                }
                Q_EMIT snapshotUpdated();
            },
            snapshotIntervalMs);
    });
}

void EngineHost::post(std::function<void(Engine &)> work)
{
    Engine *engine = m_engine.data();
    if (!engine)
        return;
    QMetaObject::invokeMethod(engine, [engine, work = std::move(work)] { work(*engine); },
                              Qt::QueuedConnection);
}

void EngineHost::call(std::function<void(Engine &)> work)
{
    if (!m_thread.isRunning() || QThread::currentThread() == &m_thread) {
        if (m_engine)
            work(*m_engine);
        return;
    }
    Engine *engine = m_engine.data();
    if (!engine)
        return;
    QMetaObject::invokeMethod(engine, [engine, &work] { work(*engine); }, Qt::BlockingQueuedConnection);
}

void EngineHost::moveDeadLetters(const DeadLetterFilter &filter, const QString &target, QObject *context,
                                 MoveDone done)
{
    // The answer goes through this host, which lives on the caller's thread and outlives the
    // engine thread; `context` is checked there, on its own thread, never from the engine's.
    QPointer<QObject> receiver(context);
    post([this, filter, target, receiver, done = std::move(done)](Engine &engine) {
        QString error;
        const qsizetype moved = engine.moveDeadLetters(filter, target, &error);
        QMetaObject::invokeMethod(this, [receiver, done, moved, error] {
            if (receiver && done)
                done(moved, error);
        }, Qt::QueuedConnection);
    });
}

std::shared_ptr<const EngineSnapshot> EngineHost::snapshot() const
{
    return lockedRead(m_mutex, m_snapshot);
}

QMap<QString, qsizetype> EngineHost::shutdown(int deadlineMs)
{
    if (!m_thread.isRunning())
        return {};
    auto result = std::make_shared<QMap<QString, qsizetype>>();
    auto finished = std::make_shared<QSemaphore>();
    post([this, result, finished, deadlineMs](Engine &engine) {
        Engine *running = &engine;
        engine.shutdown(deadlineMs, [this, result, finished, running](const QMap<QString, qsizetype> &left) {
            *result = left;
            running->publishNow();
            Q_EMIT drained(left);
            finished->release();
        });
    });
    // The engine enforces the deadline itself; the extra second only guards against a wedged thread.
    finished->tryAcquire(1, deadlineMs + 1000);
    m_thread.quit();
    m_thread.wait();
    return *result;
}

} // namespace hookscope
