// The "done when": a headless hookscope with a journal is killed with SIGKILL in the middle
// of a burst (a slow and a failing endpoint), restarted on the same journal with healthy receivers,
// and every event ingest acknowledged reaches each receiver, per endpoint in order, with duplicates
// only for events that were in flight. Everything on 127.0.0.1 with port 0.
#include "fakehttpserver.h"
#include "hookscopeprocess.h"
#include "spinuntil.h"
#include "testevents.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>

using namespace hookscope;
using namespace hookscope::test;

namespace {

// The binary under test, as the e2e targets are told where it is. The receivers live on this
// thread: waits spin the event loop (spinUntil), never sleep between polls.
struct Hookscope : test::HookscopeProcess
{
    Hookscope() : HookscopeProcess(QStringLiteral(HOOKSCOPE_BINARY)) {}
};

QByteArray envelope(const QList<QByteArray> &ids)
{
    return envelopeJson(ids, QStringLiteral("crash/test"));
}

// Event ids a receiver got, in arrival order, one per event, collected as requests arrive.
struct Tally
{
    explicit Tally(FakeHttpServer *server)
    {
        QObject::connect(server, &FakeHttpServer::requestReceived, server, [this, server](int index) {
            for (const QByteArray &id : server->received().at(index).eventIds()) {
                ids.append(id);
                if (wanted.contains(id) && !seen.contains(id))
                    ++covered;
                seen.insert(id);
            }
        });
    }
    void restart()
    {
        ids.clear();
        covered = 0;
        seen.clear();
    }
    QList<QByteArray> ids;
    QSet<QByteArray> wanted;
    QSet<QByteArray> seen;
    qsizetype covered = 0;
};

// Lanes post envelopes one after another, so within a lane acceptance order is posting order.
// Ids are "L<lane>-<number>", numbers zero-padded so they sort as they were posted.
class Poster
{
public:
    static constexpr int Lanes = 6;
    static constexpr int EventsPerEnvelope = 5;

    Poster(QNetworkAccessManager *network, const QUrl &url, int envelopesPerLane)
        : m_network(network), m_url(url), m_perLane(envelopesPerLane) {}

    void start()
    {
        for (int lane = 0; lane < Lanes; ++lane)
            postNext(lane);
    }
    void stop() { m_stopped = true; }
    int ackedEnvelopes() const { return m_ackedEnvelopes; }
    int finishedLanes() const { return m_finishedLanes; }
    const QList<QByteArray> &acked() const { return m_acked; }

private:
    void postNext(int lane)
    {
        const int n = m_next[lane]++;
        if (m_stopped || n >= m_perLane) {
            ++m_finishedLanes;
            return;
        }
        QList<QByteArray> ids;
        for (int i = 0; i < EventsPerEnvelope; ++i)
            ids.append(QStringLiteral("L%1-%2").arg(lane).arg(n * EventsPerEnvelope + i, 6, 10, QLatin1Char('0')).toUtf8());
        QNetworkRequest request(m_url);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArray("application/vnd.docker.distribution.events.v1+json"));
        QNetworkReply *reply = m_network->post(request, envelope(ids));
        QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply, lane, ids] {
            reply->deleteLater();
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) {
                ++m_ackedEnvelopes;
                m_acked.append(ids);
                postNext(lane);
            } else {
                ++m_finishedLanes;   // the process is gone: this lane stops
            }
        });
    }

    QNetworkAccessManager *m_network;
    QUrl m_url;
    int m_perLane;
    int m_next[Lanes] = {};
    int m_ackedEnvelopes = 0;
    int m_finishedLanes = 0;
    bool m_stopped = false;
    QList<QByteArray> m_acked;
};

