#include "fixtures.h"
#include "app/widgets/replaydialog.h"

#include <QFile>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace Qt::StringLiterals;

class tst_ReplayDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replaysAFixtureFolder()
    {
        ReplayDialog dialog;
        QList<ReplayEnvelope> published;
        Replayer::Pace pace = Replayer::Pace::Fast;
        dialog.setPublish([&](const QList<ReplayEnvelope> &envelopes, Replayer::Pace p) {
            published = envelopes;
            pace = p;
        });
        dialog.setPaths({fixtures::path(u"events"_s)});
        dialog.setPace(Replayer::Pace::Original);
        const int files = int(fixtures::list(u"events"_s, {u"*.json"_s}).size());
        QCOMPARE(dialog.start(), files);
        QCOMPARE(published.size(), files);
        QCOMPARE(pace, Replayer::Pace::Original);
        QVERIFY2(dialog.report().startsWith(u"Replaying %1 event(s) in %1 envelope(s) from %1 file(s), at their original pace."_s.arg(files)),
                 qPrintable(dialog.report()));
        QVERIFY(dialog.report().contains(u"Skipped 1 file(s)"_s));
    }

    // A malformed file is listed with its line and publishes nothing; the good one still goes.
    void malformedFileIsShownWithItsLine()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile bad(dir.filePath(u"bad.json"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\n  \"events\": [\n    {\"id\": }\n  ]\n}\n");
        bad.close();
        ReplayDialog dialog;
        QList<ReplayEnvelope> published;
        dialog.setPublish([&](const QList<ReplayEnvelope> &envelopes, Replayer::Pace) { published = envelopes; });
        dialog.setPaths({bad.fileName(), fixtures::path(u"events/001-push-blob.json"_s)});
        QCOMPARE(dialog.paths().size(), 2);
        QCOMPARE(dialog.start(), 1);
        QCOMPARE(published.size(), 1);
        QVERIFY2(dialog.report().contains(bad.fileName() + u":3: not JSON"_s), qPrintable(dialog.report()));
        QVERIFY(dialog.report().contains(u"nothing from this file is published"_s));
    }

    void nothingToReplay()
    {
        ReplayDialog dialog;
        int calls = 0;
        dialog.setPublish([&](const QList<ReplayEnvelope> &, Replayer::Pace) { ++calls; });
        dialog.setPaths({u"/no/such/folder"_s});
        QCOMPARE(dialog.start(), 0);
        QCOMPARE(calls, 0);
        QVERIFY(dialog.report().startsWith(u"Nothing to replay."_s));
        QVERIFY(dialog.report().contains(u"/no/such/folder: cannot read"_s));
    }
};

QTEST_MAIN(tst_ReplayDialog)
#include "tst_replaydialog.moc"
