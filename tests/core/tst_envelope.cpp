#include "core/model/envelope.h"
#include "core/model/event.h"
#include "core/model/jsontext.h"

#include "fixtures.h"

#include <QTest>

using namespace hookscope;
using namespace Qt::StringLiterals;

class TestEnvelope : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixturesRoundTripByteIdentical_data();
    void fixturesRoundTripByteIdentical();
    void severalEventsPerEnvelope();
    void emptyEvents();
    void unknownFieldsSurviveRelay();
    void byteOrderMark();
    void duplicateEventsKeyLastWins();
    void depthLimit_data();
    void depthLimit();
    void malformed_data();
    void malformed();
    void contentType_data();
    void contentType();
    void eventCapIsCheckedFirst();
    void validationNamesIndexAndField();
};

void TestEnvelope::fixturesRoundTripByteIdentical_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = fixtures::envelopeFiles();
    QCOMPARE(files.size(), 33 + 9);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << file;
}

// Pins that every envelope registry 2.8.2 sent parses and re-serialises to identical bytes and value.
void TestEnvelope::fixturesRoundTripByteIdentical()
{
    QFETCH(QString, file);
    const QByteArray bytes = fixtures::read(file);
    QVERIFY(!bytes.isEmpty());
    const Envelope::ParseResult result = Envelope::parse(bytes);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(int(result.events.size()), 1);   // the stock registry sends one event per envelope
    const QByteArray serialized = Envelope::serialize(result.events);
    QCOMPARE(serialized, bytes);
    QCOMPARE(QJsonDocument::fromJson(serialized), QJsonDocument::fromJson(bytes));
    const QJsonObject event = fixtures::envelopeEvents(file).at(0).toObject();
    QCOMPARE(result.events.front()->toEvent().toJsonObject(), event);
    QCOMPARE(result.events.front()->action(), event.value(u"action"_s).toString());
}

// Pins that N events in one envelope keep their order and serialise in Go's layout.
void TestEnvelope::severalEventsPerEnvelope()
{
    EventBlock block;
    for (const QString &file : {u"events/001-push-blob.json"_s, u"events/017-push-index-oci.json"_s,
                                u"events/030-delete-tag.json"_s}) {
        const Envelope::ParseResult one = Envelope::parse(fixtures::read(file));
        QVERIFY(one.ok());
        block.push_back(one.events.front());
    }
    const QByteArray text = Envelope::serialize(block);
    QVERIFY(text.startsWith("{\n   \"events\": [\n      {\n         \"id\": "));
    QVERIFY(text.contains("\n      },\n      {\n         \"id\": "));
    QVERIFY(text.endsWith("\n      }\n   ]\n}"));

    const Envelope::ParseResult again = Envelope::parse(text);
    QVERIFY2(again.ok(), qPrintable(again.error));
    QCOMPARE(int(again.events.size()), 3);
    for (size_t i = 0; i < block.size(); ++i)
        QCOMPARE(again.events[i]->compactJson(), block[i]->compactJson());
    QCOMPARE(again.events[2]->action(), u"delete"_s);
    QCOMPARE(Envelope::serialize(again.events), text);

    // Compare against the layout derived independently: compact whole text, Go-indent it.
    QCOMPARE(JsonText::indent(JsonText::compact(text), 0), text);
}

// Pins that "events": [] is a valid, empty envelope and that an empty block serialises as "{}".
void TestEnvelope::emptyEvents()
{
    const Envelope::ParseResult result = Envelope::parse(R"({"events": []})");
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(result.events.empty());
    QCOMPARE(Envelope::serialize({}), QByteArray("{}"));
}

// Pins that unknown keys (top level, in target) and number spelling reach the relayed body unchanged.
void TestEnvelope::unknownFieldsSurviveRelay()
{
    const QByteArray body =
        R"({"batch":7,"events":[{"id":"a","vendor":{"k":[1.0,2E3]},"timestamp":"t","action":"push",)"
        R"("target":{"mediaType":"m","size":10,"artifactType":"x/y","repository":"r","data":"aGk="},)"
        R"("request":{},"actor":{},"source":{}}]})";
    const Envelope::ParseResult result = Envelope::parse(body);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(int(result.events.size()), 1);
    const QByteArray relayed = Envelope::serialize(result.events);
    const QByteArray event = JsonText::compact(relayed).mid(11).chopped(2);   // {"events":[ ... ]}
    QCOMPARE(event,
             QByteArray(R"({"id":"a","vendor":{"k":[1.0,2E3]},"timestamp":"t","action":"push",)"
                        R"("target":{"mediaType":"m","size":10,"artifactType":"x/y","repository":"r","data":"aGk="},)"
                        R"("request":{},"actor":{},"source":{}})"));
    QVERIFY(relayed.contains("\"k\": [\n               1.0,\n               2E3\n            ]"));
    const Event value = result.events.front()->toEvent();
    QCOMPARE(value.target.extra.value(u"artifactType"_s).toString(), u"x/y"_s);
    QVERIFY(value.extra.contains(u"vendor"_s));
}

