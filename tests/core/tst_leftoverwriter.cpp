#include "core/engine/leftoverwriter.h"
#include "testevents.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

Leftover leftover(const QString &endpoint, const EventPtr &event, DeadLetterReason reason, int attempts,
                  const QString &lastError)
{
    return {endpoint, DeadLetter{event, reason, QDateTime::currentDateTimeUtc(), attempts, lastError}};
}

} // namespace

class tst_LeftoverWriter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A line says where the event was and why it was left, and carries the event's bytes as they
    // were accepted: key order and number spelling the sender chose, not a re-serialisation.
    void lineKeepsTheOriginalBytes()
    {
        const QByteArray original = "{\"id\":\"x-1\",\"timestamp\":\"2026-01-02T03:04:05.000000006Z\","
                                    "\"action\":\"push\",\"size\":1.50e3,"
                                    "\"target\":{\"repository\":\"r\",\"tag\":\"t\"},\"zzz\":\"\\\"q\\\"\"}";
        const EventPtr event = EventRecord::fromJson(original);
        QVERIFY(event);
        const QByteArray line
            = LeftoverWriter::line(leftover(QStringLiteral("a \"b\""), event, DeadLetterReason::Closed, 3,
                                            QStringLiteral("HTTP 503")));
        QVERIFY2(line.endsWith(QByteArray(",\"event\":" + original + '}')), line.constData());
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        QCOMPARE(object.value(QStringLiteral("endpoint")).toString(), QStringLiteral("a \"b\""));
        QCOMPARE(object.value(QStringLiteral("id")).toString(), QStringLiteral("x-1"));
        QCOMPARE(object.value(QStringLiteral("reason")).toString(), QStringLiteral("closed"));
        QCOMPARE(object.value(QStringLiteral("attempts")).toInt(), 3);
        QCOMPARE(object.value(QStringLiteral("lastError")).toString(), QStringLiteral("HTTP 503"));
        QVERIFY(!line.contains('\n'));
    }

    // The file has one line per leftover, in the order given (per endpoint, head first).
    void writesOneLinePerEvent()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state/hookscope/left.ndjson"));   // folders made
        QVector<Leftover> all;
        for (const EventPtr &event : makeEvents(3))
            all << leftover(QStringLiteral("a"), event, DeadLetterReason::Closed, 1, QStringLiteral("refused"));
        all << leftover(QStringLiteral("b"), makeEvent("other"), DeadLetterReason::GaveUp, 5,
                        QStringLiteral("HTTP 500"));
        QString error;
        QVERIFY2(LeftoverWriter::write(path, all, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 5);   // four lines and the empty rest after the last newline
        QVERIFY(lines.last().isEmpty());
        for (int i = 0; i < 4; ++i)
            QCOMPARE(lines.at(i), LeftoverWriter::line(all.at(i)));
        QCOMPARE(LeftoverWriter::idListing(all),
                 QStringList({QStringLiteral("endpoint a: ev-0 ev-1 ev-2"), QStringLiteral("endpoint b: other")}));
    }

    // A file that cannot be written is an error that names the path and the system's reason.
    void failureNamesPathAndReason()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const QString path = dir.filePath(QStringLiteral("file/left.ndjson"));   // under a regular file
        QString error;
        const Leftover one = leftover(QStringLiteral("a"), makeEvent("e"), DeadLetterReason::Closed, 0, {});
        QVERIFY(!LeftoverWriter::write(path, {one}, &error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("directory"), Qt::CaseInsensitive), qPrintable(error));
        QVERIFY(!QFile::exists(path));
    }

    // XDG_STATE_HOME when it is absolute, ~/.local/state otherwise; a timestamped name.
    void defaultPathFollowsXdg()
    {
        const bool wasSet = qEnvironmentVariableIsSet("XDG_STATE_HOME");
        const QByteArray saved = qgetenv("XDG_STATE_HOME");
        const QDateTime at(QDate(2026, 3, 4), QTime(5, 6, 7));
        qputenv("XDG_STATE_HOME", "/var/tmp/st");
        QCOMPARE(LeftoverWriter::defaultPath(at),
                 QStringLiteral("/var/tmp/st/hookscope/leftovers-20260304-050607.ndjson"));
        qputenv("XDG_STATE_HOME", "relative");
        QCOMPARE(LeftoverWriter::defaultPath(at),
                 QDir::homePath() + QStringLiteral("/.local/state/hookscope/leftovers-20260304-050607.ndjson"));
        if (wasSet)
            qputenv("XDG_STATE_HOME", saved);
        else
            qunsetenv("XDG_STATE_HOME");
    }
};

QTEST_GUILESS_MAIN(tst_LeftoverWriter)
#include "tst_leftoverwriter.moc"
