// QTEST_MAIN: the panel is a widget tree and needs a QApplication (runs offscreen).
#include "app/models/attemptlogmodel.h"
#include "app/widgets/attemptspanel.h"
#include "guitestdata.h"

#include <QAbstractItemModelTester>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace hookscope;

class tst_AttemptsPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameSnapshotTwiceDoesNotReset();
    void switchingEndpointResetsRowsAndDetail();
    void selectionShowsRequestAndResponse();
    void selectionFollowsItsAttemptWhenRowsArrive();
    void scrolledViewKeepsItsRowsInPlace();
    void detailIsNotRerenderedWhileTheSameAttemptIsShown();
    void curlCommandQuotesAndKeepsMaskedHeaders();
    void copyCurlEmitsTheCommand();
    void redirectNoteIsShown();
    void droppedBodiesAreSaidSo();
};

// Calling setEndpoint on every snapshot is cheap: the same store refreshes, it never resets.
void tst_AttemptsPanel::sameSnapshotTwiceDoesNotReset()
{
    auto log = std::make_shared<AttemptLog>(100);
    log->append(guitest::attempt(1));
    AttemptsPanel panel;
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const EndpointSnapshot snapshot = guitest::endpoint(QStringLiteral("a"), log);
    panel.setEndpoint(snapshot);
    QSignalSpy reset(panel.model(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(panel.model(), &QAbstractItemModel::rowsInserted);
    panel.setEndpoint(snapshot);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 0);
    log->append(guitest::attempt(2));
    panel.setEndpoint(snapshot);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(panel.model()->rowCount(), 2);
}

// Another endpoint name means another history: rows reset and the detail pane empties.
void tst_AttemptsPanel::switchingEndpointResetsRowsAndDetail()
{
    auto logA = std::make_shared<AttemptLog>(100);
    auto logB = std::make_shared<AttemptLog>(100);
    logA->append(guitest::attempt(1, 503));
    logB->append(guitest::attempt(7));
    logB->append(guitest::attempt(8));
    AttemptsPanel panel;
    panel.setEndpoint(guitest::endpoint(QStringLiteral("a"), logA));
    panel.view()->selectRow(0);
    QVERIFY(!panel.requestDetail().isEmpty());
    QSignalSpy reset(panel.model(), &QAbstractItemModel::modelReset);
    panel.setEndpoint(guitest::endpoint(QStringLiteral("b"), logB));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(panel.model()->rowCount(), 2);
    QCOMPARE(panel.model()->recordAt(0)->sequence, 8);
    QVERIFY(panel.requestDetail().isEmpty());
    panel.clear();
    QCOMPARE(panel.model()->rowCount(), 0);
}

// The detail pane shows the request as sent (masked headers, indented body) and the response.
void tst_AttemptsPanel::selectionShowsRequestAndResponse()
{
    auto log = std::make_shared<AttemptLog>(100);
    log->append(guitest::attempt(1, 503));
    AttemptsPanel panel;
    panel.setEndpoint(guitest::endpoint(QStringLiteral("a"), log));
    panel.view()->selectRow(0);
    const QString request = panel.requestDetail();
    QVERIFY2(request.startsWith(QStringLiteral("POST http://127.0.0.1:9/hook\n")), qPrintable(request));
    QVERIFY(request.contains(QStringLiteral("Authorization: Bearer ****")));
    QVERIFY2(request.contains(QStringLiteral("{\n   \"events\": [\n")), qPrintable(request));
    const QString response = panel.responseDetail();
    QVERIFY2(response.startsWith(QStringLiteral("HTTP 503 Service Unavailable\n")), qPrintable(response));
    QVERIFY(response.contains(QStringLiteral("down for maintenance")));

    log->append(guitest::attempt(2, 0));
    panel.setEndpoint(guitest::endpoint(QStringLiteral("a"), log));
    panel.view()->selectRow(0);
    QVERIFY(panel.responseDetail().contains(QStringLiteral("No response (refused)")));
    QVERIFY(panel.responseDetail().contains(QStringLiteral("Connection refused")));
}

// New rows at the top do not move the selection off the attempt the user is reading.
void tst_AttemptsPanel::selectionFollowsItsAttemptWhenRowsArrive()
{
    auto log = std::make_shared<AttemptLog>(100);
    log->append(guitest::attempt(1, 503));
    AttemptsPanel panel;
    const EndpointSnapshot snapshot = guitest::endpoint(QStringLiteral("a"), log);
    panel.setEndpoint(snapshot);
    panel.view()->selectRow(0);
    const QString before = panel.requestDetail();
    log->append(guitest::attempt(2));
    log->append(guitest::attempt(3));
    panel.setEndpoint(snapshot);
    QCOMPARE(panel.view()->currentIndex().row(), 2);
    QCOMPARE(panel.requestDetail(), before);
}

// A view scrolled away from the top keeps showing the same attempts when new ones arrive.
void tst_AttemptsPanel::scrolledViewKeepsItsRowsInPlace()
{
    auto log = std::make_shared<AttemptLog>(1000);
    for (int i = 1; i <= 300; ++i)
        log->append(guitest::attempt(i));
    AttemptsPanel panel;
    panel.resize(800, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const EndpointSnapshot snapshot = guitest::endpoint(QStringLiteral("a"), log);
    panel.setEndpoint(snapshot);
    QCoreApplication::processEvents();   // let the view lay out the 300 rows before scrolling
    panel.view()->scrollTo(panel.model()->index(150, 0), QAbstractItemView::PositionAtTop);
    QTRY_VERIFY(panel.view()->rowAt(0) > 0);
    const int topRow = panel.view()->rowAt(0);
    const qint64 topSequence = panel.model()->recordAt(topRow)->sequence;
    for (int i = 301; i <= 305; ++i)
        log->append(guitest::attempt(i));
    panel.setEndpoint(snapshot);
    QTRY_COMPARE(panel.model()->recordAt(panel.view()->rowAt(0))->sequence, topSequence);
}

// Ticks that trim old rows leave the detail pane alone: a text selection in it survives.
void tst_AttemptsPanel::detailIsNotRerenderedWhileTheSameAttemptIsShown()
{
    auto log = std::make_shared<AttemptLog>(3);
    for (int i = 1; i <= 3; ++i)
        log->append(guitest::attempt(i));
    AttemptsPanel panel;
    const EndpointSnapshot snapshot = guitest::endpoint(QStringLiteral("a"), log);
    panel.setEndpoint(snapshot);
    panel.view()->selectRow(0);
    auto *request = panel.findChild<QPlainTextEdit *>(QStringLiteral("requestText"));
    QVERIFY(request);
    QVERIFY(request->toPlainText().startsWith(QStringLiteral("POST")));
    request->selectAll();
    QVERIFY(request->textCursor().hasSelection());
    log->append(guitest::attempt(4));   // capacity 3: the oldest row is trimmed
    panel.setEndpoint(snapshot);
    QCOMPARE(panel.model()->rowCount(), 3);
    QVERIFY(request->textCursor().hasSelection());
}

// The curl command is a POSIX-shell-safe replay of the request; masked values stay masked.
void tst_AttemptsPanel::curlCommandQuotesAndKeepsMaskedHeaders()
{
    AttemptRecord record = guitest::attempt(1);
    record.requestBody = "{\"tag\":\"it's\"}";
    record.requestBodyBytes = record.requestBody.size();
    const QString command = AttemptsPanel::curlCommand(record);
    QVERIFY2(command.startsWith(QStringLiteral("curl -sS -i -X POST 'http://127.0.0.1:9/hook'")), qPrintable(command));
    QVERIFY(command.contains(QStringLiteral("-H 'Authorization: Bearer ****'")));
    QVERIFY2(command.contains(QStringLiteral("--data-binary '{\"tag\":\"it'\\''s\"}'")), qPrintable(command));
    QVERIFY(!command.startsWith(QLatin1Char('#')));

    record.requestBodyBytes = 100'000;   // the log kept only part of it
    QVERIFY(AttemptsPanel::curlCommand(record).startsWith(QStringLiteral("# ")));
}

// The button works on the selected attempt and says masked values stay masked.
void tst_AttemptsPanel::copyCurlEmitsTheCommand()
{
    auto log = std::make_shared<AttemptLog>(100);
    log->append(guitest::attempt(1));
    AttemptsPanel panel;
    panel.setEndpoint(guitest::endpoint(QStringLiteral("a"), log));
    auto *button = panel.findChild<QPushButton *>();
    QVERIFY(button);
    QVERIFY(!button->isEnabled());
    QVERIFY(button->toolTip().contains(QStringLiteral("masked")));
    panel.view()->selectRow(0);
    QVERIFY(button->isEnabled());
    QSignalSpy copied(&panel, &AttemptsPanel::curlCopied);
    button->click();
    QCOMPARE(copied.count(), 1);
    QCOMPARE(copied.first().first().toString(), AttemptsPanel::curlCommand(guitest::attempt(1)));
}

// What a cross-host redirect dropped is part of the attempt's story: the response side says so,
// and so does the row's tooltip.
void tst_AttemptsPanel::redirectNoteIsShown()
{
    AttemptRecord record = guitest::attempt(1);
    record.note = QStringLiteral("redirected to other host localhost:8081: dropped Authorization, Cookie");
    QVERIFY(AttemptsPanel::responseText(record).contains(QStringLiteral("Note: ") + record.note));
    auto log = std::make_shared<AttemptLog>(100);
    log->append(record);
    AttemptLogModel model;
    model.setStore(log);
    QVERIFY(model.index(0, AttemptLogModel::Status).data(Qt::ToolTipRole).toString().contains(record.note));
}

// A record the attempt log's budget stripped says why its bodies are empty, on both sides and in
// the curl command (which would otherwise post an empty body without a word).
void tst_AttemptsPanel::droppedBodiesAreSaidSo()
{
    AttemptRecord record = guitest::attempt(1);
    record.requestBodyBytes = 1234;
    record.requestBody.clear();
    record.responseBody.clear();
    record.bodiesDropped = true;
    QVERIFY(AttemptsPanel::requestText(record).contains(
        QStringLiteral("[1234 bytes of body dropped: the attempt log is over hookscope.attemptlog.budget]")));
    QVERIFY(!AttemptsPanel::requestText(record).contains(QStringLiteral("body cut")));
    if (record.status > 0)
        QVERIFY(AttemptsPanel::responseText(record).contains(QStringLiteral("body dropped")));
    QVERIFY(AttemptsPanel::curlCommand(record).startsWith(QStringLiteral("# the attempt log dropped the body")));
}

QTEST_MAIN(tst_AttemptsPanel)
#include "tst_attemptspanel.moc"
