// QTEST_MAIN rather than the GUI-less main, for symmetry with the panel tests (QtGui roles).
#include "app/models/deadlettersmodel.h"
#include "guitestdata.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace hookscope;

class tst_DeadLettersModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void showsEntryFields();
    void newEntriesAreAppendedWithoutReset();
    void unchangedStoreEmitsNothing();
    void replayedEntriesAreRemovedAsRows();
    void replayPlusNewEntriesOfTheSameCountIsNoticed();
    void idsOfRowsCollectsEventIds();

private:
    std::shared_ptr<DeadLetters> m_store;
    DeadLettersModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void tst_DeadLettersModel::init()
{
    m_store = std::make_shared<DeadLetters>();
    m_model = new DeadLettersModel(this);
    m_tester = new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
}

void tst_DeadLettersModel::cleanup()
{
    delete m_tester;
    delete m_model;
    m_store.reset();
}

static EventBlock block(std::initializer_list<const char *> ids)
{
    EventBlock events;
    for (const char *id : ids)
        events.push_back(guitest::event(QByteArray(id)));
    return events;
}

// Each column shows the entry's event and why it was given up on.
void tst_DeadLettersModel::showsEntryFields()
{
    m_store->add({guitest::event("e1", QStringLiteral("team/app"), QStringLiteral("v2"))},
                 DeadLetters::Reason::GaveUp, 7, QStringLiteral("503 Service Unavailable"));
    m_model->setStore(m_store);
    auto text = [this](int column) { return m_model->index(0, column).data().toString(); };
    QCOMPARE(text(DeadLettersModel::Id), QStringLiteral("e1"));
    QCOMPARE(text(DeadLettersModel::Action), QStringLiteral("push"));
    QCOMPARE(text(DeadLettersModel::Repository), QStringLiteral("team/app"));
    QCOMPARE(text(DeadLettersModel::Tag), QStringLiteral("v2"));
    QCOMPARE(text(DeadLettersModel::Reason), QStringLiteral("gave up"));
    QCOMPARE(text(DeadLettersModel::Attempts), QStringLiteral("7"));
    QCOMPARE(text(DeadLettersModel::LastError), QStringLiteral("503 Service Unavailable"));
    QVERIFY(!text(DeadLettersModel::When).isEmpty());
}

// Entries joining the store become rows at the bottom, one insertion, no reset.
void tst_DeadLettersModel::newEntriesAreAppendedWithoutReset()
{
    m_store->add(block({"a", "b"}), DeadLetters::Reason::Skipped, 1, {});
    m_model->setStore(m_store);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_store->add(block({"c", "d", "e"}), DeadLetters::Reason::Purged, 0, {});
    m_model->refresh();
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 2);
    QCOMPARE(inserted.first().at(2).toInt(), 4);
    QCOMPARE(m_model->index(4, 0).data().toString(), QStringLiteral("e"));
}

// Nothing changed: no signals.
void tst_DeadLettersModel::unchangedStoreEmitsNothing()
{
    m_store->add(block({"a", "b"}), DeadLetters::Reason::Skipped, 1, {});
    m_model->setStore(m_store);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_model->refresh();
    QCOMPARE(inserted.count() + removed.count() + reset.count(), 0);
}

// Replaying some entries removes exactly those rows; a persistent index on a kept row follows it.
void tst_DeadLettersModel::replayedEntriesAreRemovedAsRows()
{
    m_store->add(block({"a", "b", "c", "d", "e"}), DeadLetters::Reason::Skipped, 1, {});
    m_model->setStore(m_store);
    const QPersistentModelIndex d(m_model->index(3, 0));
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_store->take({"b", "c", "e"});
    m_model->refresh();
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 2);   // rows 1-2 in one go, then row 4
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->index(0, 0).data().toString(), QStringLiteral("a"));
    QCOMPARE(d.row(), 1);
    QCOMPARE(d.data().toString(), QStringLiteral("d"));
}

// Between two refreshes, two replayed and two new: same size, still seen and applied exactly.
void tst_DeadLettersModel::replayPlusNewEntriesOfTheSameCountIsNoticed()
{
    m_store->add(block({"a", "b", "c"}), DeadLetters::Reason::Skipped, 1, {});
    m_model->setStore(m_store);
    m_store->take({"a", "b"});
    m_store->add(block({"x", "y"}), DeadLetters::Reason::Closed, 0, {});
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_model->refresh();
    QCOMPARE(reset.count(), 0);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->index(0, 0).data().toString(), QStringLiteral("c"));
    QCOMPARE(m_model->index(2, 0).data().toString(), QStringLiteral("y"));
}

// The ids handed to replay are the events' ids of the given rows, out-of-range rows ignored.
void tst_DeadLettersModel::idsOfRowsCollectsEventIds()
{
    m_store->add(block({"a", "b", "c"}), DeadLetters::Reason::Skipped, 1, {});
    m_model->setStore(m_store);
    QCOMPARE(m_model->idsOfRows({0, 2, 9}), (QSet<QByteArray>{"a", "c"}));
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
}

QTEST_MAIN(tst_DeadLettersModel)
#include "tst_deadlettersmodel.moc"