// Pins that a body with a UTF-8 byte order mark (accepted by Qt) parses and relays without it.
void TestEnvelope::byteOrderMark()
{
    const QByteArray bytes = fixtures::read(u"events/001-push-blob.json"_s);
    const Envelope::ParseResult result = Envelope::parse("\xEF\xBB\xBF" + bytes);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(Envelope::serialize(result.events), bytes);
}

// Pins that a duplicated "events" key resolves like the validating parser: the last one wins.
void TestEnvelope::duplicateEventsKeyLastWins()
{
    const Envelope::ParseResult result =
        Envelope::parse(R"({"events":[{"id":"first"}],"events":[{"id":"second"},{"id":"third"}]})");
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(int(result.events.size()), 2);
    QCOMPARE(result.events[0]->id(), QByteArray("second"));
    QCOMPARE(result.events[1]->id(), QByteArray("third"));
}

void TestEnvelope::depthLimit_data()
{
    QTest::addColumn<int>("depth");
    QTest::addColumn<int>("limit");
    QTest::addColumn<bool>("ok");
    QTest::newRow("64 at default") << 64 << 64 << true;
    QTest::newRow("65 at default") << 65 << 64 << false;
    QTest::newRow("100 at default") << 100 << 64 << false;
    QTest::newRow("4 with limit 3") << 4 << 3 << false;
    QTest::newRow("200 with limit 300") << 200 << 300 << true;
}

// Pins the nesting limit, counted over the whole body (envelope object and events array included).
void TestEnvelope::depthLimit()
{
    QFETCH(int, depth);
    QFETCH(int, limit);
    QFETCH(bool, ok);
    // {"events":[{"x": [[...]] }]} has depth 3 + the number of inner arrays.
    const int inner = qMax(depth - 3, 0);
    const QByteArray body = R"({"events":[{"x":)" + QByteArray(inner, '[') + "1"
        + QByteArray(inner, ']') + "}]}";
    QCOMPARE(JsonText::maxDepth(body), qMax(depth, 3));
    const Envelope::ParseResult result = Envelope::parse(body, limit);
    QCOMPARE(result.ok(), ok);
    if (!ok)
        QCOMPARE(result.error, u"nesting deeper than "_s + QString::number(limit));
}

void TestEnvelope::malformed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");   // a prefix; "*" ends the fixed part
    const QByteArray fixture = fixtures::read(u"events/001-push-blob.json"_s);
    QTest::newRow("empty body") << QByteArray() << u"not JSON: empty body"_s;
    QTest::newRow("whitespace body") << QByteArray(" \r\n ") << u"not JSON: empty body"_s;
    QTest::newRow("not JSON") << QByteArray("hello") << u"not JSON: illegal value at offset *"_s;
    QTest::newRow("invalid UTF-8")
        << QByteArray("{\"events\":[{\"id\":\"\xff\xfe\"}]}") << u"not JSON: invalid UTF8 string at offset 18"_s;
    QTest::newRow("overlong UTF-8")
        << QByteArray("{\"events\":[{\"id\":\"\xc0\xaf\"}]}") << u"not JSON: invalid UTF8 string at offset *"_s;
    QTest::newRow("truncated") << fixture.left(fixture.size() / 2) << u"not JSON: * at offset *"_s;
    QTest::newRow("trailing garbage") << QByteArray(R"({"events":[]} x)")
                                      << u"not JSON: garbage at the end of the document at offset 14"_s;
    QTest::newRow("array top level") << QByteArray(R"([{"events":[]}])") << u"top level is not an object"_s;
    QTest::newRow("string top level") << QByteArray(R"("events")") << u"top level is not an object"_s;
    QTest::newRow("number top level") << QByteArray("42") << u"top level is not an object"_s;
    QTest::newRow("events missing") << QByteArray("{}") << u"\"events\" is missing"_s;
    QTest::newRow("events misspelt") << QByteArray(R"({"Events":[]})") << u"\"events\" is missing"_s;
    QTest::newRow("events an object") << QByteArray(R"({"events":{}})") << u"\"events\" is not an array"_s;
    QTest::newRow("events null") << QByteArray(R"({"events":null})") << u"\"events\" is not an array"_s;
    QTest::newRow("element not object")
        << QByteArray(R"({"events":[{},{},{},"x",{}]})") << u"events[3] is not an object"_s;
    QTest::newRow("first element an array")
        << QByteArray(R"({"events":[[]]})") << u"events[0] is not an object"_s;
    QTest::newRow("100-deep nesting")
        << QByteArray(R"({"events":[{"x":)") + QByteArray(97, '[') + QByteArray(97, ']') + "}]}"
        << u"nesting deeper than 64"_s;
}

