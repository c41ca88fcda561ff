#include "core/journal/journalmark.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace hookscope {

namespace {

const QString FormatKey = QStringLiteral("hookscopeJournalMark");

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

bool writeAll(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

} // namespace

bool JournalMark::read(const QString &path, JournalMark *mark, bool *found, QString *error)
{
    *found = false;
    QFile file(path);
    if (!file.exists())
        return true;
    *found = true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parse{};
    const QJsonObject object = QJsonDocument::fromJson(file.read(64 * 1024), &parse).object();
    if (parse.error != QJsonParseError::NoError || object.value(FormatKey).toInt() != 1
        || !object.value(QStringLiteral("journal")).isString()
        || !object.value(QStringLiteral("sequence")).isDouble()) {
        *error = QStringLiteral("%1 is not a hookscope journal mark").arg(path);
        return false;
    }
    mark->journalId = object.value(QStringLiteral("journal")).toString();
    mark->sequence = qint64(object.value(QStringLiteral("sequence")).toDouble());
    return true;
}

bool JournalMark::write(const QString &path, QString *error) const
{
    const QByteArray bytes = QJsonDocument(QJsonObject{{FormatKey, 1},
                                                       {QStringLiteral("journal"), journalId},
                                                       {QStringLiteral("sequence"), double(sequence)}})
                                 .toJson(QJsonDocument::Compact) + '\n';
    const QByteArray target = QFile::encodeName(path);
    const QByteArray temporary = target + ".tmp";
    const int fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        *error = QStringLiteral("cannot write %1: %2").arg(QFile::decodeName(temporary), systemError());
        return false;
    }
    const bool written = writeAll(fd, bytes) && ::fsync(fd) == 0;
    const QString why = systemError();
    ::close(fd);
    if (!written) {
        ::unlink(temporary.constData());
        *error = QStringLiteral("cannot write %1: %2").arg(QFile::decodeName(temporary), why);
        return false;
    }
    if (::rename(temporary.constData(), target.constData()) != 0) {
        *error = QStringLiteral("cannot replace %1: %2").arg(path, systemError());
        ::unlink(temporary.constData());
        return false;
    }
    // The rename is durable only once the folder's entry is on disk.
    const QByteArray folder = QFile::encodeName(QFileInfo(path).absolutePath());
    const int dir = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        const bool synced = ::fsync(dir) == 0;
        const QString dirWhy = systemError();
        ::close(dir);
        if (!synced) {
            *error = QStringLiteral("cannot sync the folder of %1: %2").arg(path, dirWhy);
            return false;
        }
    }
    return true;
}

} // namespace hookscope
