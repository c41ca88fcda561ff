// QTEST_MAIN: the highlighter reads a widget's palette and needs a QApplication (runs offscreen).
#include "app/widgets/jsonhighlighter.h"

#include <QPlainTextEdit>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

using namespace hookscope;

class tst_JsonHighlighter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void coloursKeysStringsNumbersAndLiterals();
    void leavesDigitsInsideWordsAlone();
    void switchesColoursWithThePalette();
};

// The colour of the character at `position` in the first block, invalid when uncoloured.
static QColor colourAt(const QPlainTextEdit &edit, int position)
{
    const QTextBlock block = edit.document()->firstBlock();
    const QVector<QTextLayout::FormatRange> formats = block.layout()->formats();
    for (const QTextLayout::FormatRange &range : formats) {
        if (position >= range.start && position < range.start + range.length)
            return range.format.foreground().color();
    }
    return {};
}

// Keys, string values, numbers and true/false/null each get their own colour.
void tst_JsonHighlighter::coloursKeysStringsNumbersAndLiterals()
{
    QPlainTextEdit edit;
    new JsonHighlighter(edit.document(), &edit);
    edit.setPlainText(QStringLiteral("   \"size\": 471, \"tag\": \"v1\", \"ok\": true"));
    const QColor key = colourAt(edit, 4);
    const QColor number = colourAt(edit, 12);
    const QColor string = colourAt(edit, 25);
    const QColor literal = colourAt(edit, 37);
    QVERIFY(key.isValid() && number.isValid() && string.isValid() && literal.isValid());
    QCOMPARE(colourAt(edit, 17), key);   // "tag" is a key too
    QVERIFY(key != string);
    QVERIFY(number != string);
    QVERIFY(literal != number);
    QVERIFY(!colourAt(edit, 10).isValid());   // the colon and spaces stay plain
}

// "v1.2" or a header value like max-age=60 are not numbers.
void tst_JsonHighlighter::leavesDigitsInsideWordsAlone()
{
    QPlainTextEdit edit;
    new JsonHighlighter(edit.document(), &edit);
    edit.setPlainText(QStringLiteral("Cache-Control: max-age=60 v1"));
    QVERIFY(!colourAt(edit, 23).isValid());
    QVERIFY(!colourAt(edit, 27).isValid());
}

// A dark base gets the light-on-dark set, and switching back restores the other.
void tst_JsonHighlighter::switchesColoursWithThePalette()
{
    QPlainTextEdit edit;
    auto *highlighter = new JsonHighlighter(edit.document(), &edit);
    edit.setPlainText(QStringLiteral("\"k\": 1"));
    QPalette light = edit.palette();
    light.setColor(QPalette::Base, Qt::white);
    edit.setPalette(light);
    QVERIFY(!highlighter->isDarkScheme());
    const QColor onLight = colourAt(edit, 1);
    QPalette dark = edit.palette();
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    edit.setPalette(dark);
    QVERIFY(highlighter->isDarkScheme());
    const QColor onDark = colourAt(edit, 1);
    QVERIFY(onDark != onLight);
    QVERIFY(onDark.lightness() > onLight.lightness());
}

QTEST_MAIN(tst_JsonHighlighter)
#include "tst_jsonhighlighter.moc"
