#include "fixtures.h"
#include "sources/generator.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace hookscope;
using namespace Qt::StringLiterals;

namespace {

// The event as it goes on the wire (the record's bytes), parsed back.
QJsonObject wire(const Event &event)
{
    return QJsonDocument::fromJson(EventRecord::fromEvent(event)->compactJson()).object();
}

QJsonObject fixtureEvent(const QString &file)
{
    return fixtures::readJson(u"events/"_s + file).object().value("events"_L1).toArray().first().toObject();
}

QStringList keysOf(const QJsonObject &o)
{
    return o.keys();   // sorted: the comparison is about which keys, order is checked on bytes
}

// Keys of an object in the order they appear in compact JSON text.
QStringList keyOrder(const QByteArray &json, const QStringList &keys)
{
    QList<QPair<qsizetype, QString>> found;
    for (const QString &k : keys)
        found.append({json.indexOf(QByteArray("\"" + k.toUtf8() + "\":")), k});
    std::sort(found.begin(), found.end());
    QStringList order;
    for (const auto &f : found)
        order.append(f.second);
    return order;
}

GeneratorOptions fixedOptions(quint32 seed)
{
    GeneratorOptions o;
    o.seed = seed;
    return o;
}

} // namespace

class tst_Generator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A push is blob pushes (octet-stream, PUT, no tag) then the tagged manifest push, with the
    // fixtures' key sets and key order (001-push-blob, 003-push-manifest-oci with references).
    void pushMatchesFixtureShapes()
    {
        GeneratorOptions options = fixedOptions(7);
        options.includeReferences = true;
        GeneratorTraffic traffic(options);
        QList<Event> events;
        for (int i = 0; i < 20 && events.isEmpty(); ++i) {   // the OCI manifest shape
            const QList<Event> op = traffic.operation(GeneratorProfile::Push);
            if (op.last().target.mediaType == u"application/vnd.oci.image.manifest.v1+json"_s)
                events = op;
        }
        QVERIFY(events.size() >= 3);
        const QJsonObject blobFixture = fixtureEvent(u"001-push-blob.json"_s);
        const QJsonObject manifestFixture = fixtureEvent(u"003-push-manifest-oci.json"_s);
        for (qsizetype i = 0; i + 1 < events.size(); ++i) {
            const QJsonObject e = wire(events.at(i));
            QCOMPARE(e.value("action"_L1).toString(), u"push"_s);
            QCOMPARE(keysOf(e.value("target"_L1).toObject()), keysOf(blobFixture.value("target"_L1).toObject()));
            QCOMPARE(e.value("target"_L1)["mediaType"_L1].toString(), u"application/octet-stream"_s);
            QCOMPARE(e.value("request"_L1)["method"_L1].toString(), u"PUT"_s);
        }
        const Event &last = events.last();
        const QJsonObject m = wire(last);
        QCOMPARE(keysOf(m.value("target"_L1).toObject()), keysOf(manifestFixture.value("target"_L1).toObject()));
        QVERIFY(!last.target.tag.isEmpty());
        QCOMPARE(last.target.references.size(), events.size() - 1);   // config + layers
        QCOMPARE(keysOf(m.value("request"_L1).toObject()), keysOf(manifestFixture.value("request"_L1).toObject()));
        QCOMPARE(keysOf(m.value("source"_L1).toObject()), keysOf(manifestFixture.value("source"_L1).toObject()));
        QStringList top = keysOf(m);
        top.removeOne(u"hookscope"_s);
        QCOMPARE(top, keysOf(manifestFixture));
        // Registry field order on the wire, as the fixture bytes have it.
        const QByteArray bytes = EventRecord::fromEvent(last)->compactJson();
        const QStringList targetOrder = {u"mediaType"_s, u"size"_s, u"digest"_s, u"length"_s,
                                         u"repository"_s, u"url"_s, u"tag"_s, u"references"_s};
        const qsizetype targetAt = bytes.indexOf("\"target\":");
        QCOMPARE(keyOrder(bytes.mid(targetAt, bytes.indexOf("\"references\":") - targetAt + 16), targetOrder),
                 targetOrder);
        QCOMPARE(keyOrder(bytes, {u"timestamp"_s, u"action"_s, u"target"_s, u"request"_s,
                                  u"actor"_s, u"source"_s, u"hookscope"_s}),
                 (QStringList{u"timestamp"_s, u"action"_s, u"target"_s, u"request"_s,
                              u"actor"_s, u"source"_s, u"hookscope"_s}));
    }

    // Pull: manifest HEAD, manifest GET (tagged), then blob GETs; mount carries fromRepository;
    // delete is {digest, repository} then {repository, tag} with one request id.
    void otherProfilesShapes()
    {
        GeneratorTraffic traffic(fixedOptions(3));
        traffic.operation(GeneratorProfile::Push);
        const QList<Event> pull = traffic.operation(GeneratorProfile::Pull);
        QCOMPARE(pull.at(0).request.method, u"HEAD"_s);
        QCOMPARE(pull.at(1).request.method, u"GET"_s);
        QVERIFY(!pull.at(0).target.tag.isEmpty());
        QCOMPARE(pull.last().target.mediaType, u"application/octet-stream"_s);
        for (const Event &e : pull)
            QCOMPARE(e.action, u"pull"_s);

        const QList<Event> mount = traffic.operation(GeneratorProfile::Mount);
        int mounts = 0;
        for (const Event &e : mount) {
            if (e.action != u"mount"_s)
                continue;
            ++mounts;
            QVERIFY(!e.target.fromRepository.isEmpty());
            QVERIFY(e.target.fromRepository != e.target.repository);
            QCOMPARE(e.request.method, u"POST"_s);
        }
        QVERIFY(mounts >= 1);
        QVERIFY(!mount.last().target.tag.isEmpty());

        const QList<Event> del = traffic.operation(GeneratorProfile::Delete);
        QCOMPARE(del.size(), 2);
        QCOMPARE(keysOf(wire(del.at(0)).value("target"_L1).toObject()),
                 keysOf(fixtureEvent(u"029-delete-manifest.json"_s).value("target"_L1).toObject()));
        QCOMPARE(keysOf(wire(del.at(1)).value("target"_L1).toObject()),
                 keysOf(fixtureEvent(u"030-delete-tag.json"_s).value("target"_L1).toObject()));
        QCOMPARE(del.at(0).request.id, del.at(1).request.id);
        QVERIFY(del.at(0).id != del.at(1).id);
    }

    // Ids are unique UUID v4, timestamps are Go RFC3339Nano (trimmed fraction, Z) and parse,
    // and sequence stamps run 1..n on one stream.
    void idsTimestampsAndStamps()
    {
        Generator generator(fixedOptions(11));
        const QList<Event> events = generator.take(500);
        QCOMPARE(events.size(), 500);
        QCOMPARE(generator.lastSequence(), quint64(500));
        const QRegularExpression uuid(u"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"_s);
        const QRegularExpression rfc3339(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{0,8}[1-9])?Z$"_s);
        QSet<QString> ids;
        QString previous;
        for (qsizetype i = 0; i < events.size(); ++i) {
            const Event &e = events.at(i);
            QVERIFY2(uuid.match(e.id).hasMatch(), qPrintable(e.id));
            ids.insert(e.id);
            QVERIFY2(rfc3339.match(e.timestamp).hasMatch(), qPrintable(e.timestamp));
            QVERIFY(QDateTime::fromString(e.timestamp.left(19) + u'Z', Qt::ISODate).isValid());
            QVERIFY(previous.isEmpty() || previous <= e.timestamp || previous.size() != e.timestamp.size());
            previous = e.timestamp;
            const QJsonObject stamp = e.extra.value("hookscope"_L1).toObject();
            QCOMPARE(stamp.value("seq"_L1).toInteger(), i + 1);
            QCOMPARE(stamp.value("stream"_L1).toString(), generator.stream());
            QCOMPARE(e.source.instanceID, generator.stream());
        }
        QCOMPARE(ids.size(), 500);
    }

    // Go's RFC3339Nano: trailing zeros of the fraction dropped, no dot for whole seconds.
    void timestampFormat_data()
    {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QString>("text");
        QTest::newRow("nanos") << Q_INT64_C(1795805752465910749) << u"2026-11-27T18:55:52.465910749Z"_s;
        QTest::newRow("trimmed") << Q_INT64_C(1795805752465910000) << u"2026-11-27T18:55:52.46591Z"_s;
        QTest::newRow("half") << Q_INT64_C(1795805752500000000) << u"2026-11-27T18:55:52.5Z"_s;
        QTest::newRow("whole") << Q_INT64_C(1795805752000000000) << u"2026-11-27T18:55:52Z"_s;
    }
    void timestampFormat()
    {
        QFETCH(qint64, ns);
        QFETCH(QString, text);
        QCOMPARE(GeneratorTraffic::formatTimestamp(ns), text);
    }

    // The same seed and clock give byte-identical events; another seed does not.
    void deterministicWithSeed()
    {
        auto run = [](quint32 seed) {
            Generator g(fixedOptions(seed));
            qint64 ns = Q_INT64_C(1795805752000000000);
            g.setClock([&ns] { return ns += 1234567; });
            QList<QByteArray> out;
            for (const Event &e : g.take(200))
                out.append(EventRecord::fromEvent(e)->compactJson());
            return out;
        };
        QCOMPARE(run(5), run(5));
        QVERIFY(run(5) != run(6));
    }

    // Mixed traffic contains every action, and stamps can be switched off for strict receivers.
    void mixedAndUnstamped()
    {
        GeneratorOptions options = fixedOptions(9);
        options.stampSequence = false;
        Generator generator(options);
        QSet<QString> actions;
        for (const Event &e : generator.take(400)) {
            actions.insert(e.action);
            QVERIFY(!e.extra.contains("hookscope"_L1));
        }
        QCOMPARE(actions, (QSet<QString>{u"push"_s, u"pull"_s, u"mount"_s, u"delete"_s}));
    }

    // burst() submits one event per block and counts what the submit function refused.
    void burstSubmitsSingleEventBlocks()
    {
        Generator generator(fixedOptions(2));
        int calls = 0;
        generator.setSubmit([&calls](const EventBlock &block) {
            ++calls;
            return block.size() == 1 && calls % 5 != 0;
        });
        QCOMPARE(generator.burst(10), 8);
        QCOMPARE(calls, 10);
        QCOMPARE(generator.submitted(), 8);
        QCOMPARE(generator.refused(), 2);
        QCOMPARE(generator.lastSubmittedSequence(), quint64(9));   // the 10th was refused
        generator.take(3);                                          // taken, not submitted
        QCOMPARE(generator.lastSequence(), quint64(13));
        QCOMPARE(generator.lastSubmittedSequence(), quint64(9));
        QCOMPARE(generator.burst(1), 1);
        QCOMPARE(generator.lastSubmittedSequence(), quint64(14));
    }

    // The timer keeps the configured rate: 100 events/s yields 50 events in about half a second.
    void rateRoughlyRespected()
    {
        Generator generator(fixedOptions(4));
        qint64 count = 0;
        generator.setSubmit([&count](const EventBlock &) {
            ++count;
            return true;
        });
        generator.setRate(100);
        QElapsedTimer clock;
        clock.start();
        generator.start();
        QVERIFY(generator.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(count >= 50, 3000);
        const qint64 elapsed = clock.elapsed();
        generator.stop();
        QVERIFY2(elapsed >= 400 && elapsed <= 1200, QByteArray::number(elapsed).constData());
        const qint64 atStop = count;
        QTest::qWait(100);   // asserting that nothing more comes after stop()
        QCOMPARE(count, atStop);
    }

    // Profile names round-trip for configuration files.
    void profileNames()
    {
        for (GeneratorProfile p : {GeneratorProfile::Push, GeneratorProfile::Pull, GeneratorProfile::Mount,
                                   GeneratorProfile::Delete, GeneratorProfile::Mixed}) {
            GeneratorProfile back = GeneratorProfile::Push;
            QVERIFY(Generator::profileFromName(Generator::profileName(p).toUpper(), &back));
            QCOMPARE(back, p);
        }
        GeneratorProfile unused;
        QVERIFY(!Generator::profileFromName(u"nope"_s, &unused));
    }
};

QTEST_GUILESS_MAIN(tst_Generator)
#include "tst_generator.moc"
