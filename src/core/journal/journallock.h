#pragma once

#include <QString>

namespace hookscope {

// One process per journal, held by the operating system: an open-file-description lock
// (fcntl F_OFD_SETLK, Linux) on PATH.lock, kept for as long as this object holds it. The kernel
// drops it when the holder closes the file or dies, however it dies, so a lock can never be left
// behind: the PID-file scheme it replaces refused for good when a container's restart reused the
// PID it had written (PID 1). Being per open file description, two opens in one process conflict
// too, which a classic fcntl lock (per process) would not notice.
//
// The file's text (pid and host of the holder) is only information for the refusal message; it is
// never what decides. The file stays on disk when released: unlinking a lock file races with the
// next opener, which could then lock a file nobody else sees.
class JournalLock
{
public:
    JournalLock() = default;
    ~JournalLock();
    JournalLock(const JournalLock &) = delete;
    JournalLock &operator=(const JournalLock &) = delete;

    enum class Result { Locked, HeldElsewhere, Failed };
    // On HeldElsewhere `*detail` says who holds it ("process 123 on host"), as far as the file tells;
    // on Failed, why the file cannot be opened or locked.
    Result acquire(const QString &lockPath, QString *detail);
    void release();
    bool isHeld() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

} // namespace hookscope
