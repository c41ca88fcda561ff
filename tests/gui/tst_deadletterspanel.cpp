// QTEST_MAIN: the panel is a widget tree and needs a QApplication (runs offscreen).
#include "app/widgets/deadletterfilterbar.h"
#include "app/models/deadletterfilterproxy.h"
#include "app/models/deadlettersmodel.h"
#include "app/widgets/deadletterspanel.h"
#include "guitestdata.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>
#include <QFile>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

class tst_DeadLettersPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void sameSnapshotTwiceDoesNotReset();
    void replaySelectedAsksForATargetAndEmitsTheIds();
    void replayMatchingSendsTheFilterToTheChosenEndpoint();
    void cancelledChooserEmitsNothing();
    void filterBarNarrowsTheViewLive();
    void buttonsFollowSelectionAndRows();
    void exportWritesOneCompactEventPerLine();
    void exportWritesOnlyTheMatchingSet();
    void exportToAnUnwritablePathFailsCleanly();

private:
    QPushButton *button(DeadLettersPanel &panel, const QString &text);
    struct Request
    {
        DeadLetterFilter filter;
        QString target;
    };
    static QVector<Request> *record(DeadLettersPanel &panel);
    std::shared_ptr<DeadLetters> m_store;
};

// Every replay request the panel emits, kept on the panel (one per test).
QVector<tst_DeadLettersPanel::Request> *tst_DeadLettersPanel::record(DeadLettersPanel &panel)
{
    auto *requests = new QVector<Request>;
    QObject::connect(&panel, &DeadLettersPanel::replayRequested, &panel,
                     [requests](const DeadLetterFilter &filter, const QString &target) {
                         requests->append({filter, target});
                     });
    QObject::connect(&panel, &QObject::destroyed, [requests] { delete requests; });
    return requests;
}

void tst_DeadLettersPanel::init()
{
    m_store = std::make_shared<DeadLetters>();
    m_store->add({guitest::event("a"), guitest::event("b"), guitest::event("c")}, DeadLetters::Reason::GaveUp, 5,
                 QStringLiteral("timeout"));
}

QPushButton *tst_DeadLettersPanel::button(DeadLettersPanel &panel, const QString &text)
{
    const QList<QPushButton *> buttons = panel.findChildren<QPushButton *>();
    for (QPushButton *b : buttons) {
        if (b->text() == text)
            return b;
    }
    return nullptr;
}

// Repeated snapshots of the same endpoint refresh in place; the selection survives.
void tst_DeadLettersPanel::sameSnapshotTwiceDoesNotReset()
{
    DeadLettersPanel panel;
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const EndpointSnapshot snapshot = guitest::endpoint(QStringLiteral("a"), {}, m_store);
    panel.setEndpoint(snapshot);
    panel.view()->selectRow(1);
    QSignalSpy reset(panel.model(), &QAbstractItemModel::modelReset);
    panel.setEndpoint(snapshot);
    m_store->add({guitest::event("d")}, DeadLetters::Reason::Skipped, 1, {});
    panel.setEndpoint(snapshot);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(panel.model()->rowCount(), 4);
    QCOMPARE(panel.selectedIds(), QSet<QByteArray>{"b"});
    panel.setEndpoint(guitest::endpoint(QStringLiteral("other"), {}, std::make_shared<DeadLetters>()));
    QCOMPARE(reset.count(), 1);
    QVERIFY(panel.selectedIds().isEmpty());
}

