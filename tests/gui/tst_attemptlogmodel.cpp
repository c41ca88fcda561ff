// QTEST_MAIN rather than the GUI-less main: the model returns QBrush/QFont roles (QtGui types).
#include "app/models/attemptlogmodel.h"
#include "guitestdata.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace hookscope;

class tst_AttemptLogModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void loadsNewestFirst();
    void newAttemptsAreInsertedAtTheTopWithoutReset();
    void unchangedLogEmitsNothing();
    void trimsOldestRowsToTheLogCapacity();
    void joinsCorrectlyWhenEverythingRolledOut();
    void showsStatusLineOrErrorClass();
    void clearEmptiesTheModel();

private:
    std::shared_ptr<AttemptLog> m_log;
    AttemptLogModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void tst_AttemptLogModel::init()
{
    m_log = std::make_shared<AttemptLog>(5);
    m_model = new AttemptLogModel(this);
    m_tester = new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
}

void tst_AttemptLogModel::cleanup()
{
    delete m_tester;
    delete m_model;
    m_log.reset();
}

// Row 0 is the newest attempt right after the store is set.
void tst_AttemptLogModel::loadsNewestFirst()
{
    for (int i = 1; i <= 3; ++i)
        m_log->append(guitest::attempt(i));
    m_model->setStore(m_log);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->recordAt(0)->sequence, 3);
    QCOMPARE(m_model->recordAt(2)->sequence, 1);
}

// refresh() turns appended attempts into one insertion of rows 0..n-1, never a reset.
void tst_AttemptLogModel::newAttemptsAreInsertedAtTheTopWithoutReset()
{
    m_log->append(guitest::attempt(1));
    m_model->setStore(m_log);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_log->append(guitest::attempt(2));
    m_log->append(guitest::attempt(3));
    m_model->refresh();
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 1);
    QCOMPARE(m_model->recordAt(0)->sequence, 3);
    QCOMPARE(m_model->recordAt(1)->sequence, 2);
    QCOMPARE(m_model->recordAt(2)->sequence, 1);
}

// A tick with nothing appended costs one counter read and emits no signal at all.
void tst_AttemptLogModel::unchangedLogEmitsNothing()
{
    m_log->append(guitest::attempt(1));
    m_model->setStore(m_log);
    QSignalSpy any(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_model->refresh();
    m_model->refresh();
    QCOMPARE(any.count() + inserted.count() + reset.count(), 0);
}

// The model never holds more rows than the log keeps; the oldest go from the bottom.
void tst_AttemptLogModel::trimsOldestRowsToTheLogCapacity()
{
    for (int i = 1; i <= 3; ++i)
        m_log->append(guitest::attempt(i));
    m_model->setStore(m_log);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    for (int i = 4; i <= 7; ++i)
        m_log->append(guitest::attempt(i));
    m_model->refresh();
    QCOMPARE(m_model->rowCount(), 5);
    QCOMPARE(m_model->recordAt(0)->sequence, 7);
    QCOMPARE(m_model->recordAt(4)->sequence, 3);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 5);
}

// When more attempts than the capacity arrived between two refreshes, the rows are exactly the
// log's current content, newest first.
void tst_AttemptLogModel::joinsCorrectlyWhenEverythingRolledOut()
{
    m_log->append(guitest::attempt(1));
    m_model->setStore(m_log);
    for (int i = 2; i <= 20; ++i)
        m_log->append(guitest::attempt(i));
    m_model->refresh();
    QCOMPARE(m_model->rowCount(), 5);
    for (int row = 0; row < 5; ++row)
        QCOMPARE(m_model->recordAt(row)->sequence, 20 - row);
}

// The status column reads like the registry's Statuses keys, or names the error class.
void tst_AttemptLogModel::showsStatusLineOrErrorClass()
{
    m_log->append(guitest::attempt(1, 503));
    m_log->append(guitest::attempt(2, 0));
    AttemptRecord cancelled = guitest::attempt(3, 0);
    cancelled.outcome = AttemptRecord::Cancelled;
    cancelled.errorClass = ErrorClass::Cancelled;
    m_log->append(cancelled);
    m_model->setStore(m_log);
    auto text = [this](int row, int column) { return m_model->index(row, column).data().toString(); };
    QCOMPARE(text(2, AttemptLogModel::Status), QStringLiteral("503 Service Unavailable"));
    QCOMPARE(text(2, AttemptLogModel::Outcome), QStringLiteral("failure"));
    QCOMPARE(text(1, AttemptLogModel::Status), QStringLiteral("refused"));
    QCOMPARE(text(0, AttemptLogModel::Status), QStringLiteral("cancelled"));
    QCOMPARE(text(2, AttemptLogModel::Events), QStringLiteral("ev-1"));
    QCOMPARE(text(2, AttemptLogModel::BodyBytes), QString::number(guitest::attempt(1).requestBodyBytes));
    const QDateTime local = guitest::attempt(1).startedAt.toLocalTime();
    QCOMPARE(text(2, AttemptLogModel::Time), local.toString(QStringLiteral("HH:mm:ss.zzz")));
}

// clear() drops the store: later refreshes stay empty.
void tst_AttemptLogModel::clearEmptiesTheModel()
{
    m_log->append(guitest::attempt(1));
    m_model->setStore(m_log);
    m_model->clear();
    m_log->append(guitest::attempt(2));
    m_model->refresh();
    QCOMPARE(m_model->rowCount(), 0);
}

QTEST_MAIN(tst_AttemptLogModel)
#include "tst_attemptlogmodel.moc"
