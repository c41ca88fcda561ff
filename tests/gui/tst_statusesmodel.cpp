// QTEST_MAIN: the model returns QBrush roles (QtGui types).
#include "app/models/statusesmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace hookscope;

using Counts = QMap<QString, qint64>;

class tst_StatusesModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void sortedByCountWithShare();
    void successStatusesAreMarked();
    void growingCountsUpdateInPlace();
    void newKeyIsInsertedAndSortedKeepingPersistentIndexes();
    void identicalCountsEmitNothing();
    void vanishedKeysAreRemoved();

private:
    StatusesModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void tst_StatusesModel::init()
{
    m_model = new StatusesModel(this);
    m_tester = new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
}

void tst_StatusesModel::cleanup()
{
    delete m_tester;
    delete m_model;
}

// Statuses and error classes share one list, biggest count first, share of the sum of all rows.
void tst_StatusesModel::sortedByCountWithShare()
{
    m_model->setCounts({{QStringLiteral("200 OK"), 6}, {QStringLiteral("503 Service Unavailable"), 2}},
                       {{QStringLiteral("timeout"), 12}});
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->total(), 20);
    QCOMPARE(m_model->keyAt(0), QStringLiteral("timeout"));
    QCOMPARE(m_model->keyAt(1), QStringLiteral("200 OK"));
    QCOMPARE(m_model->keyAt(2), QStringLiteral("503 Service Unavailable"));
    QCOMPARE(m_model->index(0, StatusesModel::Share).data().toString(), QStringLiteral("60.0%"));
    QCOMPARE(m_model->index(2, StatusesModel::Share).data().toString(), QStringLiteral("10.0%"));
    QCOMPARE(m_model->index(0, StatusesModel::Kind).data().toString(), QStringLiteral("error"));
    QCOMPARE(m_model->index(0, StatusesModel::Count).data(StatusesModel::RawRole).toLongLong(), 12);
}

// 200-399 are successes (the registry's rule), marked in the text and in SuccessRole.
void tst_StatusesModel::successStatusesAreMarked()
{
    QVERIFY(StatusesModel::isSuccessKey(QStringLiteral("204 No Content")));
    QVERIFY(StatusesModel::isSuccessKey(QStringLiteral("307 Temporary Redirect")));
    QVERIFY(!StatusesModel::isSuccessKey(QStringLiteral("400 Bad Request")));
    QVERIFY(!StatusesModel::isSuccessKey(QStringLiteral("199 ")));
    m_model->setCounts({{QStringLiteral("200 OK"), 2}, {QStringLiteral("500 Internal Server Error"), 1}}, {});
    QVERIFY(m_model->index(0, 0).data(StatusesModel::SuccessRole).toBool());
    QVERIFY(m_model->index(0, StatusesModel::Key).data().toString().startsWith(QStringLiteral("✓ ")));
    QVERIFY(!m_model->index(1, 0).data(StatusesModel::SuccessRole).toBool());
    QCOMPARE(m_model->index(1, StatusesModel::Kind).data().toString(), QStringLiteral("failure"));
}

// Counts that grow without changing the order give one dataChanged: no reset, no row moves.
void tst_StatusesModel::growingCountsUpdateInPlace()
{
    m_model->setCounts({{QStringLiteral("200 OK"), 5}}, {{QStringLiteral("refused"), 1}});
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy layout(m_model, &QAbstractItemModel::layoutChanged);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QVERIFY(m_model->setCounts({{QStringLiteral("200 OK"), 9}}, {{QStringLiteral("refused"), 2}}));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(layout.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->index(0, StatusesModel::Count).data().toString(), QStringLiteral("9"));
}

// A new key is inserted, then the order is restored by a layout change; a persistent index on an
// existing row follows that row.
void tst_StatusesModel::newKeyIsInsertedAndSortedKeepingPersistentIndexes()
{
    m_model->setCounts({{QStringLiteral("200 OK"), 5}}, {});
    const QPersistentModelIndex ok(m_model->index(0, 0));
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy layout(m_model, &QAbstractItemModel::layoutChanged);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_model->setCounts({{QStringLiteral("200 OK"), 5}, {QStringLiteral("502 Bad Gateway"), 50}}, {});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(layout.count(), 1);
    QCOMPARE(m_model->keyAt(0), QStringLiteral("502 Bad Gateway"));
    QCOMPARE(ok.row(), 1);
}

// setCounts with the maps it already shows returns false and emits nothing.
void tst_StatusesModel::identicalCountsEmitNothing()
{
    const Counts statuses{{QStringLiteral("200 OK"), 5}};
    m_model->setCounts(statuses, {});
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QVERIFY(!m_model->setCounts(statuses, {}));
    QCOMPARE(changed.count(), 0);
}

// Keys that disappear (counters reset) are removed as rows.
void tst_StatusesModel::vanishedKeysAreRemoved()
{
    m_model->setCounts({{QStringLiteral("200 OK"), 5}, {QStringLiteral("404 Not Found"), 1}}, {{QStringLiteral("dns"), 1}});
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    m_model->setCounts({{QStringLiteral("200 OK"), 1}}, {});
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(removed.count(), 2);
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->total(), 0);
}

QTEST_MAIN(tst_StatusesModel)
#include "tst_statusesmodel.moc"
