#include "core/model/jsontext.h"

#include "fixtures.h"

#include <QTest>

using namespace hookscope;

using ByteList = QList<QByteArray>;

class TestJsonText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void compact_data();
    void compact();
    void indent_data();
    void indent();
    void indentReproducesFixtures_data();
    void indentReproducesFixtures();
    void topLevelArrayItems_data();
    void topLevelArrayItems();
    void maxDepth_data();
    void maxDepth();
    void survivesTruncatedInput();
};

void TestJsonText::compact_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("already compact") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":1})");
    QTest::newRow("all whitespace kinds")
        << QByteArray(" {\n\t\"a\" :\r\n [ 1 , 2 ] } ") << QByteArray(R"({"a":[1,2]})");
    QTest::newRow("spaces inside strings kept")
        << QByteArray(R"({ "a b" : " c d " })") << QByteArray(R"({"a b":" c d "})");
    QTest::newRow("escaped quote does not end string")
        << QByteArray(R"({"a":"x\" y , z"})") << QByteArray(R"({"a":"x\" y , z"})");
    QTest::newRow("escaped backslash ends string")
        << QByteArray(R"({"a":"x\\" , "b" : 2})") << QByteArray(R"({"a":"x\\","b":2})");
    QTest::newRow("number spelling kept")
        << QByteArray(R"([ 1.0 , 1e3 , -0 , 1.50E+2 ])") << QByteArray(R"([1.0,1e3,-0,1.50E+2])");
    QTest::newRow("unicode escapes kept")
        << QByteArray(R"({ "a" : "\u003c \u00e9" })") << QByteArray(R"({"a":"\u003c \u00e9"})");
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("leading BOM dropped") << QByteArray("\xEF\xBB\xBF {}") << QByteArray("{}");
    QTest::newRow("BOM inside string kept")
        << QByteArray("[\"\xEF\xBB\xBF\"]") << QByteArray("[\"\xEF\xBB\xBF\"]");
}

// Pins that only insignificant whitespace is dropped: string contents and number spelling survive.
void TestJsonText::compact()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(JsonText::compact(input), expected);
}

void TestJsonText::indent_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("depth");
    QTest::addColumn<QByteArray>("unit");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray three("   ");
    QTest::newRow("empty object") << QByteArray("{}") << 0 << three << QByteArray("{}");
    QTest::newRow("empty array") << QByteArray("[]") << 0 << three << QByteArray("[]");
    QTest::newRow("scalar") << QByteArray("12.50") << 0 << three << QByteArray("12.50");
    QTest::newRow("nested empty stay inline")
        << QByteArray(R"({"a":{},"b":[]})") << 0 << three
        << QByteArray("{\n   \"a\": {},\n   \"b\": []\n}");
    QTest::newRow("array of scalars")
        << QByteArray(R"({"a":[1,true,null]})") << 0 << three
        << QByteArray("{\n   \"a\": [\n      1,\n      true,\n      null\n   ]\n}");
    QTest::newRow("array of objects")
        << QByteArray(R"([{"x":1},{}])") << 0 << three
        << QByteArray("[\n   {\n      \"x\": 1\n   },\n   {}\n]");
    QTest::newRow("starting depth prefixes following lines only")
        << QByteArray(R"({"a":1})") << 2 << three << QByteArray("{\n         \"a\": 1\n      }");
    QTest::newRow("other unit") << QByteArray(R"({"a":[2]})") << 1 << QByteArray("\t")
                                << QByteArray("{\n\t\t\"a\": [\n\t\t\t2\n\t\t]\n\t}");
    QTest::newRow("structural bytes in strings untouched")
        << QByteArray(R"({"k,{":"v:[\"]"})") << 0 << three
        << QByteArray("{\n   \"k,{\": \"v:[\\\"]\"\n}");
    QTest::newRow("non-compact input tolerated")
        << QByteArray("{ \"a\" : [ ] }") << 0 << three << QByteArray("{\n   \"a\": []\n}");
}

// Pins Go's json.Indent layout: ": " after keys, one element per line, empty {} and [] inline.
void TestJsonText::indent()
{
    QFETCH(QByteArray, input);
    QFETCH(int, depth);
    QFETCH(QByteArray, unit);
    QFETCH(QByteArray, expected);
    QCOMPARE(JsonText::indent(input, depth, unit), expected);
}

void TestJsonText::indentReproducesFixtures_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &file : fixtures::envelopeFiles())
        QTest::newRow(qPrintable(file)) << file;
}

