// Resident bytes per queued event with 1M events pending behind a paused endpoint, in-memory mode
// and journal mode, next to registry 2.8.2's figure from bench/peer-go (1,053 B), and the
// whole process's resident size (durable mode keeps a window of the queue in memory: the goal is
// at most 256 MiB for 1M pending).
// Each mode runs in a fresh child process so one mode's heap does not flatter the other's.
//
// --keep-journal FILE (journal mode only) writes the journal to FILE and leaves it there, so a
// later `hookscope --headless` with `journal: FILE` can be timed recovering it (compare.py --cases
// scale).
//
//   bench_queue_memory [--events 1000000] [--mode both|memory|journal] [--keep-journal FILE]
#include "core/engine/endpoint.h"
#include "core/engine/engine.h"
#include "core/journal/journal.h"
#include "fixtureevent.h"
#include "core/model/eventrecord.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

using namespace hookscope;

namespace {

constexpr qint64 ReferenceBytesPerEvent = 1053;   // peer-go README, "RSS growth per queued event"

qint64 residentBytes()
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return 0;
}

int runMode(const QString &mode, qint64 count, const QString &keepJournal)
{
    QTemporaryDir dir;
    const QString journalPath = keepJournal.isEmpty() ? dir.filePath(QStringLiteral("bench.journal")) : keepJournal;
    auto owned = std::make_unique<Engine>();
    Engine &engine = *owned;
    if (mode == QLatin1String("journal")) {
        auto *journal = new Journal;
        QString error;
        if (!journal->open(journalPath, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        engine.setJournal(journal);
    }
    EndpointConfig config;
    config.name = QStringLiteral("stuck");
    config.url = QStringLiteral("http://127.0.0.1:9/");
    config.paused = true;   // nothing leaves: every event stays pending
    engine.applyEndpoints({config});

    const QByteArray sample = bench::fixtureManifestPush();
    const QByteArray sampleId = "a896e1c0-d3b2-44a1-89f0-9b6f70234df7";
    const qint64 before = residentBytes();
    QElapsedTimer clock;
    clock.start();
    constexpr qint64 Block = 1000;
    qint64 durable = 0;
    for (qint64 done = 0; done < count; done += Block) {
        EventBlock block;
        for (qint64 i = done; i < qMin(count, done + Block); ++i) {
            QByteArray json = sample;
            json.replace(sampleId, QByteArray::number(i).rightJustified(36, '0'));
            block.push_back(EventRecord::fromJson(json));
        }
        engine.submitDurable(block, [&](bool ok, const QString &) { durable += ok ? 1 : 0; });
        // Let the group commits run as they would between ingest requests; like ingest, which
        // answers only once durable, do not run more than a few commits ahead of the disk.
        QCoreApplication::processEvents();
        while (engine.journal() && engine.journal()->bufferedOps() > 3 * Block && !engine.journal()->hasFailed())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    if (engine.journal())
        engine.journal()->commitNow();
    QCoreApplication::processEvents();
    const qint64 after = residentBytes();
    const qint64 pending = engine.endpoint(config.name)->queue().size();
    // What the records themselves account for; the rest of the growth is containers and allocator.
    const EventPtr head = engine.endpoint(config.name)->queue().head();
    const qint64 recordBytes = head ? head->approximateBytes() : 0;
    const QJsonObject result{
        {QStringLiteral("mode"), mode},
        {QStringLiteral("events"), pending},
        {QStringLiteral("eventBytes"), sample.size()},
        {QStringLiteral("residentBytesPerEvent"), double(after - before) / double(qMax<qint64>(1, pending))},
        {QStringLiteral("recordBytes"), recordBytes},
        {QStringLiteral("residentMiB"), double(after) / (1024.0 * 1024.0)},   // whole process
        {QStringLiteral("residentMiBBefore"), double(before) / (1024.0 * 1024.0)},
        {QStringLiteral("inMemory"), engine.endpoint(config.name)->queue().sizeInMemory()},
        {QStringLiteral("referenceBytesPerEvent"), ReferenceBytesPerEvent},
        {QStringLiteral("enqueueSeconds"), double(clock.elapsed()) / 1000.0},
    };
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << Qt::endl;
    if (!engine.journal())
        return 0;

    // Journal mode: how long a restart takes to put the whole queue back before ingest may open.
    owned.reset();
    QElapsedTimer recovery;
    recovery.start();
    Engine restarted;
    auto *journal = new Journal;
    QString error;
    if (!journal->open(journalPath, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const qint64 openMs = recovery.elapsed();
    restarted.setJournal(journal);
    restarted.applyEndpoints({config});
    if (!restarted.recoverFromJournal(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const QJsonObject recovered{
        {QStringLiteral("mode"), QStringLiteral("journal recovery")},
        {QStringLiteral("events"), restarted.endpoint(config.name)->queue().size()},
        {QStringLiteral("inMemory"), restarted.endpoint(config.name)->queue().sizeInMemory()},
        {QStringLiteral("recoverySeconds"), double(recovery.elapsed()) / 1000.0},
        {QStringLiteral("residentMiB"), double(residentBytes()) / (1024.0 * 1024.0)},
        {QStringLiteral("openAndCheckSeconds"), double(openMs) / 1000.0},
        {QStringLiteral("journalMiB"), double(QFileInfo(journalPath).size()
                                              + QFileInfo(journalPath + QStringLiteral("-wal")).size())
                                       / (1024.0 * 1024.0)},
    };
    QTextStream(stdout) << QJsonDocument(recovered).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("events"), QStringLiteral("events to queue"), QStringLiteral("n"),
                      QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("mode"), QStringLiteral("both, memory or journal"), QStringLiteral("mode"),
                      QStringLiteral("both")});
    parser.addOption({QStringLiteral("keep-journal"),
                      QStringLiteral("journal mode: write the journal to FILE (must not exist) and leave it there"),
                      QStringLiteral("FILE")});
    parser.process(app);
    const qint64 count = parser.value(QStringLiteral("events")).toLongLong();
    const QString mode = parser.value(QStringLiteral("mode"));
    const QString keep = parser.value(QStringLiteral("keep-journal"));
    if (!keep.isEmpty() && (mode != QLatin1String("journal") || QFileInfo::exists(keep))) {
        std::fprintf(stderr, "bench_queue_memory: --keep-journal needs --mode journal and a FILE that does not exist yet\n");
        return 2;
    }
    if (mode != QLatin1String("both"))
        return runMode(mode, count, keep);
    for (const QString &each : {QStringLiteral("memory"), QStringLiteral("journal")}) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--events"), QString::number(count), QStringLiteral("--mode"), each});
        child.waitForFinished(-1);
        if (child.exitCode() != 0)
            return child.exitCode();
    }
    return 0;
}
