#include "core/engine/attemptlog.h"

#include <QTest>

using namespace hookscope;

class tst_AttemptLog final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Bounded: the oldest attempts fall off, the newest are kept in order.
    void boundedOldestFirst()
    {
        AttemptLog log(3);
        for (int i = 1; i <= 5; ++i) {
            AttemptRecord r;
            r.sequence = i;
            log.append(r);
        }
        const QVector<AttemptRecord> recent = log.recent();
        QCOMPARE(recent.size(), 3);
        QCOMPARE(recent.at(0).sequence, 3);
        QCOMPARE(recent.at(2).sequence, 5);
        QCOMPARE(log.recent(2).at(0).sequence, 4);
        QCOMPARE(log.totalAppended(), 5);
        log.clear();
        QVERIFY(log.recent().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_AttemptLog)
#include "tst_attemptlog.moc"
