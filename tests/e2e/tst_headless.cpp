// The `hookscope` binary as an operator or a registry meets it: command line, config file, ingest
// listener, admin listener, signals. Everything on 127.0.0.1 with port 0.
#include "fakehttpserver.h"
#include "fixtures.h"
#include "hookscopeprocess.h"
#include "networkcalls.h"

#include "core/model/jsontext.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace hookscope;
using namespace hookscope::test;

namespace {

// The binary under test, as the e2e targets are told where it is.
struct Hookscope : test::HookscopeProcess
{
    Hookscope() : HookscopeProcess(QStringLiteral(HOOKSCOPE_BINARY)) {}
};

QString writeConfig(const QTemporaryDir &dir, const QByteArray &yaml)
{
    const QString path = dir.filePath(QStringLiteral("hookscope.yml"));
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(yaml);
    return path;
}

QByteArray endpointsYaml(const QList<QPair<QByteArray, QUrl>> &endpoints, const QByteArray &extra = {})
{
    QByteArray yaml = "notifications:\n  endpoints:\n";
    for (const auto &[name, url] : endpoints)
        yaml += "    - name: " + name + "\n      url: " + url.toString().toUtf8() + "\n" + extra;
    yaml += "hookscope:\n  ingest: {listen: 127.0.0.1:0}\n  admin: {listen: 127.0.0.1:0}\n";
    return yaml;
}

int post(QNetworkAccessManager &network, const QUrl &url, const QByteArray &body)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/vnd.docker.distribution.events.v1+json"));
    request.setRawHeader("User-Agent", "Go-http-client/1.1");
    std::unique_ptr<QNetworkReply> reply(network.post(request, body));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 5000))
        return 0;
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

