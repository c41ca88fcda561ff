#include "core/model/eventcodec.h"
#include "core/model/eventrecord.h"
#include "core/model/jsontext.h"

#include "fixtures.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace hookscope;
using namespace Qt::StringLiterals;

// The packing must give back every byte: relay is byte-for-byte, so any loss is a wrong delivery.
class TestEventCodec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripsEveryFixtureEvent();
    void roundTripsOddInputs_data();
    void roundTripsOddInputs();
    void refusesControlBytes();
    void recordKeepsTextItCannotPack();
    void roundTripsRandomJsonishText();
    void packsRegistryEvents();
};

namespace {

void checkRoundTrip(const QByteArray &text)
{
    const QByteArray packed = EventCodec::encode(text);
    QVERIFY(!packed.isNull());
    QCOMPARE(EventCodec::decodedSize(packed), text.size());
    QCOMPARE(EventCodec::decode(packed), text);
    QByteArray appended = "prefix";
    EventCodec::decodeAppend(packed, appended);
    QCOMPARE(appended, "prefix" + text);
}

} // namespace

void TestEventCodec::roundTripsEveryFixtureEvent()
{
    int checked = 0;
    for (const QString &file : fixtures::envelopeFiles()) {
        const QByteArray envelope = fixtures::read(file);
        const auto spans = JsonText::topLevelArrayItems(envelope, "events");
        QVERIFY2(spans, qPrintable(file));
        for (const QByteArrayView span : *spans) {
            const QByteArray compact = JsonText::compact(span);
            checkRoundTrip(compact);
            // And through the record, as the queues hold it.
            const EventPtr record = EventRecord::fromJson(span.toByteArray());
            QVERIFY(record);
            QCOMPARE(record->compactJson(), compact);
            QCOMPARE(record->indentedJson(2), JsonText::indent(compact, 2));
            ++checked;
        }
    }
    QVERIFY(checked >= 19);
}

void TestEventCodec::roundTripsOddInputs_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("unknown fields") << QByteArray(R"({"zz":1,"id":"x","extra":{"nested":[1,2,{"a":null}]}})");
    QTest::newRow("escapes") << QByteArray(R"({"id":"a\"b\\c\n\t\u0001\u001f","tag":"\/"})");
    QTest::newRow("unicode") << QByteArray("{\"repository\":\"d\xc3\xa9mo/\xe2\x82\xac\xf0\x9f\x90\xb3\",\"tag\":\"\\u00e9\"}");
    QTest::newRow("upper hex is not packed") << QByteArray(R"({"digest":"sha256:C5856A990423E4D2222B8209B6503FBCE248A4C628E4443B7758D1B3DD456287"})");
    QTest::newRow("odd hex run") << QByteArray(R"({"d":"0123456789abcdef0"})");
    QTest::newRow("long hex run") << QByteArray("{\"d\":\"" + QByteArray(1201, 'a') + "\"}");
    QTest::newRow("hex run at the end") << QByteArray("0123456789abcdef0123456789abcdef");
    QTest::newRow("uuid-like but upper") << QByteArray(R"({"id":"A896E1C0-D3B2-44A1-89F0-9B6F70234DF7"})");
    QTest::newRow("uuid at the end") << QByteArray("a896e1c0-d3b2-44a1-89f0-9b6f70234df7");
    QTest::newRow("almost a uuid") << QByteArray("a896e1c0-d3b2-44a1-89f0-9b6f70234df");
    QTest::newRow("tokens in values") << QByteArray(R"({"x":"{\"id\":\"push pull http:// sha256:"})");
    QTest::newRow("token text split") << QByteArray(R"({"id":)" R"("application/vnd.oci.imag")");
    QTest::newRow("numbers") << QByteArray(R"({"size":12345678901234567890123,"f":-1.5e+300})");
    QTest::newRow("high bytes") << QByteArray("\xff\xfe\x80\x7f ~");
}

void TestEventCodec::roundTripsOddInputs()
{
    QFETCH(QByteArray, text);
    checkRoundTrip(text);
}

void TestEventCodec::refusesControlBytes()
{
    QVERIFY(EventCodec::encode(QByteArray("{\"a\":\n1}")).isNull());
    QVERIFY(EventCodec::encode(QByteArray("a\0b", 3)).isNull());
    QVERIFY(!EventCodec::encode(QByteArray("{}")).isNull());
}

// Text the codec refuses (not compact JSON) still comes back byte for byte from a record.
void TestEventCodec::recordKeepsTextItCannotPack()
{
    const QByteArray text("{\"id\":\"a\",\n\"action\":\"push\"}");
    const EventPtr record = EventRecord::fromParsed(text, QJsonDocument::fromJson(text).object());
    QVERIFY(record);
    QCOMPARE(record->compactJson(), text);
    QByteArray appended("x");
    record->appendCompactJson(appended);   // what Envelope::serialize uses
    QCOMPARE(appended, "x" + text);
    QCOMPARE(record->id(), QByteArray("a"));
    QCOMPARE(record->action(), u"push"_s);
}

// Random mixes of token texts, hex, uuids and arbitrary printable/UTF-8 bytes: whatever the greedy
// matcher decides, the bytes come back.
void TestEventCodec::roundTripsRandomJsonishText()
{
    const QList<QByteArray> pieces{
        "\"mediaType\":\"", "sha256:", "0123456789abcdef", "a896e1c0-d3b2-44a1-89f0-9b6f70234df7", "push",
        "\",\"url\":\"", "application/vnd.docker.", "{", "}", ",", "\\\"", "\xc3\xa9", "deadbeef", "-", "Z",
        "\"id\":\"", "http://", "127.0.0.1:", "~", "\x7f",
    };
    QRandomGenerator random(42);
    for (int round = 0; round < 2000; ++round) {
        QByteArray text;
        const int parts = int(random.bounded(1, 40));
        for (int i = 0; i < parts; ++i) {
            if (random.bounded(4) == 0)
                text.append(char(random.bounded(0x20, 0x7f)));
            else
                text.append(pieces.at(int(random.bounded(qsizetype(pieces.size())))));
        }
        const QByteArray packed = EventCodec::encode(text);
        QCOMPARE(EventCodec::decode(packed), text);
        QCOMPARE(EventCodec::decodedSize(packed), text.size());
    }
}

// The point of the codec: registry events take about half their compact size.
void TestEventCodec::packsRegistryEvents()
{
    const QByteArray compact = JsonText::compact(
        QJsonDocument(fixtures::envelopeEvents(u"events/003-push-manifest-oci.json"_s).at(0).toObject()).toJson());
    const QByteArray packed = EventCodec::encode(compact);
    QVERIFY2(packed.size() * 2 < compact.size() + compact.size() / 5,
             qPrintable(u"%1 -> %2"_s.arg(compact.size()).arg(packed.size())));
}

QTEST_GUILESS_MAIN(TestEventCodec)
#include "tst_eventcodec.moc"
