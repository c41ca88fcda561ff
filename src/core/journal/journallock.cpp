#include "core/journal/journallock.h"

#include <QCoreApplication>
#include <QFile>
#include <QSysInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace hookscope {

JournalLock::~JournalLock()
{
    release();
}

JournalLock::Result JournalLock::acquire(const QString &lockPath, QString *detail)
{
    release();
    const QByteArray native = QFile::encodeName(lockPath);
    const int fd = ::open(native.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        *detail = QStringLiteral("cannot open %1: %2").arg(lockPath, QString::fromLocal8Bit(std::strerror(errno)));
        return Result::Failed;
    }
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = 0;
    lock.l_len = 0;   // the whole file
    if (::fcntl(fd, F_OFD_SETLK, &lock) != 0) {
        const int why = errno;
        if (why == EAGAIN || why == EACCES) {
            // Held: the holder wrote who it is (F_OFD_GETLK reports no pid for OFD locks).
            char buffer[256] = {};
            const ssize_t got = ::pread(fd, buffer, sizeof buffer - 1, 0);
            const QStringList lines = QString::fromUtf8(buffer, got > 0 ? int(got) : 0).split(QLatin1Char('\n'));
            const QString pid = lines.value(0).trimmed();
            const QString host = lines.value(1).trimmed();
            *detail = pid.isEmpty() ? QStringLiteral("another process holds %1").arg(lockPath)
                                    : QStringLiteral("in use by process %1 on %2").arg(pid, host);
            ::close(fd);
            return Result::HeldElsewhere;
        }
        *detail = QStringLiteral("cannot lock %1: %2").arg(lockPath, QString::fromLocal8Bit(std::strerror(why)));
        ::close(fd);
        return Result::Failed;
    }
    m_fd = fd;
    // Who holds it, for the next opener's message. Best effort: the lock is what counts.
    const QByteArray text = QByteArray::number(QCoreApplication::applicationPid()) + '\n'
        + QSysInfo::machineHostName().toUtf8() + "\nhookscope\n";
    if (::ftruncate(fd, 0) == 0 && ::pwrite(fd, text.constData(), size_t(text.size()), 0) < 0) {
        // Nothing to do: a missing holder line only makes a refusal message less specific.
    }
    return Result::Locked;
}

void JournalLock::release()
{
    if (m_fd >= 0)
        ::close(m_fd);   // closing the only descriptor of the description drops the OFD lock
    m_fd = -1;
}

} // namespace hookscope
