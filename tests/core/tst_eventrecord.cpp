#include "core/model/event.h"
#include "core/model/eventrecord.h"
#include "core/model/jsontext.h"

#include "fixtures.h"

#include <QDateTime>
#include <QTest>

#include <thread>

using namespace hookscope;
using namespace Qt::StringLiterals;

class TestEventRecord : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hotFieldsMatchFixtureIndex_data();
    void hotFieldsMatchFixtureIndex();
    void keepsOriginalBytes();
    void rejectsNonObjects_data();
    void rejectsNonObjects();
    void stampsAcceptTime();
    void internsActionAndMediaType();
    void internIsThreadSafe();
    void loneSurrogatesReadBackAsStored();
    void indentedJson();
    void fromEventUsesRegistryOrder();
    void approximateBytes();
};

void TestEventRecord::hotFieldsMatchFixtureIndex_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("mediaType");
    QTest::addColumn<QString>("repository");
    QTest::addColumn<QString>("tag");
    // index.tsv was written by the capture harness, independently of hookscope.
    for (const QString &folder : {u"events"_s, u"events-default-config"_s}) {
        const QList<QByteArray> lines = fixtures::read(folder + u"/index.tsv"_s).split('\n');
        QVERIFY(lines.size() > 1);
        const QList<QByteArray> header = lines.first().split('\t');
        const auto column = [&](const char *name) { return header.indexOf(QByteArray(name)); };
        const int file = column("file"), action = column("action"),
                  mediaType = column("target.mediaType"), repo = column("target.repository"),
                  tag = column("target.tag");
        QVERIFY(file >= 0 && action >= 0 && mediaType >= 0 && repo >= 0 && tag >= 0);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> f = lines.at(i).split('\t');
            if (f.size() < header.size())
                continue;
            const QString path = folder + u'/' + QString::fromUtf8(f.at(file));
            QTest::newRow(qPrintable(path))
                << path << QString::fromUtf8(f.at(action)) << QString::fromUtf8(f.at(mediaType))
                << QString::fromUtf8(f.at(repo)) << QString::fromUtf8(f.at(tag));
        }
    }
}

// Pins that the hot-path fields (filter, logs, UI) are extracted correctly from real events.
void TestEventRecord::hotFieldsMatchFixtureIndex()
{
    QFETCH(QString, file);
    QFETCH(QString, action);
    QFETCH(QString, mediaType);
    QFETCH(QString, repository);
    QFETCH(QString, tag);
    const QJsonObject event = fixtures::envelopeEvents(file).at(0).toObject();
    QString error;
    const EventPtr record = EventRecord::fromJson(QJsonDocument(event).toJson(), &error);
    QVERIFY2(record, qPrintable(error));
    QCOMPARE(record->action(), action);
    QCOMPARE(record->mediaType(), mediaType);
    QCOMPARE(record->repository(), repository);
    QCOMPARE(record->tag(), tag);
    QCOMPARE(record->id(), event.value(u"id"_s).toString().toUtf8());
}

// Pins that the record keeps the sender's text (order, number spelling, unknown keys), compacted.
void TestEventRecord::keepsOriginalBytes()
{
    const QByteArray input = "{ \"zz\" : 1.50 ,\n \"action\" : \"push\", \"target\" : "
                             "{ \"tag\":\"a b\", \"size\" : 1e3, \"x-extra\": [ ] }, \"id\":\"i\" }";
    const EventPtr record = EventRecord::fromJson(input);
    QVERIFY(record);
    QCOMPARE(record->compactJson(),
             QByteArray(R"({"zz":1.50,"action":"push","target":{"tag":"a b","size":1e3,"x-extra":[]},"id":"i"})"));
    QCOMPARE(record->tag(), u"a b"_s);
    QCOMPARE(record->id(), QByteArray("i"));
    QVERIFY(record->mediaType().isEmpty());
    QCOMPARE(record->toEvent().extra.value(u"zz"_s).toDouble(), 1.5);
}

void TestEventRecord::rejectsNonObjects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("array") << QByteArray("[{}]") << u"event is not an object"_s;
    QTest::newRow("string") << QByteArray(R"("x")") << u"event is not an object"_s;
    QTest::newRow("garbage") << QByteArray("{nope") << u"not JSON: "_s;
    QTest::newRow("empty") << QByteArray() << u"not JSON: "_s;
    QTest::newRow("invalid UTF-8") << QByteArray("{\"a\":\"\xff\"}") << u"not JSON: "_s;
}

// Pins that only a JSON object becomes a record, with a short reason otherwise.
void TestEventRecord::rejectsNonObjects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString message;
    QVERIFY(!EventRecord::fromJson(json, &message));
    QVERIFY2(message.startsWith(error), qPrintable(message));
    QVERIFY(!EventRecord::fromJson(json));   // a null error pointer is fine
}

// Pins acceptedAtMs as the wall clock at construction.
void TestEventRecord::stampsAcceptTime()
{
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const EventPtr record = EventRecord::fromJson(R"({"action":"push"})");
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(record);
    QVERIFY(record->acceptedAtMs() >= before && record->acceptedAtMs() <= after);
}

