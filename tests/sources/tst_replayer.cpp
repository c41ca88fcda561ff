#include "sources/replayer.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace hookscope;
using namespace Qt::StringLiterals;

namespace {

// Envelopes whose first events are `gapsMs` apart (timestamps), ids "e0", "e1", ...
QList<ReplayEnvelope> envelopes(const QList<int> &gapsMs)
{
    QList<ReplayEnvelope> list;
    qint64 at = 1'795'805'752'000'000'000;
    for (int i = 0; i <= gapsMs.size(); ++i) {
        if (i > 0)
            at += qint64(gapsMs.at(i - 1)) * 1'000'000;
        const QByteArray json = "{\"id\":\"e" + QByteArray::number(i) + "\",\"action\":\"push\"}";
        list.append({EventBlock{EventRecord::fromJson(json)}, at, u"test:%1"_s.arg(i + 1)});
    }
    return list;
}

} // namespace

class tst_Replayer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fastPublishesEverythingInOrder()
    {
        Replayer replayer;
        QList<QByteArray> ids;
        QSignalSpy finished(&replayer, &Replayer::finished);
        QElapsedTimer clock;
        clock.start();
        // Timestamps an hour apart do not matter at fast pace.
        QList<int> gaps(1199, 3'600'000);
        replayer.start(envelopes(gaps), Replayer::Pace::Fast, [&](const EventBlock &block) {
            ids.append(block.front()->id());
            return true;
        });
        QVERIFY(replayer.isRunning());
        QVERIFY(finished.wait(5000));
        QVERIFY(clock.elapsed() < 4000);
        QCOMPARE(ids.size(), 1200);
        QCOMPARE(ids.first(), QByteArray("e0"));
        QCOMPARE(ids.last(), QByteArray("e1199"));
        QCOMPARE(replayer.published(), 1200);
        QCOMPARE(finished.constFirst().at(0).toLongLong(), 1200);
        QVERIFY(!replayer.isRunning());
    }

    // Original pace keeps the captured gaps (and never waits for timestamps that go back).
    void originalPaceKeepsTheGaps()
    {
        Replayer replayer;
        QList<qint64> at;
        QElapsedTimer clock;
        clock.start();
        QSignalSpy finished(&replayer, &Replayer::finished);
        replayer.start(envelopes({300, -5000, 400}), Replayer::Pace::Original, [&](const EventBlock &) {
            at.append(clock.elapsed());
            return true;
        });
        QVERIFY(finished.wait(5000));
        QCOMPARE(at.size(), 4);
        QVERIFY2(at[1] - at[0] >= 290, qPrintable(QString::number(at[1] - at[0])));
        QVERIFY2(at[2] - at[1] < 150, qPrintable(QString::number(at[2] - at[1])));
        // After a step back the next gap counts from that (earlier) timestamp: 400 ms again.
        QVERIFY2(at[3] - at[2] >= 390, qPrintable(QString::number(at[3] - at[2])));
        QVERIFY(at[3] < 2000);
    }

    void refusedBlocksAreCounted()
    {
        Replayer replayer;
        QSignalSpy finished(&replayer, &Replayer::finished);
        int calls = 0;
        replayer.start(envelopes({0, 0, 0}), Replayer::Pace::Fast, [&](const EventBlock &) { return ++calls % 2 == 0; });
        QVERIFY(finished.wait(2000));
        QCOMPARE(replayer.published(), 2);
        QCOMPARE(replayer.refused(), 2);
    }

    void stopHaltsTheReplay()
    {
        Replayer replayer;
        int published = 0;
        replayer.start(envelopes({10'000}), Replayer::Pace::Original, [&](const EventBlock &) { return ++published > 0; });
        QTRY_COMPARE(published, 1);
        replayer.stop();
        QVERIFY(!replayer.isRunning());
        QTest::qWait(100);
        QCOMPARE(published, 1);
    }

    void paceNames()
    {
        Replayer::Pace pace = Replayer::Pace::Fast;
        QVERIFY(Replayer::paceFromName(u"Original"_s, &pace));
        QCOMPARE(pace, Replayer::Pace::Original);
        QVERIFY(Replayer::paceFromName(u"fast"_s, &pace));
        QCOMPARE(pace, Replayer::Pace::Fast);
        QVERIFY(!Replayer::paceFromName(u"slow"_s, &pace));
    }
};

QTEST_GUILESS_MAIN(tst_Replayer)
#include "tst_replayer.moc"
