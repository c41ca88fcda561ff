#include "core/engine/deadletters.h"
#include "testevents.h"

#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

class tst_DeadLetters final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Entries keep the event, why, when and how many attempts it had.
    void keepsReasonAndAttempts()
    {
        DeadLetters letters;
        letters.add(makeEvents(2), DeadLetters::Reason::GaveUp, 7, QStringLiteral("503"));
        QCOMPARE(letters.size(), 2);
        const auto entries = letters.entries();
        QCOMPARE(entries.at(1).event->id(), QByteArray("ev-1"));
        QCOMPARE(entries.at(1).attempts, 7);
        QCOMPARE(entries.at(1).reason, DeadLetters::Reason::GaveUp);
        QVERIFY(entries.at(1).at.isValid());
        QCOMPARE(deadLetterReasonName(DeadLetters::Reason::GaveUp), QStringLiteral("gave up"));
    }

    // take() replays all, or only the selected ids, in order, and removes them.
    void takeSelectedOrAll()
    {
        DeadLetters letters;
        letters.add(makeEvents(4), DeadLetters::Reason::Skipped, 1, {});
        const EventBlock some = letters.take({"ev-1", "ev-3"});
        QCOMPARE(idsOf(some), (QList<QByteArray>{"ev-1", "ev-3"}));
        QCOMPARE(letters.size(), 2);
        QCOMPARE(idsOf(letters.take()), (QList<QByteArray>{"ev-0", "ev-2"}));
        QCOMPARE(letters.size(), 0);
    }

    // takeIf() removes what matches, in order; putBack() restores the original order.
    void takeIfAndPutBack()
    {
        DeadLetters letters;
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        QVector<DeadLetters::Entry> entries;
        const EventBlock events = makeEvents(5);
        for (int i = 0; i < 5; ++i)
            entries.append({events[size_t(i)], DeadLetters::Reason::Purged, t0.addMSecs(i), 0, {}});
        letters.restore(entries);
        const QVector<DeadLetters::Entry> odd = letters.takeIf([](const DeadLetters::Entry &e) {
            return e.event->id().endsWith('1') || e.event->id().endsWith('3');
        });
        QCOMPARE(odd.size(), 2);
        QCOMPARE(odd.at(0).event->id(), QByteArray("ev-1"));
        QCOMPARE(odd.at(1).event->id(), QByteArray("ev-3"));
        QCOMPARE(letters.size(), 3);
        letters.putBack(odd);
        QList<QByteArray> ids;
        for (const DeadLetters::Entry &e : letters.entries())
            ids.append(e.event->id());
        QCOMPARE(ids, (QList<QByteArray>{"ev-0", "ev-1", "ev-2", "ev-3", "ev-4"}));
        QCOMPARE(letters.entries().at(1).reason, DeadLetters::Reason::Purged);
    }
};

QTEST_GUILESS_MAIN(tst_DeadLetters)
#include "tst_deadletters.moc"