class tst_Headless final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Every envelope the real registry sent, posted to ingest, reaches each endpoint byte for byte,
    // once, in order; /debug/vars then shows the counts the receiver saw; SIGTERM exits cleanly.
    void relaysRegistryTrafficExactly()
    {
        FakeHttpServer receiver;
        QTemporaryDir dir;
        const QString config = writeConfig(dir, endpointsYaml({{"a", receiver.url(QStringLiteral("/a"))},
                                                                {"b", receiver.url(QStringLiteral("/b"))}}));
        Hookscope hookscope;
        QVERIFY2(hookscope.start(config), qPrintable(hookscope.output));
        QList<QByteArray> bodies;
        for (const QString &folder : {QStringLiteral("events"), QStringLiteral("events-default-config")}) {
            for (const QString &name : fixtures::list(folder, {QStringLiteral("*.json")}))
                bodies.append(fixtures::read(folder + QLatin1Char('/') + name));
        }
        QCOMPARE(bodies.size(), 42);
        QNetworkAccessManager network;
        for (const QByteArray &body : std::as_const(bodies))
            QCOMPARE(post(network, hookscope.ingest, body), 200);
        QVERIFY(receiver.waitForRequests(2 * int(bodies.size()), 20000));
        QList<QByteArray> atA;
        QList<QByteArray> atB;
        for (const auto &r : receiver.received()) {
            (r.path == "/a" ? atA : atB).append(r.body);
            QCOMPARE(r.header("Content-Type"), QByteArray("application/vnd.docker.distribution.events.v1+json"));
        }
        QCOMPARE(atA, bodies);
        QCOMPARE(atB, bodies);
        QTRY_COMPARE_WITH_TIMEOUT(getJson(network, QUrl(hookscope.admin.toString() + QStringLiteral("/debug/vars")))
                                      .value(QLatin1String("registry")).toObject().value(QLatin1String("notifications")).toObject()
                                      .value(QLatin1String("endpoints")).toArray().at(1).toObject()
                                      .value(QLatin1String("Metrics")).toObject().value(QLatin1String("Successes")).toInt(),
                                  42, 5000);
        QVERIFY(hookscope.stop());
        QCOMPARE(hookscope.process.exitCode(), 0);
        QVERIFY2(hookscope.output.contains(QStringLiteral("stopped: every queue drained")), qPrintable(hookscope.output));
    }

    // Bad input to ingest gets a 4xx and the process carries on.
    void badInputIsRefused()
    {
        FakeHttpServer receiver;
        QTemporaryDir dir;
        Hookscope hookscope;
        QVERIFY(hookscope.start(writeConfig(dir, endpointsYaml({{"a", receiver.url()}}))));
        QNetworkAccessManager network;
        QCOMPARE(post(network, hookscope.ingest, "not json"), 400);
        QCOMPARE(post(network, hookscope.ingest, "{\"events\": 3}"), 400);
        QCOMPARE(post(network, hookscope.ingest, fixtures::read(QStringLiteral("events/001-push-blob.json"))), 200);
        QVERIFY(receiver.waitForRequests(1));
        QVERIFY(hookscope.stop());
        QCOMPARE(hookscope.process.exitCode(), 0);
    }

    // SIGTERM against a receiver that never answers: drains until the deadline, then says what it left.
    void shutdownReportsLeftovers()
    {
        FakeHttpServer receiver;
        receiver.setDefaultStep(FakeStep::hang());
        QTemporaryDir dir;
        Hookscope hookscope;
        QVERIFY(hookscope.start(writeConfig(dir, endpointsYaml({{"stuck", receiver.url()}}, "      timeout: 30s\n")),
                                {QStringLiteral("--shutdown-deadline"), QStringLiteral("300ms")}));
        QNetworkAccessManager network;
        for (int i = 0; i < 3; ++i)
            QCOMPARE(post(network, hookscope.ingest, fixtures::read(QStringLiteral("events/001-push-blob.json"))), 200);
        QVERIFY(receiver.waitForRequests(1));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(hookscope.stop());
        QVERIFY(clock.elapsed() < 5000);
        QVERIFY2(hookscope.output.contains(QStringLiteral("endpoint stuck: 3 event(s) left undelivered")),
                 qPrintable(hookscope.output));
    }

    // Issue #14 item 7: SIGTERM in memory mode with the receiver down writes every accepted
    // event to the leftovers file, one line each, ids in order and the event bytes as accepted,
    // and says where; without the file they were dead letters that vanished at exit.
    void shutdownWritesLeftovers()
    {
        FakeHttpServer receiver;
        const QUrl down = receiver.url(QStringLiteral("/events"));
        receiver.server().close();   // connections are refused from now on
        QTemporaryDir dir;
        Hookscope hookscope;
        QVERIFY(hookscope.start(writeConfig(dir, endpointsYaml({{"down", down}})),
                                {QStringLiteral("--shutdown-deadline"), QStringLiteral("300ms")}));
        QNetworkAccessManager network;
        QList<QByteArray> ids;
        QList<QByteArray> events;   // each event's JSON as ingest accepted it (compacted)
        const QStringList names = fixtures::list(QStringLiteral("events"), {QStringLiteral("*.json")}).mid(0, 6);
        for (const QString &name : names) {
            const QByteArray body = fixtures::read(QStringLiteral("events/") + name);
            QCOMPARE(post(network, hookscope.ingest, body), 200);
            const auto items = JsonText::topLevelArrayItems(body, "events");
            QVERIFY(items);
            for (const QByteArrayView item : *items) {
                events.append(JsonText::compact(item));
                const QJsonObject object = QJsonDocument::fromJson(events.last()).object();
                ids.append(object.value(QLatin1String("id")).toString().toUtf8());
            }
        }
        QVERIFY(hookscope.stop());
        QCOMPARE(hookscope.process.exitCode(), 0);
        const QStringList files = QDir(hookscope.stateHome() + QStringLiteral("/hookscope"))
                                      .entryList({QStringLiteral("leftovers-*.ndjson")}, QDir::Files);
        QCOMPARE(files.size(), 1);
        const QString path = hookscope.stateHome() + QStringLiteral("/hookscope/") + files.first();
        const QString said = QStringLiteral("%1 event(s) left undelivered, written to %2").arg(ids.size()).arg(path);
        QVERIFY2(hookscope.output.contains(said), qPrintable(hookscope.output));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.takeLast(), QByteArray());
        QCOMPARE(lines.size(), ids.size());
        for (int i = 0; i < lines.size(); ++i) {
            const QJsonObject line = QJsonDocument::fromJson(lines.at(i)).object();
            QCOMPARE(line.value(QLatin1String("endpoint")).toString(), QStringLiteral("down"));
            QCOMPARE(line.value(QLatin1String("id")).toString().toUtf8(), ids.at(i));
            QCOMPARE(line.value(QLatin1String("reason")).toString(), QStringLiteral("closed"));
            QVERIFY2(lines.at(i).endsWith(QByteArray(",\"event\":" + events.at(i) + '}')), lines.at(i).constData());
        }
    }

    // A leftovers file that cannot be written is an error naming the path, and every event is
    // then at least named on stderr; nothing accepted goes without a word.
    void unwritableLeftoversListsIds()
    {
        FakeHttpServer receiver;
        const QUrl down = receiver.url(QStringLiteral("/events"));
        receiver.server().close();
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("not-a-folder")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const QString path = dir.filePath(QStringLiteral("not-a-folder/left.ndjson"));
        Hookscope hookscope;
        QVERIFY(hookscope.start(writeConfig(dir, endpointsYaml({{"down", down}})),
                                {QStringLiteral("--shutdown-deadline"), QStringLiteral("200ms"),
                                 QStringLiteral("--leftovers"), path}));
        QNetworkAccessManager network;
        const QByteArray body = fixtures::read(QStringLiteral("events/001-push-blob.json"));
        QCOMPARE(post(network, hookscope.ingest, body), 200);
        const auto items = JsonText::topLevelArrayItems(body, "events");
        QVERIFY(items && !items->empty());
        const QByteArray id = QJsonDocument::fromJson(JsonText::compact(items->front()))
                                  .object().value(QLatin1String("id")).toString().toUtf8();
        QVERIFY(hookscope.stop());
        QVERIFY2(hookscope.output.contains(QStringLiteral("cannot write leftovers to ") + path),
                 qPrintable(hookscope.output));
        QVERIFY2(hookscope.output.contains(QStringLiteral("not saved: endpoint down: ") + QString::fromUtf8(id)),
                 qPrintable(hookscope.output));
        QVERIFY(!QFile::exists(path));
    }

    // Durable mode: what is left stays in the journal, and the operator is told so.
    void durableShutdownNamesTheJournal()
    {
        FakeHttpServer receiver;
        const QUrl down = receiver.url(QStringLiteral("/events"));
        receiver.server().close();
        QTemporaryDir dir;
        const QString journal = dir.filePath(QStringLiteral("queue.db"));
        Hookscope hookscope;
        const QByteArray yaml = endpointsYaml({{"down", down}}) + "  journal: " + journal.toUtf8() + "\n";
        QVERIFY(hookscope.start(writeConfig(dir, yaml),
                                {QStringLiteral("--shutdown-deadline"), QStringLiteral("200ms")}));
        QNetworkAccessManager network;
        QCOMPARE(post(network, hookscope.ingest, fixtures::read(QStringLiteral("events/001-push-blob.json"))), 200);
        QVERIFY(hookscope.stop());
        const QString said = QStringLiteral("1 event(s) kept in the journal %1, delivered after restart").arg(journal);
        QVERIFY2(hookscope.output.contains(said), qPrintable(hookscope.output));
        QVERIFY(!QDir(hookscope.stateHome() + QStringLiteral("/hookscope")).exists());
    }

    // An invalid configuration is refused with file:line:column and exit code 2.
    void invalidConfigExitsTwo()
    {
        QTemporaryDir dir;
        const QString config = writeConfig(dir, "notifications:\n  endpoints:\n    - name: x\n      url: http://127.0.0.1:9/\n      threshold: lots\n");
        QProcess process;
        process.start(QStringLiteral(HOOKSCOPE_BINARY), {QStringLiteral("--headless"), QStringLiteral("--config"), config});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        const QString errors = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(errors.contains(config + QStringLiteral(":5:")), qPrintable(errors));
    }

    // --lint: 0 clean, 1 warnings (a unit-less timeout), 2 errors.
    void lintExitCodes()
    {
        QTemporaryDir dir;
        const QString config = writeConfig(dir, "notifications:\n  endpoints:\n    - name: x\n      url: http://127.0.0.1:9/\n      timeout: 500\n");
        QProcess process;
        process.start(QStringLiteral(HOOKSCOPE_BINARY), {QStringLiteral("--lint"), QStringLiteral("--config"), config});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 1);
        // file:line:column: warning: message, the order compilers print and problem matchers read.
        const QString errors = QString::fromUtf8(process.readAllStandardError());
        const QString expected = QStringLiteral(":5:16: warning: notifications.endpoints[0].timeout: 500 has no unit");
        QVERIFY2(errors.contains(config + expected), qPrintable(errors));
    }

    // An endpoint whose URL cannot work loads (as the registry runs it) with a warning, and the
    // status line says why; the file is not refused.
    void misconfiguredEndpointRuns()
    {
        QTemporaryDir dir;
        const QString config = writeConfig(dir, "notifications:\n  endpoints:\n    - name: x\n      url: ftp://h/x\n"
                                                "hookscope:\n  ingest: {listen: 127.0.0.1:0}\n"
                                                "  admin: {listen: 127.0.0.1:0}\n");
        QProcess lint;
        lint.start(QStringLiteral(HOOKSCOPE_BINARY), {QStringLiteral("--lint"), QStringLiteral("--config"), config});
        QVERIFY(lint.waitForFinished(10000));
        QCOMPARE(lint.exitCode(), 1);
        const QString warnings = QString::fromUtf8(lint.readAllStandardError());
        QVERIFY2(warnings.contains(config + QStringLiteral(":4:12: warning: notifications.endpoints[0] (\"x\"): url "
                                                           "\"ftp://h/x\" has scheme \"ftp\"")),
                 qPrintable(warnings));
        Hookscope hookscope;
        QVERIFY2(hookscope.start(config, {QStringLiteral("--status-interval"), QStringLiteral("200ms")}),
                 qPrintable(hookscope.output));
        const QString why = QStringLiteral("misconfigured (url 'ftp://h/x'");
        QVERIFY2(QTest::qWaitFor([&] { return hookscope.output.contains(why); }, 10000), qPrintable(hookscope.output));
        QVERIFY(hookscope.stop());
    }

    // A replay folder's files that are no replay files are named with why, at start and in the
    // final report, next to what was published; the folder is found next to the config file
    // (a relative path), not in the working directory.
    void replayReportsSkippedAndPublished()
    {
        FakeHttpServer receiver;
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("replay")));
        const QStringList names = fixtures::list(QStringLiteral("events"), {QStringLiteral("*.json")}).mid(0, 2);
        QCOMPARE(names.size(), 2);
        for (const QString &name : names)
            QVERIFY(QFile::copy(fixtures::path(QStringLiteral("events/") + name),
                                dir.filePath(QStringLiteral("replay/") + name)));
        QFile notes(dir.filePath(QStringLiteral("replay/notes.txt")));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("not replayed\n");
        notes.close();
        const QString config = writeConfig(dir, endpointsYaml({{"a", receiver.url(QStringLiteral("/a"))}})
                                                    + "  replay: {files: [replay]}\n");
        Hookscope hookscope;
        QVERIFY2(hookscope.start(config), qPrintable(hookscope.output));
        QVERIFY2(receiver.waitForRequests(2, 10000), qPrintable(hookscope.output));
        QVERIFY(hookscope.stop());
        const QString skipped
            = QStringLiteral("1 file skipped (notes.txt: not a replay file (.json, .ndjson, .jsonl or .http))");
        QVERIFY2(hookscope.output.contains(QStringLiteral("replay: 2 files, 2 events to publish, ") + skipped),
                 qPrintable(hookscope.output));
        QVERIFY2(hookscope.output.contains(QStringLiteral("replay: 2 files, 2 events published, ") + skipped),
                 qPrintable(hookscope.output));
    }

    // --help documents every option.
    void helpDocumentsOptions()
    {
        QProcess process;
        process.start(QStringLiteral(HOOKSCOPE_BINARY), {QStringLiteral("--help")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        const QString help = QString::fromUtf8(process.readAllStandardOutput());
        for (const char *option : {"--config", "--headless", "--status-interval", "--shutdown-deadline", "--ingest",
                                   "--admin", "--lint", "--demo", "--screenshot", "--version"})
            QVERIFY2(help.contains(QLatin1String(option)), option);
    }

    // A listen address already in use is a clear runtime error (exit 1), not a crash.
    void addressInUse()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        const QString config = writeConfig(dir, "notifications:\n  endpoints: []\n");
        QProcess process;
        process.start(QStringLiteral(HOOKSCOPE_BINARY),
                      QStringList{QStringLiteral("--headless"), QStringLiteral("--config"), config,
                                  QStringLiteral("--ingest"), QStringLiteral("127.0.0.1:%1").arg(taken.serverPort())});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(QStringLiteral("cannot listen")));
    }
};

QTEST_GUILESS_MAIN(tst_Headless)
#include "tst_headless.moc"
