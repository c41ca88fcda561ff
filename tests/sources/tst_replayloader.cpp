#include "fixtures.h"
#include "sources/replayloader.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace Qt::StringLiterals;

namespace {

const QByteArray EventA = R"({"id":"a","timestamp":"2026-11-27T18:55:52.1Z","action":"push","target":{"repository":"r"},"request":{"method":"PUT"}})";
const QByteArray EventB = R"({"id":"b","timestamp":"2026-11-27T18:55:53.1Z","action":"pull","target":{"repository":"r"},"request":{"method":"GET"}})";

QByteArray envelopeOf(const QByteArray &event)
{
    return "{\"events\":[" + event + "]}";
}

bool write(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace

class tst_ReplayLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Every envelope the registry POSTed in the capture loads, bytes kept as captured.
    void everyFixtureFileLoads()
    {
        int files = 0;
        for (const QString &folder : {u"events"_s, u"events-default-config"_s}) {
            const ReplayLoad load = ReplayLoader::load({fixtures::path(folder)});
            QVERIFY2(load.errors().isEmpty(), qPrintable(load.errors().join(u'\n')));
            // index.tsv is no envelope: skipped, and said so.
            QCOMPARE(load.skipped.size(), 1);
            QVERIFY(load.skipped.constFirst().endsWith(u"index.tsv"_s));
            for (const ReplayFile &file : load.files) {
                QVERIFY2(file.ok(), qPrintable(file.errorText()));
                QCOMPARE(file.envelopes.size(), 1);
                const ReplayEnvelope &envelope = file.envelopes.constFirst();
                QCOMPARE(envelope.events.size(), size_t(1));
                QVERIFY(envelope.timestampNs > 1'700'000'000'000'000'000);
                QVERIFY(envelope.origin.startsWith(file.path + u':'));
                ++files;
            }
        }
        QCOMPARE(files, int(fixtures::list(u"events"_s, {u"*.json"_s}).size()
                            + fixtures::list(u"events-default-config"_s, {u"*.json"_s}).size()));
    }

    void fixtureEventsKeepTheirBytes()
    {
        const ReplayFile file = ReplayLoader::loadFile(fixtures::path(u"events/003-push-manifest-oci.json"_s));
        QVERIFY2(file.ok(), qPrintable(file.errorText()));
        const QJsonObject event = fixtures::readJson(u"events/003-push-manifest-oci.json"_s)
                                      .object().value("events"_L1).toArray().first().toObject();
        const EventPtr record = file.envelopes.constFirst().events.front();
        QCOMPARE(record->id(), event.value("id"_L1).toString().toUtf8());
        QCOMPARE(QJsonDocument::fromJson(record->compactJson()).object(), event);
        // Key order as captured (QJsonObject would sort them).
        QVERIFY(record->compactJson().startsWith("{\"id\":"));
    }

    // A capture with the HTTP request head in front of the body (as the receiver logged it).
    void captureWithHeadersLoads()
    {
        const QByteArray body = fixtures::read(u"events/013-push-manifest-v2s2.json"_s);
        const QByteArray request = fixtures::registryRequest(body);
        QVERIFY(request.startsWith("POST "));
        const ReplayFile file = ReplayLoader::parse(request, u"capture.http"_s, ReplayFormat::Auto);
        QVERIFY2(file.ok(), qPrintable(file.errorText()));
        QCOMPARE(file.eventCount(), 1);
        // The origin's line is where the body starts, after the head.
        QCOMPARE(file.envelopes.constFirst().origin, u"capture.http:%1"_s.arg(request.left(request.indexOf("\r\n\r\n")).count('\n') + 3));
    }

    void ndjsonTakesEventsAndEnvelopes()
    {
        const QByteArray text = EventA + "\n\n" + envelopeOf(EventB) + "\n" + "{\"events\":[" + EventA + "," + EventB + "]}\n";
        const ReplayFile file = ReplayLoader::parse(text, u"mixed.ndjson"_s, ReplayFormat::Auto);
        QVERIFY2(file.ok(), qPrintable(file.errorText()));
        QCOMPARE(file.envelopes.size(), 3);
        QCOMPARE(file.eventCount(), 4);
        QCOMPARE(file.envelopes.at(0).origin, u"mixed.ndjson:1"_s);
        QCOMPARE(file.envelopes.at(1).origin, u"mixed.ndjson:3"_s);
        QCOMPARE(file.envelopes.at(2).events.size(), size_t(2));
        QCOMPARE(file.envelopes.at(1).timestampNs - file.envelopes.at(0).timestampNs, 1'000'000'000);
    }

    void singleEventFileLoads()
    {
        const ReplayFile file = ReplayLoader::parse(EventA, u"one.json"_s, ReplayFormat::Fixture);
        QVERIFY2(file.ok(), qPrintable(file.errorText()));
        QCOMPARE(file.eventCount(), 1);
    }

    // A malformed file names the line and yields nothing at all, not the part before the error.
    void malformedFilesNameTheLineAndGiveNothing_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("ndjson bad line") << EventA + "\n" + EventB + "\n{\"id\": \n" << int(ReplayFormat::Ndjson) << 3 << u"not JSON"_s;
        QTest::newRow("ndjson missing id") << EventA + "\n" + QByteArray(EventB).replace("\"id\":\"b\",", "") + "\n"
                                           << int(ReplayFormat::Ndjson) << 2 << u"\"id\" is missing"_s;
        QTest::newRow("ndjson array") << EventA + "\n[1]\n" << int(ReplayFormat::Ndjson) << 2 << u"expected an event or an envelope"_s;
        QTest::newRow("fixture syntax") << QByteArray("{\n  \"events\": [\n    {\"id\": \"x\",,}\n  ]\n}\n") << int(ReplayFormat::Fixture) << 3 << u"not JSON"_s;
        QTest::newRow("fixture second event") << QByteArray("{\"events\": [\n" + EventA + ",\n" + QByteArray(EventB).replace("\"action\":\"pull\",", "") + "\n]}")
                                              << int(ReplayFormat::Fixture) << 3 << u"events[1]: \"action\" is missing"_s;
        QTest::newRow("fixture not envelope") << QByteArray("{\"events\": 3}") << int(ReplayFormat::Fixture) << 1 << u"not an envelope"_s;
        QTest::newRow("empty envelope") << QByteArray("{\"events\": []}") << int(ReplayFormat::Auto) << 1 << u"no events"_s;
        QTest::newRow("auto garbage") << QByteArray("hello\nworld\n") << int(ReplayFormat::Auto) << 1 << u"not JSON"_s;
        QTest::newRow("auto ndjson bad") << EventA + "\n" + EventB + "\nnope\n" << int(ReplayFormat::Auto) << 3 << u"not JSON"_s;
        QTest::newRow("empty") << QByteArray("  \n") << int(ReplayFormat::Auto) << 0 << u"empty"_s;
    }

    void malformedFilesNameTheLineAndGiveNothing()
    {
        QFETCH(QByteArray, data);
        QFETCH(int, format);
        QFETCH(int, line);
        QFETCH(QString, message);
        const ReplayFile file = ReplayLoader::parse(data, u"bad.txt"_s, ReplayFormat(format));
        QVERIFY(!file.ok());
        QVERIFY(file.envelopes.isEmpty());
        QCOMPARE(file.line, line);
        QVERIFY2(file.error.contains(message), qPrintable(file.error));
        QVERIFY(file.errorText().startsWith(line > 0 ? u"bad.txt:%1: "_s.arg(line) : u"bad.txt: "_s));
    }

    // A folder with one bad file: the others load, the bad one is reported and contributes nothing.
    void badFileDoesNotSpoilTheFolder()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(write(dir.filePath(u"1-good.json"_s), envelopeOf(EventA)));
        QVERIFY(write(dir.filePath(u"2-bad.ndjson"_s), EventB + "\n{oops\n"));
        QVERIFY(write(dir.filePath(u"3-good.jsonl"_s), EventB + "\n"));
        QVERIFY(write(dir.filePath(u"notes.txt"_s), "not replayed"));
        const ReplayLoad load = ReplayLoader::load({dir.path()});
        QCOMPARE(load.files.size(), 3);
        QCOMPARE(load.errors().size(), 1);
        QVERIFY2(load.errors().constFirst().contains(u"2-bad.ndjson:2: not JSON"_s), qPrintable(load.errors().constFirst()));
        QCOMPARE(load.skipped, QStringList{dir.filePath(u"notes.txt"_s)});
        const QList<ReplayEnvelope> envelopes = load.envelopes();
        QCOMPARE(envelopes.size(), 2);
        QCOMPARE(envelopes.at(0).events.front()->id(), QByteArray("a"));
        QCOMPARE(envelopes.at(1).events.front()->id(), QByteArray("b"));
    }

    void missingPathsAreReported()
    {
        const ReplayLoad load = ReplayLoader::load({u"/no/such/file.json"_s});
        QCOMPARE(load.errors().size(), 1);
        QVERIFY(load.errors().constFirst().startsWith(u"/no/such/file.json: cannot read"_s));
        QTemporaryDir empty;
        QVERIFY(ReplayLoader::load({empty.path()}).errors().constFirst().contains(u"no .json"_s));
    }

    void formatNames()
    {
        ReplayFormat format = ReplayFormat::Auto;
        QVERIFY(ReplayLoader::formatFromName(u"NDJSON"_s, &format));
        QCOMPARE(format, ReplayFormat::Ndjson);
        QVERIFY(ReplayLoader::formatFromName(u"fixture"_s, &format));
        QCOMPARE(format, ReplayFormat::Fixture);
        QVERIFY(!ReplayLoader::formatFromName(u"csv"_s, &format));
    }
};

QTEST_GUILESS_MAIN(tst_ReplayLoader)
#include "tst_replayloader.moc"
