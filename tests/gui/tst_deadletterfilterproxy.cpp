// The proxy shows what a DeadLetterFilter lets through, and follows the store live.
#include "app/models/deadletterfilterproxy.h"
#include "app/models/deadlettersmodel.h"
#include "guitestdata.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace hookscope;

class tst_DeadLetterFilterProxy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_store = std::make_shared<DeadLetters>();
        m_store->add({guitest::event("a", QStringLiteral("library/nginx")), guitest::event("b", QStringLiteral("team/app"))},
                     DeadLetters::Reason::GaveUp, 5, QStringLiteral("response status 503 Service Unavailable unaccepted"));
        m_store->add({guitest::event("c", QStringLiteral("library/redis"))}, DeadLetters::Reason::GaveUp, 5,
                     QStringLiteral("Connection refused"));
        m_model = new DeadLettersModel(this);
        m_model->setStore(m_store);
        m_proxy = new DeadLetterFilterProxy(this);
        m_proxy->setDeadLettersModel(m_model);
    }
    void cleanup()
    {
        delete m_proxy;
        delete m_model;
    }

    void emptyFilterShowsEverything()
    {
        QAbstractItemModelTester tester(m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m_proxy->rowCount(), 3);
        QCOMPARE(m_proxy->entryAt(2)->event->id(), QByteArray("c"));
        QVERIFY(!m_proxy->entryAt(3));
    }

    void filterNarrowsAndWidensAgain()
    {
        QAbstractItemModelTester tester(m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        DeadLetterFilter filter;
        filter.setRepository(QStringLiteral("library/*"));
        m_proxy->setFilter(filter);
        QCOMPARE(m_proxy->rowCount(), 2);
        QVERIFY(filter.setLastStatus(QStringLiteral("5xx")));
        m_proxy->setFilter(filter);
        QCOMPARE(m_proxy->rowCount(), 1);
        QCOMPARE(m_proxy->entryAt(0)->event->id(), QByteArray("a"));
        QVERIFY(filter.setLastStatus(QStringLiteral("error")));
        m_proxy->setFilter(filter);
        QCOMPARE(m_proxy->entryAt(0)->event->id(), QByteArray("c"));
        m_proxy->setFilter(DeadLetterFilter());
        QCOMPARE(m_proxy->rowCount(), 3);
    }

    // New dead letters are filtered as they arrive; replayed ones leave.
    void followsTheStoreLive()
    {
        QAbstractItemModelTester tester(m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        DeadLetterFilter filter;
        filter.setRepository(QStringLiteral("nginx"));
        m_proxy->setFilter(filter);
        QCOMPARE(m_proxy->rowCount(), 1);
        m_store->add({guitest::event("d", QStringLiteral("mirror/nginx")), guitest::event("e", QStringLiteral("x/y"))},
                     DeadLetters::Reason::Purged, 0, {});
        m_model->refresh();
        QCOMPARE(m_proxy->rowCount(), 2);
        QCOMPARE(m_proxy->entryAt(1)->event->id(), QByteArray("d"));
        m_store->take({"a"});
        m_model->refresh();
        QCOMPARE(m_proxy->rowCount(), 1);
        QCOMPARE(m_proxy->entryAt(0)->event->id(), QByteArray("d"));
    }

private:
    std::shared_ptr<DeadLetters> m_store;
    DeadLettersModel *m_model = nullptr;
    DeadLetterFilterProxy *m_proxy = nullptr;
};

QTEST_GUILESS_MAIN(tst_DeadLetterFilterProxy)
#include "tst_deadletterfilterproxy.moc"
