#pragma once

#include "core/engine/endpointsnapshot.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

namespace hookscope {

class DeadLetterFilter;
class Engine;

// Runs an Engine on its own thread and is the only way other threads (GUI, headless main) reach it:
// they read the latest value snapshot (never blocking on the engine) and send work as queued calls.
class EngineHost final : public QObject
{
    Q_OBJECT
public:
    explicit EngineHost(QObject *parent = nullptr);
    ~EngineHost() override;   // shuts the engine down without waiting for queues (see shutdown)

    void start(int snapshotIntervalMs = 100);
    bool isRunning() const { return m_thread.isRunning(); }

    // Runs `work` on the engine thread, soon. Safe from any thread.
    void post(std::function<void(Engine &)> work);
    // Runs `work` on the engine thread and waits for it. Not for the GUI thread's hot paths: only for
    // start-up composition and tests.
    void call(std::function<void(Engine &)> work);

    // Replays dead letters on the engine thread (Engine::moveDeadLetters) and reports back on this
    // host's thread (the one that created it: the GUI's): moved >= 0 events queued, or -1 and why
    // nothing moved. `done` is dropped if `context` (an object of that thread) is gone by then.
    using MoveDone = std::function<void(qsizetype moved, const QString &error)>;
    void moveDeadLetters(const DeadLetterFilter &filter, const QString &target, QObject *context, MoveDone done);

    // The newest snapshot (never null after start()). Cheap: copies a shared pointer under a lock.
    std::shared_ptr<const EngineSnapshot> snapshot() const;

    // Stops accepting, drains each endpoint for up to deadlineMs, then stops the thread.
    // Returns the events left per endpoint. Blocks the caller; for shutdown paths only.
    QMap<QString, qsizetype> shutdown(int deadlineMs);

Q_SIGNALS:
    void snapshotUpdated();   // emitted from the engine thread; connect with a queued connection
    // Emitted from the engine thread during shutdown(), once every endpoint has drained or given up
    // at the deadline, before the engine and what it parents are deleted: the last moment to read
    // them (a direct connection runs there while shutdown() still waits).
    void drained(const QMap<QString, qsizetype> &left);

private:
    QThread m_thread;
    QPointer<Engine> m_engine;   // deleted on its own thread when the thread finishes
    mutable QMutex m_mutex;
    std::shared_ptr<const EngineSnapshot> m_snapshot;
};

} // namespace hookscope
