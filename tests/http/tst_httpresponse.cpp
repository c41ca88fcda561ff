#include "http/httpresponse.h"

#include <QJsonDocument>
#include <QTest>

using namespace hookscope;

class tst_HttpResponse final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The status line uses the standard phrase; unknown codes still give a valid line.
    void reasonPhrases()
    {
        QCOMPARE(HttpResponse::reasonPhrase(200), QByteArray("OK"));
        QCOMPARE(HttpResponse::reasonPhrase(413), QByteArray("Payload Too Large"));
        QCOMPARE(HttpResponse::reasonPhrase(431), QByteArray("Request Header Fields Too Large"));
        QCOMPARE(HttpResponse::reasonPhrase(599), QByteArray("Unknown Status"));
    }

    // The server owns framing: Content-Length is computed, caller framing headers are dropped.
    void serializeFraming()
    {
        HttpResponse response(201, "hello", "text/plain");
        response.addHeader("Content-Length", "999");
        response.addHeader("X-Test", "1");
        const QByteArray wire = response.serialize(true);
        QVERIFY(wire.startsWith("HTTP/1.1 201 Created\r\n"));
        QVERIFY(wire.contains("\r\nContent-Type: text/plain\r\n"));
        QVERIFY(wire.contains("\r\nX-Test: 1\r\n"));
        QVERIFY(wire.contains("\r\nContent-Length: 5\r\n"));
        QVERIFY(!wire.contains("999"));
        QVERIFY(wire.contains("\r\nConnection: close\r\n"));
        QVERIFY(wire.contains("\r\nDate: "));
        QVERIFY(wire.endsWith("\r\n\r\nhello"));
        QVERIFY(!response.serialize(false).contains("Connection:"));
        QVERIFY(response.serialize(false, true).endsWith("\r\n\r\n"));
    }

    // json() and error() give application/json bodies; error() is {"error": message}.
    void jsonAndError()
    {
        const HttpResponse ok = HttpResponse::json(200, QJsonObject{{QStringLiteral("accepted"), 3}});
        QCOMPARE(ok.header("content-type"), QByteArray("application/json"));
        QCOMPARE(QJsonDocument::fromJson(ok.body()).object().value(QStringLiteral("accepted")).toInt(), 3);

        const HttpResponse bad = HttpResponse::error(400, QStringLiteral("not JSON"));
        QCOMPARE(bad.status(), 400);
        QCOMPARE(QJsonDocument::fromJson(bad.body()).object().value(QStringLiteral("error")).toString(),
                 QStringLiteral("not JSON"));
    }

    // setHeader replaces a header whatever the spelling of its name.
    void setHeaderReplacesCaseInsensitively()
    {
        HttpResponse response;
        response.addHeader("allow", "GET");
        response.setHeader("Allow", "POST");
        QCOMPARE(response.headers().size(), 1);
        QCOMPARE(response.header("ALLOW"), QByteArray("POST"));
    }
};

QTEST_GUILESS_MAIN(tst_HttpResponse)
#include "tst_httpresponse.moc"
