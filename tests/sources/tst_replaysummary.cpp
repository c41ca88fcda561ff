#include "sources/replaysummary.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace Qt::StringLiterals;

namespace {

const QByteArray EventA = R"({"id":"a","timestamp":"2026-11-27T18:55:52.1Z","action":"push","target":{"repository":"r"},"request":{"method":"PUT"}})";
const QByteArray EventB = R"({"id":"b","timestamp":"2026-11-27T18:55:53.1Z","action":"pull","target":{"repository":"r"},"request":{"method":"GET"}})";

bool write(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace

// A replay says what it took and what it left out, with why, instead of skipping files silently.
class tst_ReplaySummary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void namesEverySkippedFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(write(dir.filePath(u"1-good.json"_s), "{\"events\":[" + EventA + "," + EventB + "]}"));
        QVERIFY(write(dir.filePath(u"2-bad.ndjson"_s), EventB + "\n{oops\n"));
        QVERIFY(write(dir.filePath(u"3-good.jsonl"_s), EventB + "\n"));
        QVERIFY(write(dir.filePath(u"notes.txt"_s), "not replayed"));
        const ReplaySummary summary = ReplaySummary::of(ReplayLoader::load({dir.path()}));
        QCOMPARE(summary.files, 2);
        QCOMPARE(summary.events, 3);
        QCOMPARE(summary.skipped.size(), 2);
        QCOMPARE(summary.skipped.at(0), u"notes.txt: not a replay file (.json, .ndjson, .jsonl or .http)"_s);
        QVERIFY2(summary.skipped.at(1).startsWith(u"2-bad.ndjson: line 2: not JSON"_s),
                 qPrintable(summary.skipped.at(1)));

        const QString start = summary.text();
        QVERIFY2(start.startsWith(u"replay: 2 files, 3 events to publish, 2 files skipped (notes.txt: not a replay "
                                  "file (.json, .ndjson, .jsonl or .http); 2-bad.ndjson: line 2: not JSON"_s),
                 qPrintable(start));
        QVERIFY(summary.text(3).startsWith(u"replay: 2 files, 3 events published, 2 files skipped ("_s));
        QVERIFY(summary.text(1).startsWith(u"replay: 2 files, 1 of 3 events published, "_s));
    }

    void nothingSkipped()
    {
        ReplaySummary summary;
        summary.files = 1;
        summary.events = 1;
        QCOMPARE(summary.text(1), u"replay: 1 file, 1 event published, 0 files skipped"_s);
        QVERIFY(ReplaySummary().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_ReplaySummary)
#include "tst_replaysummary.moc"
