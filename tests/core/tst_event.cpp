#include "core/model/event.h"
#include "core/model/jsontext.h"

#include "fixtures.h"

#include <QTest>

using namespace hookscope;
using namespace Qt::StringLiterals;

namespace {

// The 2015 event shape from the spec (1.6), as compact text in the 2015 key order.
const QByteArray Legacy2015 =
    R"({"id":"6e5f2b2e-2f6b-4c89-a1c0-5a7c1e1f0a11","timestamp":"2015-02-03T10:11:12.123456789-08:00",)"
    R"("action":"push","target":{"type":"manifest","name":"library/test","digest":"sha256:0123",)"
    R"("tag":"latest","url":"http://host/v2/library/test/manifests/latest"},)"
    R"("request":{"id":"req-1","addr":"10.0.0.5:51234","host":"host","method":"PUT","useragent":"docker/1.5"},)"
    R"("actor":{"name":"--todo--"},"source":{"addr":"hostname:5000","instanceID":"inst-1"}})";

QJsonObject parseObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestEvent : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixtureRoundTrip_data();
    void fixtureRoundTrip();
    void legacy2015Shape();
    void omitEmpty_data();
    void omitEmpty();
    void stringEscaping_data();
    void stringEscaping();
    void unknownFieldsSurvive();
    void nestedObjectsInGoOrder();
    void lenientOnWrongTypes_data();
    void lenientOnWrongTypes();
    void largeIntegersExact();
};

void TestEvent::fixtureRoundTrip_data()
{
    QTest::addColumn<QByteArray>("compactEvent");
    for (const QString &file : fixtures::envelopeFiles()) {
        const QByteArray compact = JsonText::compact(fixtures::read(file));
        const auto items = JsonText::topLevelArrayItems(compact, "events");
        QVERIFY(items && !items->empty());
        for (size_t i = 0; i < items->size(); ++i)
            QTest::addRow("%s[%zu]", qPrintable(file), i) << items->at(i).toByteArray();
    }
}

// Pins that every fixture event round-trips unchanged and toCompactJson writes the registry's bytes.
void TestEvent::fixtureRoundTrip()
{
    QFETCH(QByteArray, compactEvent);
    const QJsonObject object = parseObject(compactEvent);
    QVERIFY(!object.isEmpty());
    const Event event = Event::fromJson(object);
    QCOMPARE(event.toJsonObject(), object);
    QCOMPARE(event.toCompactJson(), compactEvent);
    QCOMPARE(Event::fromJson(event.toJsonObject()), event);
    QVERIFY(event.extra.isEmpty());
    QVERIFY(event.target.extra.isEmpty());
}

// Pins the 2015 target {type, name, digest, tag, url}: modelled, round-tripped, written in order.
void TestEvent::legacy2015Shape()
{
    const QJsonObject object = parseObject(Legacy2015);
    const Event event = Event::fromJson(object);
    QVERIFY(event.target.is2015Shape());
    QCOMPARE(event.target.type, u"manifest"_s);
    QCOMPARE(event.target.name, u"library/test"_s);
    QCOMPARE(event.target.tag, u"latest"_s);
    QCOMPARE(event.actor.name, u"--todo--"_s);
    QCOMPARE(event.toJsonObject(), object);
    QCOMPARE(event.toCompactJson(), Legacy2015);
}

void TestEvent::omitEmpty_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("manifest delete target")
        << QByteArray(R"({"timestamp":"t","action":"delete","target":{"repository":"r","digest":"sha256:1"}})")
        << QByteArray(R"({"timestamp":"t","action":"delete","target":{"digest":"sha256:1","repository":"r"},)"
                      R"("request":{"id":"","method":"","useragent":""},"actor":{},"source":{}})");
    QTest::newRow("zero size and empty strings dropped")
        << QByteArray(R"({"id":"","timestamp":"t","action":"a","target":{"mediaType":"","size":0,"length":0,"tag":"","urls":[],"annotations":{},"references":[]},)"
                      R"("request":{"id":"q","addr":"","host":"","method":"GET","useragent":"u"},"actor":{"name":""},"source":{"addr":"","instanceID":""}})")
        << QByteArray(R"({"timestamp":"t","action":"a","target":{},"request":{"id":"q","method":"GET","useragent":"u"},"actor":{},"source":{}})");
    QTest::newRow("everything missing")
        << QByteArray("{}")
        << QByteArray(R"({"timestamp":"","action":"","target":{},"request":{"id":"","method":"","useragent":""},"actor":{},"source":{}})");
}

// Pins Go v2.8.2 omitempty: which keys disappear when empty and which are always written.
void TestEvent::omitEmpty()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const Event event = Event::fromJson(parseObject(input));
    QCOMPARE(event.toCompactJson(), expected);
    QCOMPARE(event.toJsonObject(), parseObject(expected));
}

void TestEvent::stringEscaping_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("html") << u"<a href=\"x\">&</a>"_s
                          << QByteArray(R"("\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e")");
    QTest::newRow("backslash and quote") << u"a\\b\"c"_s << QByteArray(R"("a\\b\"c")");
    QTest::newRow("short escapes") << u"\n\r\t"_s << QByteArray(R"("\n\r\t")");
    QTest::newRow("other controls as \\u00XX (Go 1.19 has no \\b \\f)")
        << QString(QChar(0x01)) + QChar(0x08) + QChar(0x0c) + QChar(0x1f)
        << QByteArray(R"("\u0001\u0008\u000c\u001f")");
    QTest::newRow("DEL is raw") << QString(QChar(0x7f)) << QByteArray("\"\x7f\"");
    QTest::newRow("line and paragraph separators") << u"a\u2028b\u2029"_s
                                                   << QByteArray(R"("a\u2028b\u2029")");
    QTest::newRow("non-ASCII is raw UTF-8") << u"é☃😀"_s << u"\"é☃😀\""_s.toUtf8();
    QTest::newRow("lone surrogate becomes U+FFFD")
        << QString(QChar(0xD800)) << u"\"\uFFFD\""_s.toUtf8();
}

