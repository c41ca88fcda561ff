#include "core/transport/gzipbody.h"

#include <QTest>

using namespace hookscope;

namespace {
// "hello, gzip" as gzip (Python's gzip module, mtime 0).
const QByteArray HelloGzip("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff\xcb\x48\xcd\xc9\xc9\xd7\x51\x48\xaf\xca\x2c\x00\x00"
                           "\x4a\x9b\xb1\x5c\x0b\x00\x00\x00",
                           31);
} // namespace

class tst_GzipBody : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesWholeStream()
    {
        const GzipBody::Decoded d = GzipBody::decode(HelloGzip, 1024);
        QCOMPARE(d.text, QByteArray("hello, gzip"));
        QVERIFY(d.complete);
        QVERIFY(d.error.isEmpty());
    }
    void streamCutShortGivesWhatCame()
    {
        const GzipBody::Decoded d = GzipBody::decode(HelloGzip.left(20), 1024);
        QVERIFY(!d.complete);
        QVERIFY(d.error.isEmpty());
        QVERIFY(QByteArray("hello, gzip").startsWith(d.text));
    }
    void limitCapsTheText()
    {
        const GzipBody::Decoded d = GzipBody::decode(HelloGzip, 5);
        QCOMPARE(d.text, QByteArray("hello"));
        QVERIFY(!d.complete);
    }
    void notGzipIsAnError()
    {
        const GzipBody::Decoded d = GzipBody::decode("plain text, not gzip", 1024);
        QVERIFY(!d.error.isEmpty());
        QVERIFY(d.error.startsWith(QStringLiteral("gzip: ")));
    }
    void isGzip()
    {
        QVERIFY(GzipBody::isGzip("gzip"));
        QVERIFY(GzipBody::isGzip(" GZIP "));
        QVERIFY(!GzipBody::isGzip("gzip, br"));
        QVERIFY(!GzipBody::isGzip("deflate"));
    }
};

QTEST_GUILESS_MAIN(tst_GzipBody)
#include "tst_gzipbody.moc"
