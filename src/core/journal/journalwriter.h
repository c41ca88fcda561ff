#pragma once

#include "core/journal/journalfile.h"

#include <QObject>
#include <QThread>

#include <functional>

namespace hookscope {

// The thread the journal's SQLite file lives on, so an fsync never stalls the engine thread. Only
// tasks run here touch the file, one at a time and in the order they were handed over: a read
// posted after a commit sees that commit, and a no-op run after both means both are done.
//
// start() opens the thread; stop() closes the file on it (a SQLite connection must close on the
// thread that opened it) and ends the thread. Nothing runs before start() or after stop().
class JournalWriter final
{
public:
    using Task = std::function<void(JournalFile &file)>;

    JournalWriter();
    ~JournalWriter();   // stop()
    JournalWriter(const JournalWriter &) = delete;
    JournalWriter &operator=(const JournalWriter &) = delete;

    void start();
    void stop();
    bool isRunning() const { return m_context != nullptr; }

    // Runs `work` on the writer thread and waits for it; its result. False when not running.
    bool run(const std::function<bool(JournalFile &file)> &work);
    // Queues `task` behind everything handed over so far, and returns at once.
    void post(Task task);
    // Waits until everything handed over before this call has run.
    void drain();

    // The file, for what the engine thread may read without a task: its path and reset note after
    // open (written on the writer thread inside run(), which returned before this is read).
    const JournalFile &file() const { return m_file; }

private:
    QThread m_thread;
    QObject *m_context = nullptr;   // lives on m_thread: what tasks are queued to
    JournalFile m_file;
};

} // namespace hookscope