// Pins Go's string escaping in toCompactJson (HTML-safe, JSONP-safe, Go 1.19 control escapes).
void TestEvent::stringEscaping()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, encoded);
    Event event;
    event.action = value;
    const QByteArray json = event.toCompactJson();
    const QByteArray expected = QByteArray(R"({"timestamp":"","action":)") + encoded + ',';
    QVERIFY2(json.startsWith(expected), json.constData());
    // Still valid JSON meaning the same string (a lone surrogate is the one lossy case).
    if (!(value.size() == 1 && value.at(0).isSurrogate()))
        QCOMPARE(parseObject(json).value(u"action"_s).toString(), value);
}

// Pins that unknown keys (top level and nested) are kept and written after the known ones.
void TestEvent::unknownFieldsSurvive()
{
    const QByteArray input =
        R"({"id":"x","zeta":[1,{"b":2,"a":1}],"timestamp":"t","action":"push",)"
        R"("target":{"repository":"r","artifactType":"application/x","data":"aGk="},)"
        R"("request":{"id":"q","method":"GET","useragent":"u","traceparent":"00-1"},)"
        R"("actor":{"name":"n","groups":["g"]},"source":{"addr":"s","region":"eu"},"alpha":true})";
    const QJsonObject object = parseObject(input);
    const Event event = Event::fromJson(object);
    QCOMPARE(event.extra.keys(), QStringList({u"alpha"_s, u"zeta"_s}));
    QCOMPARE(event.target.extra.keys(), QStringList({u"artifactType"_s, u"data"_s}));
    QCOMPARE(event.toJsonObject(), object);
    QCOMPARE(event.toCompactJson(),
             QByteArray(R"({"id":"x","timestamp":"t","action":"push",)"
                        R"("target":{"repository":"r","artifactType":"application/x","data":"aGk="},)"
                        R"("request":{"id":"q","method":"GET","useragent":"u","traceparent":"00-1"},)"
                        R"("actor":{"name":"n","groups":["g"]},"source":{"addr":"s","region":"eu"},)"
                        R"("alpha":true,"zeta":[1,{"a":1,"b":2}]})"));
}

// Pins Go struct key order inside references/platform (QJsonObject would sort them alphabetically).
void TestEvent::nestedObjectsInGoOrder()
{
    const QByteArray compact =
        R"({"timestamp":"t","action":"pull","target":{"mediaType":"m","size":5,"digest":"d",)"
        R"("urls":["http://a","http://b"],"annotations":{"a.b":"1","z":"2"},)"
        R"("platform":{"architecture":"arm64","os":"linux","os.version":"1","os.features":["f"],"variant":"v8"},)"
        R"("length":5,"repository":"r","fromRepository":"f","url":"u","tag":"t",)"
        R"("references":[{"mediaType":"m2","size":7,"digest":"d2","platform":{"architecture":"amd64","os":"linux"}}]},)"
        R"("request":{"id":"q","addr":"a","host":"h","method":"GET","useragent":"u"},"actor":{},"source":{}})";
    const Event event = Event::fromJson(parseObject(compact));
    QCOMPARE(event.target.urls, QStringList({u"http://a"_s, u"http://b"_s}));
    QCOMPARE(event.target.annotations.value(u"z"_s), u"2"_s);
    QCOMPARE(event.target.fromRepository, u"f"_s);
    QCOMPARE(event.toCompactJson(), compact);
}

void TestEvent::lenientOnWrongTypes_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("size as string") << QByteArray(R"({"target":{"size":"12","repository":"r"}})");
    QTest::newRow("target as string") << QByteArray(R"({"target":"x"})");
    QTest::newRow("urls not array") << QByteArray(R"({"target":{"urls":"x","annotations":[1]}})");
    QTest::newRow("actor as array") << QByteArray(R"({"actor":["n"],"action":7})");
    QTest::newRow("nulls") << QByteArray(R"({"id":null,"target":null,"request":{"id":null}})");
}

// Pins that wrongly typed fields read as empty instead of failing (the UI shows odd senders too).
void TestEvent::lenientOnWrongTypes()
{
    QFETCH(QByteArray, input);
    const Event event = Event::fromJson(parseObject(input));
    QCOMPARE(event.target.size, 0);
    QVERIFY(event.target.urls.isEmpty());
    QVERIFY(event.target.annotations.isEmpty());
    QVERIFY(event.actor.name.isEmpty());
    QVERIFY(event.action.isEmpty());
    QVERIFY(event.id.isEmpty());
    QVERIFY(!QJsonDocument::fromJson(event.toCompactJson()).isNull());
}

// Pins that size/length beyond 2^53 are kept exactly (qint64, not double).
void TestEvent::largeIntegersExact()
{
    const QByteArray compact =
        R"({"timestamp":"t","action":"push","target":{"size":9007199254740993,"length":9223372036854775807},)"
        R"("request":{"id":"","method":"","useragent":""},"actor":{},"source":{}})";
    const Event event = Event::fromJson(parseObject(compact));
    QCOMPARE(event.target.size, Q_INT64_C(9007199254740993));
    QCOMPARE(event.target.length, std::numeric_limits<qint64>::max());
    QCOMPARE(event.toCompactJson(), compact);
}

QTEST_GUILESS_MAIN(TestEvent)
#include "tst_event.moc"