// Pins that records share one buffer for equal action and mediaType strings (memory at 1M events).
void TestEventRecord::internsActionAndMediaType()
{
    const EventPtr a = EventRecord::fromJson(
        R"({"action":"pull","target":{"mediaType":"application/octet-stream"}})");
    const EventPtr b = EventRecord::fromJson(
        R"({"action":"pull","target":{"mediaType":"application/octet-stream"}})");
    QVERIFY(a && b);
    QCOMPARE(a->action(), u"pull"_s);
    QCOMPARE(a->action().constData(), b->action().constData());
    QCOMPARE(a->mediaType().constData(), b->mediaType().constData());
}

// A lone surrogate in a hot field reads back as UTF-8 storage gives it (U+FFFD, as Go decodes it),
// for every field and whether or not the intern table still has room: the same event must not
// read differently depending on what came before. Found by fuzz/envelope (a full intern table
// turned an interned "\udc00" into U+FFFD).
void TestEventRecord::loneSurrogatesReadBackAsStored()
{
    const EventPtr record = EventRecord::fromJson(
        R"({"id":"i\udc00","action":"pu\udc00ll","target":{"mediaType":"a\ud800","repository":"r\udfff","tag":"t\ud800"}})");
    QVERIFY(record);
    const auto stored = [](const QString &s) { return QString::fromUtf8(s.toUtf8()); };
    QCOMPARE(record->action(), stored(u"pu\xdc00ll"_s));
    QCOMPARE(record->mediaType(), stored(u"a\xd800"_s));
    QCOMPARE(record->repository(), stored(u"r\xdfff"_s));
    QCOMPARE(record->tag(), stored(u"t\xd800"_s));
    QCOMPARE(record->id(), u"i\xdc00"_s.toUtf8());
    QVERIFY(record->action().isValidUtf16());
    QVERIFY(record->mediaType().isValidUtf16());
}

// Pins that interning from several threads at once is safe and still shares (run under TSan/ASan).
void TestEventRecord::internIsThreadSafe()
{
    constexpr int Threads = 4;
    constexpr int PerThread = 500;
    std::vector<std::vector<EventPtr>> made(Threads);
    std::vector<std::thread> workers;
    for (int t = 0; t < Threads; ++t) {
        workers.emplace_back([t, &made] {
            for (int i = 0; i < PerThread; ++i) {
                const QByteArray json = "{\"action\":\"mount\",\"target\":{\"mediaType\":\"x/t"
                    + QByteArray::number(i % 7) + "\"}}";
                made[size_t(t)].push_back(EventRecord::fromJson(json));
            }
        });
    }
    for (std::thread &w : workers)
        w.join();
    const QChar *shared = made[0][0]->action().constData();
    for (const auto &list : made) {
        QCOMPARE(int(list.size()), PerThread);
        for (const EventPtr &r : list)
            QCOMPARE(r->action().constData(), shared);
    }
    QCOMPARE(made[3][8]->mediaType().constData(), made[1][1]->mediaType().constData());
}

// Pins indentedJson(depth) as the Go MarshalIndent text of the event at that depth.
void TestEventRecord::indentedJson()
{
    const EventPtr record = EventRecord::fromJson(R"({"a":{},"b":[1]})");
    QVERIFY(record);
    QCOMPARE(record->indentedJson(0), QByteArray("{\n   \"a\": {},\n   \"b\": [\n      1\n   ]\n}"));
    QCOMPARE(record->indentedJson(1),
             QByteArray("{\n      \"a\": {},\n      \"b\": [\n         1\n      ]\n   }"));
}

// Pins that a record composed from a value Event carries the registry's exact bytes.
void TestEventRecord::fromEventUsesRegistryOrder()
{
    for (const QString &file : fixtures::envelopeFiles()) {
        const QByteArray compact = JsonText::compact(fixtures::read(file));
        const auto items = JsonText::topLevelArrayItems(compact, "events");
        QVERIFY(items && items->size() == 1);
        const QByteArray original = items->front().toByteArray();
        const EventPtr parsed = EventRecord::fromJson(original);
        QVERIFY(parsed);
        const EventPtr composed = EventRecord::fromEvent(parsed->toEvent());
        QCOMPARE(composed->compactJson(), original);
        QCOMPARE(composed->action(), parsed->action());
        QCOMPARE(composed->mediaType(), parsed->mediaType());
        QCOMPARE(composed->repository(), parsed->repository());
        QCOMPARE(composed->tag(), parsed->tag());
        QCOMPARE(composed->id(), parsed->id());
    }
}

// Pins that the memory estimate covers the bytes and stays in a sane range for a real event.
void TestEventRecord::approximateBytes()
{
    const QByteArray bytes = fixtures::read(u"events/003-push-manifest-oci.json"_s);
    const EventPtr record =
        EventRecord::fromJson(QJsonDocument(fixtures::envelopeEvents(u"events/003-push-manifest-oci.json"_s)
                                                .at(0).toObject()).toJson());
    QVERIFY(record);
    const qsizetype estimate = record->approximateBytes();
    QVERIFY(estimate >= qsizetype(sizeof(EventRecord)) + record->id().size() + record->repository().size());
    // The bytes are packed: a manifest push takes well under its 1,002 bytes of compact text.
    QVERIFY2(estimate < record->compactJson().size(), qPrintable(QString::number(estimate)));
    QByteArray appended("x");
    record->appendCompactJson(appended);   // what Envelope::serialize uses
    QCOMPARE(appended, "x" + record->compactJson());
}

QTEST_GUILESS_MAIN(TestEventRecord)
#include "tst_eventrecord.moc"
