#include "engine/deadletters.h"
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
};

QTEST_GUILESS_MAIN(tst_DeadLetters)
#include "tst_deadletters.moc"
