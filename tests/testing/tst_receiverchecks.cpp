#include "testing/receiverchecks.h"

#include <QJsonDocument>
#include <QTest>

using namespace hookscope;
using namespace Qt::StringLiterals;

namespace {

QJsonObject stamped(const QString &id, int seq, const QString &stream = u"s"_s)
{
    return QJsonObject{{u"id"_s, id},
                       {u"hookscope"_s, QJsonObject{{u"seq"_s, seq}, {u"stream"_s, stream}}}};
}

} // namespace

class tst_ReceiverChecks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Only {"events": [objects...]} is an envelope.
    void parseEnvelope_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("events");   // -1: not an envelope
        QTest::newRow("one") << QByteArray(R"({"events":[{"id":"a"}]})") << 1;
        QTest::newRow("empty list") << QByteArray(R"({"events":[]})") << 0;
        QTest::newRow("not json") << QByteArray("{") << -1;
        QTest::newRow("array") << QByteArray("[]") << -1;
        QTest::newRow("no events") << QByteArray(R"({"x":1})") << -1;
        QTest::newRow("string event") << QByteArray(R"({"events":["a"]})") << -1;
    }
    void parseEnvelope()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, events);
        QList<QJsonObject> parsed;
        QCOMPARE(ReceiverChecks::parseEnvelope(body, &parsed), events >= 0);
        if (events >= 0)
            QCOMPARE(parsed.size(), events);
    }

    // The stamp is read only when well-formed; anything else means "not stamped".
    void stampParsing()
    {
        QCOMPARE(SequenceStamp::fromEvent(stamped(u"a"_s, 7)).seq, quint64(7));
        QVERIFY(!SequenceStamp::fromEvent(stamped(u"a"_s, 0)).isValid());
        QVERIFY(!SequenceStamp::fromEvent(QJsonObject{{u"id"_s, u"a"_s}}).isValid());
        QVERIFY(!SequenceStamp::fromEvent(QJsonObject{{u"hookscope"_s, u"7"_s}}).isValid());
    }

    // Reordering is per stream, a duplicate is never also counted as reordered, and missing()
    // reports the stamps that never arrived.
    void orderDuplicatesAndLoss()
    {
        ReceiverChecks checks;
        checks.recordAccepted({stamped(u"a"_s, 1), stamped(u"c"_s, 3)});
        checks.recordAccepted({stamped(u"x"_s, 1, u"t"_s)});
        checks.recordAccepted({stamped(u"b"_s, 2)});
        checks.recordAccepted({stamped(u"a"_s, 1)});
        checks.recordAccepted({QJsonObject{{u"id"_s, u"plain"_s}}});
        const ReceiverCheckCounts c = checks.counts();
        QCOMPARE(c.envelopes, 5);
        QCOMPARE(c.events, 6);
        QCOMPARE(c.uniqueIds, 5);
        QCOMPARE(c.duplicates, 1);
        QCOMPARE(c.outOfOrder, 1);
        QCOMPARE(c.multiEventEnvelopes, 1);
        QCOMPARE(c.stamped, 4);
        QCOMPARE(c.sequenceGaps, 0);
        QCOMPARE(checks.missing(u"s"_s, 5), 2);
        QCOMPARE(checks.missing(u"unknown"_s, 3), 3);
        QVERIFY(checks.hasAccepted("plain"));
        checks.clear();
        QCOMPARE(checks.counts(), ReceiverCheckCounts());
        QVERIFY(checks.streams().isEmpty());   // never told what was sent: nothing kept
    }

    // Lost: stamps in [1, highest sent] never accepted, per stream the sender reported.
    void lostAgainstWhatWasSent()
    {
        ReceiverChecks checks;
        checks.recordAccepted({stamped(u"a"_s, 1)});
        checks.recordAccepted({stamped(u"c"_s, 3)});
        QCOMPARE(checks.counts().lost, 0);   // nobody said anything was sent
        checks.noteSent(u"s"_s, 4);
        QCOMPARE(checks.counts().sent, 4);
        QCOMPARE(checks.counts().lost, 2);   // 2 and 4
        checks.recordAccepted({stamped(u"d"_s, 4)});
        QCOMPARE(checks.counts().lost, 1);
        checks.noteSent(u"s"_s, 3);          // lower: ignored
        QCOMPARE(checks.counts().sent, 4);
        checks.recordAccepted({stamped(u"e"_s, 5)});   // beyond what was reported: not yet sent
        QCOMPARE(checks.counts().lost, 1);
        checks.noteSent(u"s"_s, 6);
        QCOMPARE(checks.counts().lost, 2);   // 2 and 6
        checks.recordAccepted({stamped(u"b"_s, 2)});
        checks.recordAccepted({stamped(u"b"_s, 2)});   // a duplicate finds nothing more
        checks.recordAccepted({stamped(u"f"_s, 6)});
        QCOMPARE(checks.counts().lost, 0);
        // Another stream counts on its own; a big jump is counted from the set.
        checks.noteSent(u"t"_s, 1000);
        checks.recordAccepted({stamped(u"t1"_s, 1, u"t"_s)});
        QCOMPARE(checks.counts().lost, 999);
        QCOMPARE(checks.counts().sent, 1006);
        QCOMPARE(checks.missing(u"t"_s, 1000), 999);
    }

    // clear() keeps what was sent as a floor: loss counts from the clear on.
    void clearKeepsTheSentFloor()
    {
        ReceiverChecks checks;
        checks.noteSent(u"s"_s, 3);
        checks.recordAccepted({stamped(u"a"_s, 1)});
        QCOMPARE(checks.counts().lost, 2);
        checks.clear();
        QCOMPARE(checks.counts().lost, 0);
        QCOMPARE(checks.counts().sent, 3);
        checks.noteSent(u"s"_s, 5);
        checks.recordAccepted({stamped(u"d"_s, 4)});
        checks.recordAccepted({stamped(u"c"_s, 3)});   // sent before the clear: not counted
        QCOMPARE(checks.counts().lost, 1);               // 5
    }
};

QTEST_GUILESS_MAIN(tst_ReceiverChecks)
#include "tst_receiverchecks.moc"
