// QTEST_MAIN: JsonView is a widget and needs a QApplication (runs offscreen).
#include "guitestdata.h"
#include "app/widgets/jsonview.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace hookscope;

class tst_JsonView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsTheEventIndentedLikeTheRegistry();
    void isReadOnlyMonospaceAndSelectable();
    void arbitraryJsonIsIndentedAndInvalidTextShownAsIs();
    void copyButtonCopiesEverything();
};

// The text is EventRecord::indentedJson(0): Go's MarshalIndent layout, original key order.
void tst_JsonView::showsTheEventIndentedLikeTheRegistry()
{
    JsonView view;
    const EventPtr event = guitest::event("e1");
    view.setEvent(event);
    QCOMPARE(view.text(), QString::fromUtf8(event->indentedJson(0)));
    QVERIFY(view.text().startsWith(QStringLiteral("{\n   \"id\": \"e1\",\n   \"timestamp\"")));
    view.setEvent({});
    QVERIFY(view.text().isEmpty());
}

// Users select and copy from it but cannot edit it; the font asked for is fixed-pitch. What
// fontconfig resolves it to is the machine's business (Noto Sans Mono, say, is reported as
// proportional by some fontconfig versions), so the request is what is checked.
void tst_JsonView::isReadOnlyMonospaceAndSelectable()
{
    JsonView view;
    auto *edit = view.findChild<QPlainTextEdit *>();
    QVERIFY(edit);
    QVERIFY(edit->isReadOnly());
    QVERIFY(edit->textInteractionFlags() & Qt::TextSelectableByMouse);
    QVERIFY(edit->font().fixedPitch());
    QCOMPARE(edit->font().styleHint(), QFont::Monospace);
    QCOMPARE(edit->font().family(), QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
}

// setJson indents valid JSON and leaves anything else untouched.
void tst_JsonView::arbitraryJsonIsIndentedAndInvalidTextShownAsIs()
{
    JsonView view;
    view.setJson("{\"b\":1,\"a\":[true,null]}");
    QCOMPARE(view.text(), QStringLiteral("{\n   \"b\": 1,\n   \"a\": [\n      true,\n      null\n   ]\n}"));
    view.setJson("{\"cut\":");
    QCOMPARE(view.text(), QStringLiteral("{\"cut\":"));
}

// Copy puts the whole text on the clipboard and is disabled when there is nothing to copy.
void tst_JsonView::copyButtonCopiesEverything()
{
    JsonView view;
    auto *copy = view.findChild<QPushButton *>();
    QVERIFY(copy);
    QVERIFY(!copy->isEnabled());
    view.setEvent(guitest::event("e2"));
    QVERIFY(copy->isEnabled());
    QSignalSpy copied(&view, &JsonView::copied);
    copy->click();
    QCOMPARE(copied.count(), 1);
    view.clear();
    QVERIFY(!copy->isEnabled());
}

QTEST_MAIN(tst_JsonView)
#include "tst_jsonview.moc"