// "Replay selected to…" asks where, offering every endpoint with its own first, and sends exactly
// the selected events (multi-selection) of this endpoint.
void tst_DeadLettersPanel::replaySelectedAsksForATargetAndEmitsTheIds()
{
    DeadLettersPanel panel;
    panel.setEndpoint(guitest::endpoint(QStringLiteral("a"), {}, m_store));
    panel.setEndpointNames({QStringLiteral("b"), QStringLiteral("a")});
    QString askedSource;
    QStringList offered;
    int askedCount = 0;
    panel.setTargetChooser([&](const QString &source, const QStringList &endpoints, int count, const QString &) {
        askedSource = source;
        offered = endpoints;
        askedCount = count;
        return QStringLiteral("b");
    });
    QVector<Request> *requests = record(panel);
    QItemSelectionModel *selection = panel.view()->selectionModel();
    selection->select(panel.view()->model()->index(0, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    selection->select(panel.view()->model()->index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    button(panel, QStringLiteral("Replay selected to…"))->click();
    QCOMPARE(askedSource, QStringLiteral("a"));
    QCOMPARE(offered, (QStringList{QStringLiteral("b"), QStringLiteral("a")}));
    QCOMPARE(askedCount, 2);
    QCOMPARE(requests->size(), 1);
    QCOMPARE(requests->at(0).target, QStringLiteral("b"));
    QCOMPARE(requests->at(0).filter.endpoint(), QStringLiteral("a"));
    QCOMPARE(requests->at(0).filter.ids(), (QSet<QByteArray>{"a", "c"}));
}

// "Replay matching to…" sends the bar's filter with this endpoint, and the count is what is listed.
void tst_DeadLettersPanel::replayMatchingSendsTheFilterToTheChosenEndpoint()
{
    m_store->add({guitest::event("d", QStringLiteral("library/nginx"))}, DeadLetters::Reason::Skipped, 0, {});
    DeadLettersPanel panel;
    panel.setEndpoint(guitest::endpoint(QStringLiteral("a"), {}, m_store));
    int askedCount = 0;
    QString what;
    panel.setTargetChooser([&](const QString &source, const QStringList &, int count, const QString &description) {
        askedCount = count;
        what = description;
        return source;
    });
    QVector<Request> *requests = record(panel);
    panel.filterBar()->repositoryField()->setText(QStringLiteral("library/*"));
    button(panel, QStringLiteral("Replay matching to…"))->click();
    QCOMPARE(askedCount, 1);
    QVERIFY2(what.contains(QStringLiteral("repository library/*")), qPrintable(what));
    QCOMPARE(requests->size(), 1);
    QCOMPARE(requests->at(0).target, QStringLiteral("a"));
    QCOMPARE(requests->at(0).filter.endpoint(), QStringLiteral("a"));
    QCOMPARE(requests->at(0).filter.repository(), QStringLiteral("library/*"));
    QVERIFY(requests->at(0).filter.ids().isEmpty());
}

// Cancelling the chooser, an empty selection or an empty list sends nothing.
void tst_DeadLettersPanel::cancelledChooserEmitsNothing()
{
    DeadLettersPanel panel;
    panel.setEndpoint(guitest::endpoint(QStringLiteral("a"), {}, m_store));
    panel.setTargetChooser([](const QString &, const QStringList &, int, const QString &) { return QString(); });
    QVector<Request> *requests = record(panel);
    panel.replayMatching();
    panel.view()->selectRow(0);
    panel.replaySelected();
    QVERIFY(requests->isEmpty());
    panel.setTargetChooser([](const QString &source, const QStringList &, int, const QString &) { return source; });
    panel.view()->clearSelection();
    panel.replaySelected();
    QVERIFY(requests->isEmpty());
    panel.clear();
    panel.replayMatching();
    QVERIFY(requests->isEmpty());
}

// The view shows what matches as one types, rows arriving later included; the count says so.
void tst_DeadLettersPanel::filterBarNarrowsTheViewLive()
{
    DeadLettersPanel panel;
    panel.setEndpoint(guitest::endpoint(QStringLiteral("a"), {}, m_store));
    QCOMPARE(panel.view()->model()->rowCount(), 3);
    panel.filterBar()->repositoryField()->setText(QStringLiteral("nginx"));
    QCOMPARE(panel.view()->model()->rowCount(), 0);
    QVERIFY(!button(panel, QStringLiteral("Replay matching to…"))->isEnabled());
    m_store->add({guitest::event("n", QStringLiteral("library/nginx"))}, DeadLetters::Reason::Purged, 0, {});
    panel.setEndpoint(guitest::endpoint(QStringLiteral("a"), {}, m_store));
    QCOMPARE(panel.view()->model()->rowCount(), 1);
    QCOMPARE(panel.view()->model()->index(0, DeadLettersModel::Id).data().toString(), QStringLiteral("n"));
    QVERIFY(button(panel, QStringLiteral("Replay matching to…"))->isEnabled());
    const QList<QLabel *> labels = panel.findChildren<QLabel *>();
    bool counted = false;
    for (const QLabel *label : labels)
        counted = counted || label->text() == QStringLiteral("1 of 4 dead letter(s) match");
    QVERIFY(counted);
    // Selection maps through the filter to the right event.
    panel.view()->selectRow(0);
    QCOMPARE(panel.selectedIds(), QSet<QByteArray>{"n"});
    panel.filterBar()->clearFilter();
    QCOMPARE(panel.view()->model()->rowCount(), 4);
}

// Replay selected needs a selection; replay all and export need rows.
void tst_DeadLettersPanel::buttonsFollowSelectionAndRows()
{
    DeadLettersPanel panel;
    QVERIFY(!button(panel, QStringLiteral("Replay matching to…"))->isEnabled());
    QVERIFY(!button(panel, QStringLiteral("Export NDJSON…"))->isEnabled());
    panel.setEndpoint(guitest::endpoint(QStringLiteral("a"), {}, m_store));
    QVERIFY(button(panel, QStringLiteral("Replay matching to…"))->isEnabled());
    QVERIFY(button(panel, QStringLiteral("Export NDJSON…"))->isEnabled());
    QVERIFY(!button(panel, QStringLiteral("Replay selected to…"))->isEnabled());
    panel.view()->selectRow(0);
    QVERIFY(button(panel, QStringLiteral("Replay selected to…"))->isEnabled());
}

// The export has one line per listed event, each the event's compact JSON, byte for byte.
void tst_DeadLettersPanel::exportWritesOneCompactEventPerLine()
{
    DeadLettersPanel panel;
    panel.setEndpoint(guitest::endpoint(QStringLiteral("a"), {}, m_store));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("dead.ndjson"));
    QString error;
    QVERIFY2(panel.exportNdjson(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 4);   // three lines and the empty rest after the final newline
    QCOMPARE(lines.at(0), guitest::event("a")->compactJson());
    QCOMPARE(lines.at(2), guitest::event("c")->compactJson());
    QVERIFY(lines.at(3).isEmpty());
}

// With a filter, the export holds the matching events only.
void tst_DeadLettersPanel::exportWritesOnlyTheMatchingSet()
{
    m_store->add({guitest::event("x", QStringLiteral("library/nginx"))}, DeadLetters::Reason::Skipped, 0, {});
    DeadLettersPanel panel;
    panel.setEndpoint(guitest::endpoint(QStringLiteral("a"), {}, m_store));
    panel.filterBar()->repositoryField()->setText(QStringLiteral("library/*"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("dead.ndjson"));
    QString error;
    QVERIFY2(panel.exportNdjson(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), guitest::event("x", QStringLiteral("library/nginx"))->compactJson() + '\n');
}

// A path that cannot be written gives false and a message, and no crash.
void tst_DeadLettersPanel::exportToAnUnwritablePathFailsCleanly()
{
    DeadLettersPanel panel;
    panel.setEndpoint(guitest::endpoint(QStringLiteral("a"), {}, m_store));
    QTemporaryDir dir;
    QString error;
    QVERIFY(!panel.exportNdjson(dir.filePath(QStringLiteral("missing/dir/dead.ndjson")), &error));
    QVERIFY(!error.isEmpty());
}

QTEST_MAIN(tst_DeadLettersPanel)
#include "tst_deadletterspanel.moc"
