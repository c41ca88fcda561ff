// A gui test because the helper serves the gui panels; it needs no widget (QTEST_GUILESS_MAIN).
#include "app/widgets/followendpointstore.h"

#include <QTest>

using namespace hookscope;

namespace {

struct Store {};

// Stands in for AttemptLogModel and DeadLettersModel: records which calls the helper made.
struct FakeModel
{
    std::shared_ptr<const Store> held;
    int reloads = 0;
    int refreshes = 0;
    const std::shared_ptr<const Store> &store() const { return held; }
    void setStore(std::shared_ptr<const Store> store) { held = std::move(store); ++reloads; }
    void refresh() { ++refreshes; }
};

} // namespace

class tst_FollowEndpointStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Pins that the same endpoint and store only refresh: the cheap path taken on every snapshot.
    void sameEndpointAndStoreRefreshes()
    {
        FakeModel model;
        QString shown;
        const auto store = std::make_shared<const Store>();
        followEndpointStore(shown, model, QStringLiteral("a"), store);
        QCOMPARE(shown, QStringLiteral("a"));
        QCOMPARE(model.reloads, 1);
        followEndpointStore(shown, model, QStringLiteral("a"), store);
        QCOMPARE(model.reloads, 1);
        QCOMPARE(model.refreshes, 1);
    }

    // Pins that another endpoint, or another store for the same endpoint, reloads the model.
    void anotherEndpointOrStoreReloads()
    {
        FakeModel model;
        QString shown;
        const auto store = std::make_shared<const Store>();
        followEndpointStore(shown, model, QStringLiteral("a"), store);
        followEndpointStore(shown, model, QStringLiteral("b"), store);
        QCOMPARE(shown, QStringLiteral("b"));
        QCOMPARE(model.reloads, 2);
        const auto rebuilt = std::make_shared<const Store>();
        followEndpointStore(shown, model, QStringLiteral("b"), rebuilt);
        QCOMPARE(model.reloads, 3);
        QVERIFY(model.store() == rebuilt);
        QCOMPARE(model.refreshes, 0);
    }
};

QTEST_GUILESS_MAIN(tst_FollowEndpointStore)
#include "tst_followendpointstore.moc"
