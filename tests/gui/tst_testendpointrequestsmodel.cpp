// QTEST_MAIN: the model returns QBrush roles (QtGui types).
#include "app/models/testendpointrequestsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace hookscope;
using namespace Qt::StringLiterals;

namespace {

TestEndpointRequestSummary request(qint64 atMs, const QString &outcome, int status = 0)
{
    TestEndpointRequestSummary r;
    r.atMs = atMs;
    r.outcome = outcome;
    r.status = status;
    r.events = 1;
    r.firstEventId = "id-" + QByteArray::number(atMs);
    r.connectionId = int(atMs % 7);
    return r;
}

} // namespace

class tst_TestEndpointRequestsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Newest first; answered requests show their status line, faults their name.
    void newestFirstWithOutcomes()
    {
        TestEndpointRequestsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.setRequests({request(1, u"answered"_s, 200), request(2, u"reset"_s),
                                   request(3, u"answered"_s, 503), request(4, u"garbage"_s)}));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(0, TestEndpointRequestsModel::Outcome).data().toString(), u"garbage"_s);
        QCOMPARE(model.index(1, TestEndpointRequestsModel::Outcome).data().toString(),
                 u"503 Service Unavailable"_s);
        QCOMPARE(model.index(3, TestEndpointRequestsModel::Outcome).data().toString(), u"200 OK"_s);
        QCOMPARE(model.index(2, TestEndpointRequestsModel::FirstEventId).data().toString(), u"id-2"_s);
        QCOMPARE(model.index(0, TestEndpointRequestsModel::Connection).data().toString(), u"#4"_s);
    }

    // The same list again changes nothing; a new request (the oldest dropped) resets.
    void sameListEmitsNothing()
    {
        TestEndpointRequestsModel model;
        const QList<TestEndpointRequestSummary> list{request(1, u"hang"_s), request(2, u"closed"_s)};
        model.setRequests(list);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QVERIFY(!model.setRequests(list));
        QVERIFY(model.setRequests({request(2, u"closed"_s), request(3, u"answered"_s, 200)}));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.index(0, TestEndpointRequestsModel::Outcome).data().toString(), u"200 OK"_s);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(tst_TestEndpointRequestsModel)
#include "tst_testendpointrequestsmodel.moc"