// Pins a clear, specific message for every kind of malformed body.
void TestEnvelope::malformed()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    const Envelope::ParseResult result = Envelope::parse(body);
    QVERIFY(!result.ok());
    QVERIFY(result.events.empty());
    // "*" stands for a part that depends on Qt's wording or the exact offset.
    const QStringList parts = error.split(u'*');
    qsizetype from = 0;
    for (const QString &part : parts) {
        const qsizetype at = result.error.indexOf(part, from);
        QVERIFY2(at >= 0 && (from > 0 || at == 0), qPrintable(result.error));
        from = at + part.size();
    }
    if (!error.endsWith(u'*'))
        QCOMPARE(from, result.error.size());
}

void TestEnvelope::contentType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("v1") << QByteArray(Envelope::MediaTypeV1) << true;
    QTest::newRow("v2") << QByteArray(Envelope::MediaTypeV2) << true;
    QTest::newRow("json") << QByteArray("application/json") << true;
    QTest::newRow("v1 charset") << QByteArray("application/vnd.docker.distribution.events.v1+json; charset=utf-8") << true;
    QTest::newRow("json charset no space") << QByteArray("application/json;charset=UTF-8") << true;
    QTest::newRow("upper case") << QByteArray("Application/VND.Docker.Distribution.Events.V2+JSON") << true;
    QTest::newRow("surrounding spaces") << QByteArray("  application/json ; charset=utf-8") << true;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("text/plain") << QByteArray("text/plain") << false;
    QTest::newRow("v3") << QByteArray("application/vnd.docker.distribution.events.v3+json") << false;
    QTest::newRow("prefix only") << QByteArray("application/js") << false;
    QTest::newRow("suffix added") << QByteArray("application/jsonx") << false;
    QTest::newRow("form") << QByteArray("application/x-www-form-urlencoded") << false;
}

// Pins the accepted Content-Type values: the three media types, any parameters, any case.
void TestEnvelope::contentType()
{
    QFETCH(QByteArray, contentType);
    QFETCH(bool, accepted);
    QCOMPARE(Envelope::isAcceptedContentType(contentType), accepted);
}

// ParseOptions::maxEvents: one count decides, before any event is looked at or recorded.
void TestEnvelope::eventCapIsCheckedFirst()
{
    Envelope::ParseOptions options;
    options.maxEvents = 2;
    options.validateEvents = true;
    Envelope::ParseResult result = Envelope::parse(R"({"events": [1, 2, 3]})", options);
    QVERIFY(result.tooManyEvents);
    QCOMPARE(result.error, QStringLiteral("3 events in one envelope; at most 2 are taken"));
    QVERIFY(result.events.empty());
    result = Envelope::parse(R"({"events": [{"id": "a"}, {"id": "b"}]})", Envelope::ParseOptions());
    QVERIFY(result.ok());   // the plain parse checks neither
    QCOMPARE(int(result.events.size()), 2);
}

// ParseOptions::validateEvents: the first bad event by index; nothing is returned with it.
void TestEnvelope::validationNamesIndexAndField()
{
    Envelope::ParseOptions options;
    options.validateEvents = true;
    const QByteArray good = R"({"id":"a","timestamp":"2026-11-27T18:55:52Z","action":"push","target":{}})";
    const Envelope::ParseResult result =
        Envelope::parse("{\"events\": [" + good + "," + good + R"(,{"id":"c","timestamp":"x"}]})", options);
    QVERIFY(!result.ok());
    QVERIFY(!result.tooManyEvents);
    QCOMPARE(result.error, QStringLiteral("events[2]: \"timestamp\" \"x\" is not an RFC 3339 time"));
    QVERIFY(result.events.empty());
}

QTEST_GUILESS_MAIN(TestEnvelope)
#include "tst_envelope.moc"
