#include "core/engine/leftoverwriter.h"
#include "core/model/jsontext.h"
#include "fixtures.h"
#include "sources/replayloader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

// Issue #14 item 7: the leftovers file shutdown writes (LeftoverWriter) is a replay file
// (ReplayLoader, format ndjson) that gives back each event's bytes as they were accepted.
class tst_LeftoverReplay final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripKeepsBytesAndOrder()
    {
        QVector<Leftover> leftovers;
        QList<QByteArray> originals;
        for (const QString &name : fixtures::list(QStringLiteral("events"), {QStringLiteral("*.json")})) {
            const QByteArray body = fixtures::read(QStringLiteral("events/") + name);
            const auto items = JsonText::topLevelArrayItems(body, "events");
            QVERIFY(items);
            for (const QByteArrayView item : *items) {
                originals.append(JsonText::compact(item));
                const EventPtr event = EventRecord::fromJson(originals.last());
                QVERIFY(event);
                leftovers.append({QStringLiteral("a"), DeadLetter{event, DeadLetterReason::Closed,
                                                                   QDateTime::currentDateTimeUtc(), 2,
                                                                   QStringLiteral("connection refused")}});
            }
        }
        QVERIFY(originals.size() > 10);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("leftovers-20260101-000000.ndjson"));
        QString error;
        QVERIFY2(LeftoverWriter::write(path, leftovers, &error), qPrintable(error));

        const ReplayFile file = ReplayLoader::loadFile(path);   // .ndjson: format ndjson
        QVERIFY2(file.ok(), qPrintable(file.errorText()));
        QCOMPARE(file.eventCount(), originals.size());
        for (int i = 0; i < originals.size(); ++i) {
            QCOMPARE(file.envelopes.at(i).events.size(), size_t(1));
            QCOMPARE(file.envelopes.at(i).events.front()->compactJson(), originals.at(i));
        }
    }

    // A line some tool rewrote with its keys in another order still replays (from the value).
    void rewrittenLineStillLoads()
    {
        const QByteArray event = fixtures::read(QStringLiteral("events/001-push-blob.json"));
        const auto items = JsonText::topLevelArrayItems(event, "events");
        QVERIFY(items && !items->empty());
        const QByteArray compact = JsonText::compact(items->front());
        const QByteArray line = "{\"event\":" + compact + ",\"endpoint\":\"a\",\"reason\":\"closed\"}\n";
        const ReplayFile file = ReplayLoader::parse(line, QStringLiteral("x.ndjson"), ReplayFormat::Ndjson);
        QVERIFY2(file.ok(), qPrintable(file.errorText()));
        QCOMPARE(file.eventCount(), 1);
        QCOMPARE(file.envelopes.first().events.front()->id(), EventRecord::fromJson(compact)->id());
    }
};

QTEST_GUILESS_MAIN(tst_LeftoverReplay)
#include "tst_leftoverreplay.moc"
