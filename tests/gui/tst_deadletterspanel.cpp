// QTEST_MAIN: the panel is a widget tree and needs a QApplication (runs offscreen).
#include "deadlettersmodel.h"
#include "deadletterspanel.h"
#include "guitestdata.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QItemSelectionModel>
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
    void replaySelectedEmitsTheSelectedIds();
    void replayAllEmitsAnEmptySet();
    void buttonsFollowSelectionAndRows();
    void exportWritesOneCompactEventPerLine();
    void exportToAnUnwritablePathFailsCleanly();

private:
    QPushButton *button(DeadLettersPanel &panel, const QString &text);
    std::shared_ptr<DeadLetters> m_store;
};

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

// "Replay selected" asks for exactly the selected events (multi-selection).
void tst_DeadLettersPanel::replaySelectedEmitsTheSelectedIds()
{
    DeadLettersPanel panel;
    panel.setEndpoint(guitest::endpoint(QStringLiteral("a"), {}, m_store));
    QItemSelectionModel *selection = panel.view()->selectionModel();
    selection->select(panel.model()->index(0, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    selection->select(panel.model()->index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QSignalSpy replay(&panel, &DeadLettersPanel::replayRequested);
    button(panel, QStringLiteral("Replay selected"))->click();
    QCOMPARE(replay.count(), 1);
    QCOMPARE(replay.first().first().value<QSet<QByteArray>>(), (QSet<QByteArray>{"a", "c"}));
}

// "Replay all" asks with an empty set, which means all; nothing is emitted with nothing listed.
void tst_DeadLettersPanel::replayAllEmitsAnEmptySet()
{
    DeadLettersPanel panel;
    panel.setEndpoint(guitest::endpoint(QStringLiteral("a"), {}, m_store));
    QSignalSpy replay(&panel, &DeadLettersPanel::replayRequested);
    button(panel, QStringLiteral("Replay all"))->click();
    QCOMPARE(replay.count(), 1);
    QVERIFY(replay.first().first().value<QSet<QByteArray>>().isEmpty());
    panel.clear();
    panel.replayAll();
    panel.replaySelected();
    QCOMPARE(replay.count(), 1);
}

// Replay selected needs a selection; replay all and export need rows.
void tst_DeadLettersPanel::buttonsFollowSelectionAndRows()
{
    DeadLettersPanel panel;
    QVERIFY(!button(panel, QStringLiteral("Replay all"))->isEnabled());
    QVERIFY(!button(panel, QStringLiteral("Export NDJSON…"))->isEnabled());
    panel.setEndpoint(guitest::endpoint(QStringLiteral("a"), {}, m_store));
    QVERIFY(button(panel, QStringLiteral("Replay all"))->isEnabled());
    QVERIFY(button(panel, QStringLiteral("Export NDJSON…"))->isEnabled());
    QVERIFY(!button(panel, QStringLiteral("Replay selected"))->isEnabled());
    panel.view()->selectRow(0);
    QVERIFY(button(panel, QStringLiteral("Replay selected"))->isEnabled());
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
