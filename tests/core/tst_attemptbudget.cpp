#include "core/engine/attemptbudget.h"
#include "core/engine/attemptlog.h"

#include <QTest>

#include <atomic>
#include <memory>
#include <thread>

using namespace hookscope;

namespace {

AttemptRecord record(qint64 sequence, int bodyBytes = 1000)
{
    AttemptRecord r;
    r.sequence = sequence;
    r.url = QStringLiteral("http://127.0.0.1:5000/hook");
    r.eventIds = {QByteArray("id-") + QByteArray::number(sequence)};
    r.requestHeaders = {{"Content-Type", "application/vnd.docker.distribution.events.v1+json"}};
    r.requestBodyBytes = bodyBytes;
    r.requestBody = QByteArray(bodyBytes, 'q');
    r.responseHeaders = {{"Content-Length", "2"}};
    r.responseBody = QByteArray(bodyBytes / 10, 'r');
    r.outcome = AttemptRecord::Success;
    r.status = 200;
    r.reason = QStringLiteral("OK");
    return r;
}

AttemptRecord stripped(const AttemptRecord &r)
{
    AttemptRecord s = r;
    s.requestBody = QByteArray();
    s.responseBody = QByteArray();
    s.bodiesDropped = true;
    return s;
}

} // namespace

class tst_AttemptBudget final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Every allocation a record holds is counted; the sum is what the logs report.
    void accountsRecordSizes()
    {
        const AttemptRecord small = record(1, 0);
        const AttemptRecord big = record(2, 10000);
        QVERIFY(AttemptBudget::recordBytes(small) > qint64(sizeof(AttemptRecord)));
        QVERIFY(AttemptBudget::recordBytes(big) >= AttemptBudget::recordBytes(small) + 11000);
        AttemptRecord withIds = small;
        withIds.eventIds.append(QByteArray(500, 'i'));
        QVERIFY(AttemptBudget::recordBytes(withIds) >= AttemptBudget::recordBytes(small) + 500);
        AttemptRecord withText = small;
        withText.errorText = QString(100, QLatin1Char('e'));
        QVERIFY(AttemptBudget::recordBytes(withText) >= AttemptBudget::recordBytes(small) + 200);

        auto budget = std::make_shared<AttemptBudget>(1 << 30);
        AttemptLog a, b;
        a.setBudget(budget);
        b.setBudget(budget);
        a.append(small);
        b.append(big);
        b.append(big);
        QCOMPARE(a.bytes(), AttemptBudget::recordBytes(small));
        QCOMPARE(b.bytes(), 2 * AttemptBudget::recordBytes(big));
        QCOMPARE(budget->used(), a.bytes() + b.bytes());
        b.clear();
        QCOMPARE(budget->used(), a.bytes());
        {
            AttemptLog gone;
            gone.setBudget(budget);
            gone.append(big);
            QCOMPARE(budget->used(), a.bytes() + gone.bytes());
        }
        QCOMPARE(budget->used(), a.bytes());
    }

    // Over the budget the oldest records lose their bodies first, keeping everything else; only
    // when no body is left do whole records go, oldest first.
    void oldestBodiesGoFirst()
    {
        const qint64 full = AttemptBudget::recordBytes(record(1));
        const qint64 bare = AttemptBudget::recordBytes(stripped(record(1)));
        auto budget = std::make_shared<AttemptBudget>(5 * full + bare);
        AttemptLog log;
        log.setBudget(budget);
        for (int i = 1; i <= 5; ++i)
            log.append(record(i));
        QCOMPARE(budget->bodiesDropped(), 0);
        log.append(record(6));
        QVector<AttemptRecord> kept = log.recent();
        QCOMPARE(kept.size(), 6);
        QVERIFY(kept.at(0).bodiesDropped);
        QVERIFY(kept.at(0).requestBody.isEmpty());
        QCOMPARE(kept.at(0).requestBodyBytes, 1000);   // the size it had is still shown
        QCOMPARE(kept.at(0).status, 200);
        QCOMPARE(kept.at(0).eventIds, record(1).eventIds);
        for (int i = 1; i < 6; ++i)
            QVERIFY(!kept.at(i).bodiesDropped);
        QCOMPARE(budget->used(), 5 * full + bare);

        // Shrinking the budget strips further, then drops whole records from the front.
        budget->setLimit(2 * bare + full);
        kept = log.recent();
        QCOMPARE(kept.size(), 3);
        QCOMPARE(kept.at(0).sequence, 4);
        QVERIFY(kept.at(0).bodiesDropped && kept.at(1).bodiesDropped);
        QVERIFY(!kept.at(2).bodiesDropped);
        QCOMPARE(kept.at(2).requestBody, record(6).requestBody);
        QCOMPARE(budget->recordsDropped(), 3);
        QCOMPARE(budget->bodiesDropped(), 5);
        QCOMPARE(budget->used(), log.bytes());
        QVERIFY(budget->used() <= budget->limit());
        QCOMPARE(log.totalAppended(), 6);
    }

    // A log's newest record is never touched, however far over the budget it is.
    void newestOfEachLogIsKept()
    {
        auto budget = std::make_shared<AttemptBudget>(1);
        AttemptLog a, b, c;
        for (AttemptLog *log : {&a, &b, &c})
            log->setBudget(budget);
        for (int i = 1; i <= 4; ++i) {
            a.append(record(i, 5000));
            b.append(record(i, 5000));
        }
        c.append(record(1, 5000));
        for (AttemptLog *log : {&a, &b, &c}) {
            const QVector<AttemptRecord> kept = log->recent();
            QCOMPARE(kept.size(), 1);
            QVERIFY(!kept.last().bodiesDropped);
            QCOMPARE(kept.last().requestBody.size(), 5000);
        }
        QCOMPARE(budget->used(), a.bytes() + b.bytes() + c.bytes());
    }

    // The oldest bodies go wherever they are: a busy log first strips a quiet log's old records
    // (older than its own), then its own, and the quiet log's newest stays complete.
    void acrossLogsByAge()
    {
        const qint64 full = AttemptBudget::recordBytes(record(1));
        const qint64 bare = AttemptBudget::recordBytes(stripped(record(1)));
        auto budget = std::make_shared<AttemptBudget>(10 * full + bare);
        AttemptLog quiet, busy;
        quiet.setBudget(budget);
        busy.setBudget(budget);
        quiet.append(record(1));
        quiet.append(record(2));
        for (int i = 1; i <= 8; ++i)
            busy.append(record(i));
        QCOMPARE(budget->bodiesDropped(), 0);
        busy.append(record(9));   // 11 full records: the quiet log's first is the oldest
        QVERIFY(quiet.recent().at(0).bodiesDropped);
        QVERIFY(!quiet.recent().at(1).bodiesDropped);
        QVERIFY(!busy.recent().at(0).bodiesDropped);
        for (int i = 10; i <= 30; ++i)
            busy.append(record(i));
        // The quiet log's first record, the oldest of all, has gone entirely by now; its newest
        // stays complete whatever the busy one does.
        const QVector<AttemptRecord> quietKept = quiet.recent();
        QCOMPARE(quietKept.size(), 1);
        QCOMPARE(quietKept.at(0).sequence, 2);
        QVERIFY(!quietKept.at(0).bodiesDropped);
        QCOMPARE(quietKept.at(0).requestBody.size(), 1000);
        QVERIFY(budget->recordsDropped() > 0);
        const QVector<AttemptRecord> busyKept = busy.recent();
        QVERIFY(busyKept.last().requestBody.size() == 1000);
        // Bodies are kept for a suffix of each log: newest first.
        bool sawBody = false;
        for (const AttemptRecord &r : busyKept) {
            if (!r.bodiesDropped)
                sawBody = true;
            else
                QVERIFY2(!sawBody, "a stripped record after a kept one");
        }
        QVERIFY(budget->used() <= budget->limit());
    }

    // The per-log record cap still holds; it frees bytes from the budget too.
    void recordCapStillApplies()
    {
        auto budget = std::make_shared<AttemptBudget>(1 << 30);
        AttemptLog log(3);
        log.setBudget(budget);
        for (int i = 1; i <= 10; ++i)
            log.append(record(i));
        QCOMPARE(log.recent().size(), 3);
        QCOMPARE(log.recent().at(0).sequence, 8);
        QCOMPARE(budget->used(), 3 * AttemptBudget::recordBytes(record(1)));
    }

    // Records a log held before it joined a budget count from then on; leaving gives them back.
    void joiningAndLeaving()
    {
        AttemptLog log;
        log.append(record(1));
        log.append(record(2));
        auto first = std::make_shared<AttemptBudget>(1 << 30);
        log.setBudget(first);
        QCOMPARE(first->used(), log.bytes());
        auto second = std::make_shared<AttemptBudget>(1);
        log.setBudget(second);
        QCOMPARE(first->used(), 0);
        QCOMPARE(log.recent().size(), 1);   // over at once: only the newest is left
        QCOMPARE(log.recent().at(0).sequence, 2);
        QCOMPARE(second->used(), log.bytes());
        log.setBudget({});
        QCOMPARE(second->used(), 0);
        log.append(record(3));
        QCOMPARE(log.recent().size(), 2);
    }

    // Readers on other threads (the GUI's model) see whole records while another thread appends
    // and the budget strips them.
    void readsFromOtherThreads()
    {
        auto budget = std::make_shared<AttemptBudget>(50 * AttemptBudget::recordBytes(record(1)));
        AttemptLog a(200), b(200);
        a.setBudget(budget);
        b.setBudget(budget);
        std::atomic<bool> done{false};
        std::atomic<int> problems{0};
        std::thread reader([&] {
            while (!done.load()) {
                for (const AttemptLog *log : {&a, &b}) {
                    const QVector<AttemptRecord> kept = log->recent();
                    for (const AttemptRecord &r : kept) {
                        const bool whole = r.requestBody.size() == 1000 && !r.bodiesDropped;
                        const bool bare = r.requestBody.isEmpty() && r.bodiesDropped;
                        if (!whole && !bare)
                            ++problems;
                    }
                    if (!kept.isEmpty() && kept.last().bodiesDropped)
                        ++problems;
                }
            }
        });
        std::thread otherWriter([&] {
            for (int i = 1; i <= 2000; ++i)
                b.append(record(i));
        });
        for (int i = 1; i <= 2000; ++i)
            a.append(record(i));
        otherWriter.join();
        done = true;
        reader.join();
        QCOMPARE(problems.load(), 0);
        QCOMPARE(budget->used(), a.bytes() + b.bytes());
        QVERIFY(budget->used() <= budget->limit());
    }
};

QTEST_GUILESS_MAIN(tst_AttemptBudget)
#include "tst_attemptbudget.moc"
