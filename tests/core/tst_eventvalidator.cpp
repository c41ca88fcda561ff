#include "core/model/eventvalidator.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace hookscope;

class tst_EventValidator : public QObject
{
    Q_OBJECT

private:
    static QJsonObject valid()
    {
        return QJsonDocument::fromJson(R"({"id": "e1", "timestamp": "2026-11-27T18:55:52.465910749Z",
            "action": "push", "target": {"repository": "demo/hello"},
            "request": {"id": "r1", "method": "PUT", "useragent": "skopeo"}, "actor": {},
            "source": {"addr": "vm:5000"}})").object();
    }

private Q_SLOTS:
    void everyFixtureEventIsValid()
    {
        const QStringList files = fixtures::envelopeFiles();
        QVERIFY(files.size() >= 40);
        for (const QString &file : files) {
            for (const QJsonValue &event : fixtures::envelopeEvents(file)) {
                const QList<EventProblem> problems = EventValidator::check(event.toObject());
                QVERIFY2(problems.isEmpty(), qPrintable(file + QStringLiteral(": ") + EventValidator::describe(problems)));
            }
        }
    }

    void problemsNameTheField_data()
    {
        QTest::addColumn<QString>("remove");
        QTest::addColumn<QJsonValue>("replacement");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("no id") << "id" << QJsonValue() << "id" << "\"id\" is missing";
        QTest::newRow("numeric id") << "id" << QJsonValue(7) << "id" << "\"id\" must be a string, not a number";
        QTest::newRow("empty id") << "id" << QJsonValue(QString()) << "id" << "\"id\" is empty";
        QTest::newRow("no timestamp") << "timestamp" << QJsonValue() << "timestamp" << "\"timestamp\" is missing";
        QTest::newRow("bad timestamp") << "timestamp" << QJsonValue(QStringLiteral("yesterday")) << "timestamp" << "not an RFC 3339 time";
        QTest::newRow("no action") << "action" << QJsonValue() << "action" << "\"action\" is missing";
        QTest::newRow("odd action") << "action" << QJsonValue(QStringLiteral("ping")) << "action" << "not push, pull, delete or mount";
        QTest::newRow("no target") << "target" << QJsonValue() << "target" << "\"target\" is missing";
        QTest::newRow("target string") << "target" << QJsonValue(QStringLiteral("x")) << "target" << "must be an object, not a string";
        QTest::newRow("no repository") << "target" << QJsonValue(QJsonObject()) << "target.repository" << "\"target.repository\" is missing";
        QTest::newRow("no request") << "request" << QJsonValue() << "request" << "\"request\" is missing";
        QTest::newRow("no method") << "request" << QJsonValue(QJsonObject()) << "request.method" << "\"request.method\" is missing";
        QTest::newRow("actor array") << "actor" << QJsonValue(QJsonArray()) << "actor" << "must be an object, not an array";
    }

    void problemsNameTheField()
    {
        QFETCH(QString, remove);
        QFETCH(QJsonValue, replacement);
        QFETCH(QString, field);
        QFETCH(QString, message);
        QJsonObject event = valid();
        QVERIFY(EventValidator::check(event).isEmpty());
        event.remove(remove);
        if (!replacement.isNull())
            event.insert(remove, replacement);
        const QList<EventProblem> problems = EventValidator::check(event);
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems[0].field, field);
        QVERIFY2(problems[0].message.contains(message), qPrintable(problems[0].message));
    }

    void optionalMembersMayBeAbsent()
    {
        QJsonObject event = valid();
        event.remove(QStringLiteral("actor"));
        event.remove(QStringLiteral("source"));
        QVERIFY(EventValidator::check(event).isEmpty());
        // The 2015 target shape names the repository "name".
        event.insert(QStringLiteral("target"), QJsonObject{{QStringLiteral("type"), QStringLiteral("manifest")},
                                                           {QStringLiteral("name"), QStringLiteral("demo")}});
        QVERIFY(EventValidator::check(event).isEmpty());
    }

    void timestampsParseLikeGo_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ns");
        QTest::newRow("nanoseconds") << "2026-11-27T18:55:52.465910749Z" << Q_INT64_C(1795805752465910749);
        QTest::newRow("no fraction") << "2026-11-27T18:55:52Z" << Q_INT64_C(1795805752000000000);
        QTest::newRow("millis") << "2026-11-27T18:55:52.5Z" << Q_INT64_C(1795805752500000000);
        QTest::newRow("offset") << "2026-11-27T19:55:52+01:00" << Q_INT64_C(1795805752000000000);
        QTest::newRow("negative offset") << "2026-11-27T10:55:52.000000001-08:00" << Q_INT64_C(1795805752000000001);
    }

    void timestampsParseLikeGo()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ns);
        QCOMPARE(EventValidator::parseTimestampNs(text).value_or(-1), ns);
    }

    void badTimestampsAreRefused()
    {
        for (const char *text : {"2026-11-27 18:55:52Z", "2026-13-27T18:55:52Z", "2026-11-27T18:55:52",
                                 "2026-11-27T18:55:52.1234567890Z", "", "2026-11-27T25:00:00Z"})
            QVERIFY2(!EventValidator::parseTimestampNs(QLatin1String(text)), text);
    }

    // Ingest's check: every event a registry sent passes; it is looser than check() (request,
    // known actions and non-empty strings are not demanded).
    void ingestCheckTakesRegistryEvents()
    {
        for (const QString &file : fixtures::envelopeFiles()) {
            for (const QJsonValue &event : fixtures::envelopeEvents(file)) {
                const auto problem = EventValidator::checkIngested(event.toObject());
                QVERIFY2(!problem, qPrintable(file + QStringLiteral(": ") + problem.value_or(QString())));
            }
        }
        QVERIFY(!EventValidator::checkIngested(QJsonDocument::fromJson(
            R"({"id": "", "timestamp": "2026-11-27T18:55:52Z", "action": "replicate", "target": {}})").object()));
    }

    // The first problem, in the order id, timestamp, action, target.
    void ingestCheckNamesTheFirstProblem()
    {
        auto problemOf = [](const char *json) {
            return EventValidator::checkIngested(QJsonDocument::fromJson(json).object()).value_or(QString());
        };
        QCOMPARE(problemOf(R"({"id": "x"})"), QStringLiteral("missing \"timestamp\""));
        QCOMPARE(problemOf(R"({})"), QStringLiteral("missing \"id\""));
        QCOMPARE(problemOf(R"({"id": null, "timestamp": 1})"), QStringLiteral("\"id\" must be a string, not null"));
        QCOMPARE(problemOf(R"({"id": "x", "timestamp": "2026-11-27", "action": "push", "target": {}})"),
                 QStringLiteral("\"timestamp\" \"2026-11-27\" is not an RFC 3339 time"));
        QCOMPARE(problemOf(R"({"id": "x", "timestamp": "2026-11-27T18:55:52Z", "action": ["push"], "target": {}})"),
                 QStringLiteral("\"action\" must be a string, not an array"));
        QCOMPARE(problemOf(R"({"id": "x", "timestamp": "2026-11-27T18:55:52Z", "action": "push", "target": []})"),
                 QStringLiteral("\"target\" must be an object, not an array"));
    }
};

QTEST_GUILESS_MAIN(tst_EventValidator)
#include "tst_eventvalidator.moc"
