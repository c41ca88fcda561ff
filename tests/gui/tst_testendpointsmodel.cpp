// QTEST_MAIN: the model returns QBrush roles (QtGui types).
#include "app/models/testendpointsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace hookscope;
using namespace Qt::StringLiterals;

namespace {

TestEndpointStats stats(const QString &name, TestEndpointBehaviour::Mode mode = TestEndpointBehaviour::Healthy)
{
    TestEndpointStats s;
    s.name = name;
    s.url = QUrl(u"http://127.0.0.1:9/t/"_s + name);
    s.behaviour.mode = mode;
    return s;
}

} // namespace

class tst_TestEndpointsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A row per test endpoint with its counts and receiver checks; no-answer sums the faults.
    void rowsShowCountsAndChecks()
    {
        TestEndpointsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        TestEndpointStats a = stats(u"a"_s);
        a.requests = 10;
        a.accepted = 7;
        a.rejected = 1;
        a.resets = 1;
        a.garbage = 1;
        a.checks.envelopes = 7;
        a.checks.events = 7;
        a.checks.uniqueIds = 6;
        a.checks.duplicates = 1;
        a.checks.lost = 2;
        a.checks.sent = 8;
        QVERIFY(model.setStats({a, stats(u"b"_s, TestEndpointBehaviour::ResetConnection)}));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(TestEndpointsModel::ColumnCount));
        QCOMPARE(model.index(0, TestEndpointsModel::NoAnswer).data().toLongLong(), 2);
        QCOMPARE(model.index(0, TestEndpointsModel::Duplicates).data().toLongLong(), 1);
        QCOMPARE(model.index(0, TestEndpointsModel::Lost).data().toLongLong(), 2);
        QCOMPARE(model.index(0, TestEndpointsModel::UniqueIds).data().toLongLong(), 6);
        QVERIFY(model.index(0, TestEndpointsModel::Lost).data(TestEndpointsModel::AlarmRole).toBool());
        QVERIFY(!model.index(0, TestEndpointsModel::OutOfOrder).data(TestEndpointsModel::AlarmRole).toBool());
        QVERIFY(model.index(0, TestEndpointsModel::Lost).data(Qt::ToolTipRole).toString().contains(u"1..8"_s));
        QCOMPARE(model.index(1, TestEndpointsModel::Mode).data(TestEndpointsModel::RawRole).toString(), u"reset"_s);
        QCOMPARE(model.index(1, TestEndpointsModel::State).data().toString(), u"up"_s);
        QCOMPARE(model.rowOf(u"b"_s), 1);
        QCOMPARE(model.rowOf(u"c"_s), -1);
    }

    // Same names: changed rows update in place (dataChanged, no reset); identical stats emit nothing.
    void updatesInPlace()
    {
        TestEndpointsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        TestEndpointStats a = stats(u"a"_s);
        TestEndpointStats b = stats(u"b"_s);
        model.setStats({a, b});
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(!model.setStats({a, b}));
        QCOMPARE(changed.count(), 0);
        b.requests = 3;
        QVERIFY(model.setStats({a, b}));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
        QVERIFY(model.setStats({a}));   // a row went: reset
        QCOMPARE(reset.count(), 1);
    }

    // Down and misconfigured endpoints say so in the state column.
    void stateColumn()
    {
        TestEndpointsModel model;
        TestEndpointStats down = stats(u"d"_s, TestEndpointBehaviour::Down);
        down.down = true;
        down.ownPort = true;
        TestEndpointStats broken = stats(u"e"_s);
        broken.lastError = u"cannot reopen port 5000: address in use"_s;
        model.setStats({down, broken});
        QCOMPARE(model.index(0, TestEndpointsModel::State).data().toString(), u"down (refusing)"_s);
        QCOMPARE(model.index(1, TestEndpointsModel::State).data().toString(), u"error"_s);
        QCOMPARE(model.index(1, TestEndpointsModel::State).data(Qt::ToolTipRole).toString(), broken.lastError);
    }

    // The behaviour column names the mode and what matters for it.
    void describeBehaviour_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("text");
        QTest::newRow("status") << int(TestEndpointBehaviour::Status) << u"status 429, Retry-After 2"_s;
        QTest::newRow("failrate") << int(TestEndpointBehaviour::FailRate) << u"failrate 30%, Retry-After 2"_s;
        QTest::newRow("flap") << int(TestEndpointBehaviour::Flap) << u"flap down 20 s / up 1.5 s"_s;
        QTest::newRow("slow-body") << int(TestEndpointBehaviour::SlowBody) << u"slow-body 4096 B over 250 ms"_s;
        QTest::newRow("garbage") << int(TestEndpointBehaviour::Garbage) << u"garbage"_s;
    }
    void describeBehaviour()
    {
        QFETCH(int, mode);
        QFETCH(QString, text);
        TestEndpointBehaviour b;
        b.mode = TestEndpointBehaviour::Mode(mode);
        b.status = 429;
        b.failRate = 0.3;
        b.downMs = 20000;
        b.upMs = 1500;
        b.bodyBytes = 4096;
        b.bodyMs = 250;
        if (b.mode == TestEndpointBehaviour::Status || b.mode == TestEndpointBehaviour::FailRate)
            b.retryAfter = "2";
        QCOMPARE(TestEndpointsModel::describeBehaviour(b), text);
    }
};

QTEST_MAIN(tst_TestEndpointsModel)
#include "tst_testendpointsmodel.moc"
