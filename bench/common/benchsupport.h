#pragma once
// Shared by the bench drivers: the reference's event shape (a manifest push with every field, as
// bench/peer-go's peer builds it) and the process figures every driver reports.
#include "core/model/event.h"
#include "core/model/eventrecord.h"

#include <QDateTime>
#include <QFile>
#include <QRandomGenerator>
#include <QUuid>

#include <sys/resource.h>

namespace hookscope::bench {

// A field of /proc/self/status in kB ("VmRSS:", "VmHWM:"); 0 when unreadable.
inline qint64 statusKb(const char *key)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(int(qstrlen(key))).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

// User + system CPU of this process, in seconds.
inline double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// A random (version 4) UUID from the fast seeded generator: QUuid::createUuid asks the kernel for
// every one, two syscalls per event in the timed region that the reference's generator does not pay.
inline QString fastUuid()
{
    quint32 words[4];
    QRandomGenerator::global()->fillRange(words);
    const QUuid uuid(words[0], quint16(words[1]), quint16((words[1] >> 16 & 0x0fff) | 0x4000),
                     uchar((words[2] & 0x3f) | 0x80), uchar(words[2] >> 8), uchar(words[2] >> 16),
                     uchar(words[2] >> 24), uchar(words[3]), uchar(words[3] >> 8), uchar(words[3] >> 16),
                     uchar(words[3] >> 24));
    return uuid.toString(QUuid::WithoutBraces);
}

// Event i of a run: fresh ids and timestamp like the registry's bridge, every field filled.
inline EventPtr manifestPush(qint64 i)
{
    Event event;
    event.id = fastUuid();
    event.timestamp = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    event.action = QStringLiteral("push");
    event.target.mediaType = QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
    event.target.size = 1574;
    event.target.length = 1574;
    event.target.digest = QStringLiteral("sha256:%1").arg(i, 64, 16, QLatin1Char('0'));
    event.target.repository = QStringLiteral("bench/app");
    event.target.url = QStringLiteral("http://registry.example:5000/v2/bench/app/manifests/") + event.target.digest;
    event.target.tag = QStringLiteral("v%1").arg(i);
    event.request.id = fastUuid();
    event.request.addr = QStringLiteral("10.0.0.1:51234");
    event.request.host = QStringLiteral("registry.example:5000");
    event.request.method = QStringLiteral("PUT");
    event.request.useragent = QStringLiteral("docker/24.0.7 go/go1.20.10");
    event.actor.name = QStringLiteral("ci-bot");
    event.source.addr = QStringLiteral("reg-node-1:5000");
    event.source.instanceID = QStringLiteral("9d6e1f20-7a3c-4b58-a1e2-3f4c5d6e7f80");
    return EventRecord::fromEvent(event);
}

} // namespace hookscope::bench