// Within each lane, first deliveries come in posting order.
QString laneOrderProblem(const QList<QByteArray> &delivered)
{
    QHash<QByteArray, QByteArray> lastPerLane;
    QSet<QByteArray> seen;
    for (const QByteArray &id : delivered) {
        if (seen.contains(id))
            continue;
        seen.insert(id);
        const QByteArray lane = id.left(id.indexOf('-'));
        if (lastPerLane.contains(lane) && lastPerLane.value(lane) >= id)
            return QStringLiteral("%1 after %2").arg(QString::fromUtf8(id), QString::fromUtf8(lastPerLane.value(lane)));
        lastPerLane.insert(lane, id);
    }
    return {};
}

} // namespace

class tst_JournalCrash final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sigkillMidBurstLosesNothingAcknowledged()
    {
        FakeHttpServer slow;
        slow.setDefaultStep(FakeStep::respond(200, 2));
        FakeHttpServer failing;
        failing.setDefaultStep(FakeStep::respond(500));
        QTemporaryDir dir;
        const QString journal = dir.filePath(QStringLiteral("hookscope.journal"));
        const QByteArray settings = "      timeout: 5s\n      threshold: 3\n      backoff: 20ms\n";
        const QByteArray yaml = "notifications:\n  endpoints:\n"
                                "    - name: slow\n      url: " + slow.url(QStringLiteral("/s")).toString().toUtf8() + "\n" + settings
                              + "    - name: failing\n      url: " + failing.url(QStringLiteral("/f")).toString().toUtf8() + "\n" + settings
                              + "hookscope:\n  ingest: {listen: 127.0.0.1:0}\n  admin: {listen: 127.0.0.1:0}\n"
                                "  journal: " + journal.toUtf8() + "\n";
        const QString config = dir.filePath(QStringLiteral("hookscope.yml"));
        {
            QFile file(config);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(yaml);
        }

        // Run 1: a burst of 6 lanes x 200 envelopes x 5 events; SIGKILL once half is acknowledged.
        Hookscope first;
        QVERIFY2(first.start(config), qPrintable(first.output));
        Tally slowTally(&slow);
        Tally failingTally(&failing);
        QNetworkAccessManager network;
        Poster poster(&network, first.ingest, 200);
        QElapsedTimer burst;
        burst.start();
        poster.start();
        QVERIFY2(spinUntil([&] { return poster.ackedEnvelopes() >= 600; }, 90000),
                 qPrintable(QStringLiteral("%1 envelopes acknowledged").arg(poster.ackedEnvelopes())));
        const qint64 burstMs = burst.elapsed();
        QVERIFY(first.kill());
        poster.stop();
        QVERIFY(spinUntil([&] { return poster.finishedLanes() == Poster::Lanes; }, 20000));
        const QList<QByteArray> acked = poster.acked();
        QVERIFY(acked.size() >= 3000);
        QVERIFY2(failing.requestCount() > 0, "the failing endpoint was tried");
        const QList<QByteArray> slowRun1 = slowTally.ids;   // every answer was 200
        qInfo("run 1: %lld events acknowledged in %lld ms (6 connections), %lld delivered to the slow endpoint, "
              "%d failed attempts", qint64(acked.size()), burstMs, qint64(slowRun1.size()), failing.requestCount());
        QVERIFY(slowRun1.size() < acked.size());   // killed with a backlog

        // Run 2: same journal, healthy receivers.
        slow.clearReceived();
        failing.clearReceived();
        slow.setDefaultStep(FakeStep::respond(200));
        failing.setDefaultStep(FakeStep::respond(200));
        const QSet<QByteArray> wanted(acked.begin(), acked.end());
        slowTally.restart();
        failingTally.restart();
        // The slow receiver's first run counts: what it got then was delivered.
        slowTally.wanted = wanted - QSet<QByteArray>(slowRun1.begin(), slowRun1.end());
        failingTally.wanted = wanted;
        Hookscope second;
        QVERIFY2(second.start(config), qPrintable(second.output));
        QVERIFY2(spinUntil([&] { return slowTally.covered == slowTally.wanted.size()
                                        && failingTally.covered == failingTally.wanted.size(); }, 90000),
                 qPrintable(QStringLiteral("slow %1/%2, failing %3/%4")
                                .arg(slowTally.covered).arg(slowTally.wanted.size())
                                .arg(failingTally.covered).arg(failingTally.wanted.size())));
        const QList<QByteArray> slowRun2 = slowTally.ids;
        const QList<QByteArray> failingRun2 = failingTally.ids;
        qInfo("run 2: %lld events delivered to the slow endpoint, %lld to the failing one",
              qint64(slowRun2.size()), qint64(failingRun2.size()));

        // Per endpoint in order.
        QCOMPARE(laneOrderProblem(slowRun1 + slowRun2), QString());
        QCOMPARE(laneOrderProblem(failingRun2), QString());

        // Duplicates only for what was in flight: the last few the slow receiver got before the kill
        // (delivered, but the removal not yet committed) come again first after the restart.
        QCOMPARE(QSet<QByteArray>(slowRun2.begin(), slowRun2.end()).size(), slowRun2.size());
        QCOMPARE(QSet<QByteArray>(failingRun2.begin(), failingRun2.end()).size(), failingRun2.size());
        constexpr int InFlightWindow = 20;
        const QList<QByteArray> run1Tail = slowRun1.mid(qMax<qsizetype>(0, slowRun1.size() - InFlightWindow));
        const QList<QByteArray> run2Head = slowRun2.mid(0, InFlightWindow);
        const QSet<QByteArray> run1Set(slowRun1.begin(), slowRun1.end());
        int duplicates = 0;
        for (const QByteArray &id : slowRun2) {
            if (!run1Set.contains(id))
                continue;
            ++duplicates;
            QVERIFY2(run1Tail.contains(id) && run2Head.contains(id), id.constData());
        }
        qInfo("duplicates at the slow endpoint: %d", duplicates);

        // The heads that were in flight are counted as redeliveries (the failing one's certainly).
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(second.vars())));
        QVERIFY(spinUntil([&] { return reply->isFinished(); }, 5000));
        const QString vars = QString::fromUtf8(reply->readAll());
        qint64 redeliveries = 0;
        const QRegularExpression counter(QStringLiteral("\"redeliveries\":\\s*(\\d+)"));
        for (auto it = counter.globalMatch(vars); it.hasNext();)
            redeliveries += it.next().captured(1).toLongLong();
        QVERIFY2(redeliveries >= 1 && redeliveries <= 2, qPrintable(vars.left(4000)));

        QVERIFY(second.stop());
        QCOMPARE(second.process.exitCode(), 0);
    }

    // A journal another hookscope holds, or one in a folder that cannot be written: exit code 1,
    // the file named, the reason given, and the file left alone.
    void refusesLockedOrUnwritableJournal()
    {
        QTemporaryDir dir;
        auto writeConfig = [&](const QString &name, const QString &journal) {
            const QString path = dir.filePath(name);
            QFile file(path);
            file.open(QIODevice::WriteOnly);
            file.write("notifications:\n  endpoints: []\nhookscope:\n  ingest: {listen: 127.0.0.1:0}\n"
                       "  admin: {listen: 127.0.0.1:0}\n  journal: " + journal.toUtf8() + "\n");
            return path;
        };
        const QString journal = dir.filePath(QStringLiteral("held.journal"));
        const QString config = writeConfig(QStringLiteral("held.yml"), journal);
        Hookscope holder;
        QVERIFY2(holder.start(config), qPrintable(holder.output));
        QProcess second;
        second.start(QStringLiteral(HOOKSCOPE_BINARY), {QStringLiteral("--headless"), QStringLiteral("--config"), config});
        QVERIFY(second.waitForFinished(20000));
        QCOMPARE(second.exitCode(), 1);
        const QString refused = QString::fromUtf8(second.readAllStandardError());
        QVERIFY2(refused.contains(journal) && refused.contains(QStringLiteral("locked"))
                     && refused.contains(QString::number(holder.process.processId())),
                 qPrintable(refused));
        QVERIFY(holder.stop());
        QCOMPARE(holder.process.exitCode(), 0);

        const QString nowhere = dir.filePath(QStringLiteral("missing/folder/x.journal"));
        QProcess unwritable;
        unwritable.start(QStringLiteral(HOOKSCOPE_BINARY),
                         {QStringLiteral("--headless"), QStringLiteral("--config"),
                          writeConfig(QStringLiteral("nowhere.yml"), nowhere)});
        QVERIFY(unwritable.waitForFinished(20000));
        QCOMPARE(unwritable.exitCode(), 1);
        const QString why = QString::fromUtf8(unwritable.readAllStandardError());
        QVERIFY2(why.contains(nowhere) && why.contains(QStringLiteral("no such folder")), qPrintable(why));
        QVERIFY(!QFile::exists(nowhere));
    }

    // kill -9, then the -wal deleted: before, 300 acknowledged events came back as 213 and nobody
    // said a word. Now the restart is refused naming the file and --journal-reset; with it, the old
    // journal is moved aside (kept, not deleted) and a new one starts.
    void lostWalAfterSigkillIsRefusedAndResetKeepsItAside()
    {
        QTemporaryDir dir;
        const QString journal = dir.filePath(QStringLiteral("q.journal"));
        const QString config = dir.filePath(QStringLiteral("q.yml"));
        {
            QFile file(config);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("notifications:\n  endpoints:\n    - name: down\n      url: http://127.0.0.1:9/never\n"
                       "      timeout: 200ms\n      threshold: 10\n      backoff: 60s\n"
                       "hookscope:\n  ingest: {listen: 127.0.0.1:0}\n  admin: {listen: 127.0.0.1:0}\n"
                       "  journal: " + journal.toUtf8() + "\n");
        }
        Hookscope first;
        QVERIFY2(first.start(config), qPrintable(first.output));
        QNetworkAccessManager network;
        int acknowledged = 0;
        // One envelope at a time: each is its own commit, so there are checkpoints in between
        // (every 128 commits) and the WAL holds only the latest part, as on a long-running server.
        for (int i = 0; i < 150; ++i) {
            QNetworkRequest request(first.ingest);
            request.setRawHeader("Content-Type", "application/vnd.docker.distribution.events.v1+json");
            std::unique_ptr<QNetworkReply> reply(network.post(
                request, envelope({"lost-" + QByteArray::number(2 * i), "lost-" + QByteArray::number(2 * i + 1)})));
            QVERIFY(spinUntil([&] { return reply->isFinished(); }, 10000));
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            acknowledged += 2;
        }
        QCOMPARE(acknowledged, 300);
        QVERIFY(first.kill());
        QVERIFY(QFileInfo(journal + QStringLiteral("-wal")).size() > 0);
        QVERIFY(QFile::remove(journal + QStringLiteral("-wal")));

        QProcess refused;
        refused.start(QStringLiteral(HOOKSCOPE_BINARY), {QStringLiteral("--headless"), QStringLiteral("--config"), config});
        QVERIFY(refused.waitForFinished(20000));
        QCOMPARE(refused.exitCode(), 1);
        const QString why = QString::fromUtf8(refused.readAllStandardError());
        QVERIFY2(why.contains(journal) && why.contains(QStringLiteral("-wal"))
                     && why.contains(QStringLiteral("--journal-reset")),
                 qPrintable(why));
        const QByteArray kept = [&] {
            QFile file(journal);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        }();

        Hookscope reset;
        QVERIFY2(reset.start(config, {QStringLiteral("--journal-reset")}), qPrintable(reset.output));
        QVERIFY2(reset.output.contains(QStringLiteral("moved the old journal aside")), qPrintable(reset.output));
        const QStringList aside = QDir(dir.path()).entryList({QStringLiteral("q.journal.reset-*")}, QDir::Files);
        QVERIFY2(!aside.isEmpty(), qPrintable(aside.join(QLatin1Char(' '))));
        QFile old(dir.filePath(aside.constFirst().endsWith(QLatin1String(".hwm")) ? aside.constLast() : aside.constFirst()));
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), kept);
        QVERIFY(reset.stop());
        QCOMPARE(reset.process.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_JournalCrash)
#include "tst_journalcrash.moc"
