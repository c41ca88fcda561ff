#include "core/engine/attemptlog.h"
#include "core/engine/attemptbudget.h"

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

    // A body that came after its record (the result stood at the headers) replaces the record's,
    // with a note; the byte count follows, in a log with a budget too; an unknown sequence is ignored.
    void amendedBodyReachesItsRecord()
    {
        for (const bool budgeted : {false, true}) {
            AttemptLog log;
            if (budgeted)
                log.setBudget(std::make_shared<AttemptBudget>(1 << 20));
            for (int i = 1; i <= 2; ++i) {
                AttemptRecord r;
                r.sequence = i;
                r.responseBody = "ab";
                log.append(r);
            }
            const qint64 before = log.bytes();
            log.amendResponseBody(1, QByteArray(1000, 'x'), QStringLiteral("body ended late"));
            log.amendResponseBody(7, "nobody", QStringLiteral("ignored"));
            const QVector<AttemptRecord> recent = log.recent();
            QCOMPARE(recent.at(0).responseBody, QByteArray(1000, 'x'));
            QCOMPARE(recent.at(0).note, QStringLiteral("body ended late"));
            QCOMPARE(recent.at(1).responseBody, QByteArray("ab"));
            QVERIFY(recent.at(1).note.isEmpty());
            QVERIFY(log.bytes() >= before + 998);
        }
    }

    // What consecutive attempts repeat (url, equal header lines) is kept once.
    void repeatsAreSharedWithThePreviousRecord()
    {
        AttemptLog log;
        for (int i = 1; i <= 2; ++i) {
            AttemptRecord r;
            r.sequence = i;
            r.url = QStringLiteral("http://127.0.0.1:5000/hook");
            r.requestHeaders = {{QByteArray("Content-Type"), QByteArray("application/json")},
                                {QByteArray("Content-Length"), QByteArray::number(100 + i)}};
            r.responseHeaders = {{QByteArray("Content-Length"), QByteArray("2")}};
            log.append(r);
        }
        const QVector<AttemptRecord> kept = log.recent();
        QCOMPARE(kept.size(), 2);
        QCOMPARE(kept.at(1).url.constData(), kept.at(0).url.constData());
        QCOMPARE(kept.at(1).requestHeaders.at(0).second.constData(),
                 kept.at(0).requestHeaders.at(0).second.constData());
        QCOMPARE(kept.at(1).requestHeaders.at(1).second, QByteArray("102"));
        QCOMPARE(kept.at(1).responseHeaders.at(0).second.constData(),
                 kept.at(0).responseHeaders.at(0).second.constData());
    }
};

QTEST_GUILESS_MAIN(tst_AttemptLog)
#include "tst_attemptlog.moc"