// Pins that compact + indent is byte-identical to what registry 2.8.2's MarshalIndent sent.
void TestJsonText::indentReproducesFixtures()
{
    QFETCH(QString, file);
    const QByteArray bytes = fixtures::read(file);
    QVERIFY(!bytes.isEmpty());
    QCOMPARE(JsonText::indent(JsonText::compact(bytes), 0), bytes);
}

void TestJsonText::topLevelArrayItems_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("found");
    QTest::addColumn<ByteList>("items");
    QTest::newRow("three items") << QByteArray(R"({"events":[{"a":1},2,"x"]})") << true
                                 << ByteList{R"({"a":1})", "2", R"("x")"};
    QTest::newRow("empty array") << QByteArray(R"({"events":[]})") << true << ByteList{};
    QTest::newRow("whitespace trimmed")
        << QByteArray("{ \"events\" : [ {\"a\" : 1} ,\n [ ] ] }") << true
        << ByteList{"{\"a\" : 1}", "[ ]"};
    QTest::newRow("other keys skipped")
        << QByteArray(R"({"x":{"events":[9]},"y":"events","events":[1]})") << true
        << ByteList{"1"};
    QTest::newRow("nested key only") << QByteArray(R"({"x":{"events":[9]}})") << false
                                     << ByteList{};
    QTest::newRow("missing") << QByteArray(R"({"event":[1]})") << false << ByteList{};
    QTest::newRow("not an array") << QByteArray(R"({"events":{"a":[1]}})") << false << ByteList{};
    QTest::newRow("top level array") << QByteArray(R"([{"events":[1]}])") << false << ByteList{};
    QTest::newRow("duplicate: last wins")
        << QByteArray(R"({"events":[1],"events":[2,3]})") << true << ByteList{"2", "3"};
    QTest::newRow("duplicate: last is not an array")
        << QByteArray(R"({"events":[1],"events":null})") << false << ByteList{};
    QTest::newRow("strings with brackets and escapes")
        << QByteArray(R"({"events":["a]\"],","b\\",{"c":"}"}]})") << true
        << ByteList{R"("a]\"],")", R"("b\\")", R"({"c":"}"})"};
    QTest::newRow("escaped key spelling")
        << QByteArray(R"({"ev\u0065nts":[true]})") << true << ByteList{"true"};
}

// Pins that element spans are found by a text scan that respects strings, nesting and duplicates.
void TestJsonText::topLevelArrayItems()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, found);
    QFETCH(ByteList, items);
    const auto result = JsonText::topLevelArrayItems(json, "events");
    QCOMPARE(result.has_value(), found);
    if (!found)
        return;
    ByteList actual;
    for (QByteArrayView span : *result)
        actual.append(span.toByteArray());
    QCOMPARE(actual, items);
}

void TestJsonText::maxDepth_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("depth");
    QTest::newRow("scalar") << QByteArray("1") << 0;
    QTest::newRow("empty object") << QByteArray("{}") << 1;
    QTest::newRow("array in object") << QByteArray(R"({"a":[]})") << 2;
    QTest::newRow("siblings do not add up") << QByteArray(R"([[1],[2],{"a":{}}])") << 3;
    QTest::newRow("brackets in strings ignored") << QByteArray(R"({"a":"[[[{{{"})") << 1;
    QTest::newRow("escaped quote keeps string open") << QByteArray(R"(["\"[[[["])") << 1;
    QTest::newRow("100 deep") << QByteArray(100, '[') + QByteArray(100, ']') << 100;
}

// Pins the nesting measure used for the envelope depth limit.
void TestJsonText::maxDepth()
{
    QFETCH(QByteArray, json);
    QFETCH(int, depth);
    QCOMPARE(JsonText::maxDepth(json), depth);
}

// Pins that every helper stays in bounds on each prefix of a real envelope (run under ASan).
void TestJsonText::survivesTruncatedInput()
{
    const QByteArray bytes = fixtures::read(QStringLiteral("events/017-push-index-oci.json"));
    QVERIFY(!bytes.isEmpty());
    for (qsizetype n = 0; n <= bytes.size(); ++n) {
        const QByteArray prefix = bytes.left(n);   // own buffer, so ASan sees overreads
        const QByteArray c = JsonText::compact(prefix);
        QVERIFY(c.size() <= prefix.size());
        JsonText::indent(c, 2);
        JsonText::topLevelArrayItems(prefix, "events");
        JsonText::topLevelArrayItems(c, "events");
        QVERIFY(JsonText::maxDepth(prefix) >= 0);
    }
    const auto full = JsonText::topLevelArrayItems(bytes, "events");
    QVERIFY(full.has_value());
    QCOMPARE(full->size(), size_t(1));
}

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_jsontext.moc"
