#include "testing/testendpointstats.h"

#include <QJsonArray>
#include <QTest>

using namespace hookscope;
using namespace Qt::StringLiterals;

class tst_TestEndpointStats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The JSON export carries counters, checks and the mode's own settings; the required header's
    // value (often a token) is never exported.
    void toJson()
    {
        TestEndpointStats s;
        s.name = u"flaky"_s;
        s.url = QUrl(u"http://127.0.0.1:1234/t/flaky"_s);
        s.behaviour.mode = TestEndpointBehaviour::FailRate;
        s.behaviour.failRate = 0.3;
        s.behaviour.requireHeader = "Authorization: Bearer secret";
        s.requests = 10;
        s.accepted = 7;
        s.rejected = 3;
        s.statuses = {{200, 7}, {503, 3}};
        s.checks.duplicates = 2;
        s.recent.append(TestEndpointRequestSummary());
        const QJsonObject o = s.toJson();
        QCOMPARE(o.value("name"_L1).toString(), u"flaky"_s);
        QCOMPARE(o.value("accepted"_L1).toInt(), 7);
        QCOMPARE(o.value("statuses"_L1)["503"_L1].toInt(), 3);
        QCOMPARE(o.value("checks"_L1)["duplicates"_L1].toInt(), 2);
        const QJsonObject b = o.value("behaviour"_L1).toObject();
        QCOMPARE(b.value("mode"_L1).toString(), u"failrate"_s);
        QCOMPARE(b.value("failRate"_L1).toDouble(), 0.3);
        QCOMPARE(b.value("requireHeader"_L1).toString(), u"Authorization"_s);
        QVERIFY(!o.contains("recent"_L1));
        QCOMPARE(s.toJson(true).value("recent"_L1).toArray().size(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_TestEndpointStats)
#include "tst_testendpointstats.moc"
