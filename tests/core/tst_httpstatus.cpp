#include "core/model/httpstatus.h"

#include <QTest>

using namespace hookscope;
using namespace Qt::StringLiterals;

class TestHttpStatus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void statusText_data();
    void statusText();
    void statusKey_data();
    void statusKey();
};

void TestHttpStatus::statusText_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("text");
    // Go 1.19 net/http statusText, complete; plus codes Go does not know.
    const QList<QPair<int, QString>> table = {
        {100, u"Continue"_s}, {101, u"Switching Protocols"_s}, {102, u"Processing"_s},
        {103, u"Early Hints"_s}, {200, u"OK"_s}, {201, u"Created"_s}, {202, u"Accepted"_s},
        {203, u"Non-Authoritative Information"_s}, {204, u"No Content"_s},
        {205, u"Reset Content"_s}, {206, u"Partial Content"_s}, {207, u"Multi-Status"_s},
        {208, u"Already Reported"_s}, {226, u"IM Used"_s}, {300, u"Multiple Choices"_s},
        {301, u"Moved Permanently"_s}, {302, u"Found"_s}, {303, u"See Other"_s},
        {304, u"Not Modified"_s}, {305, u"Use Proxy"_s}, {307, u"Temporary Redirect"_s},
        {308, u"Permanent Redirect"_s}, {400, u"Bad Request"_s}, {401, u"Unauthorized"_s},
        {402, u"Payment Required"_s}, {403, u"Forbidden"_s}, {404, u"Not Found"_s},
        {405, u"Method Not Allowed"_s}, {406, u"Not Acceptable"_s},
        {407, u"Proxy Authentication Required"_s}, {408, u"Request Timeout"_s},
        {409, u"Conflict"_s}, {410, u"Gone"_s}, {411, u"Length Required"_s},
        {412, u"Precondition Failed"_s}, {413, u"Request Entity Too Large"_s},
        {414, u"Request URI Too Long"_s}, {415, u"Unsupported Media Type"_s},
        {416, u"Requested Range Not Satisfiable"_s}, {417, u"Expectation Failed"_s},
        {418, u"I'm a teapot"_s}, {421, u"Misdirected Request"_s},
        {422, u"Unprocessable Entity"_s}, {423, u"Locked"_s}, {424, u"Failed Dependency"_s},
        {425, u"Too Early"_s}, {426, u"Upgrade Required"_s}, {428, u"Precondition Required"_s},
        {429, u"Too Many Requests"_s}, {431, u"Request Header Fields Too Large"_s},
        {451, u"Unavailable For Legal Reasons"_s}, {500, u"Internal Server Error"_s},
        {501, u"Not Implemented"_s}, {502, u"Bad Gateway"_s}, {503, u"Service Unavailable"_s},
        {504, u"Gateway Timeout"_s}, {505, u"HTTP Version Not Supported"_s},
        {506, u"Variant Also Negotiates"_s}, {507, u"Insufficient Storage"_s},
        {508, u"Loop Detected"_s}, {510, u"Not Extended"_s},
        {511, u"Network Authentication Required"_s},
        // Unknown to Go: empty text.
        {0, QString()}, {-1, QString()}, {199, QString()}, {306, QString()}, {419, QString()},
        {420, QString()}, {427, QString()}, {430, QString()}, {509, QString()},
        {599, QString()}, {600, QString()}, {999, QString()},
    };
    for (const auto &row : table)
        QTest::addRow("%d", row.first) << row.first << row.second;
}

// Pins the reason phrases to Go 1.19's StatusText, including the rarely seen codes.
void TestHttpStatus::statusText()
{
    QFETCH(int, code);
    QFETCH(QString, text);
    QCOMPARE(httpStatusText(code), text);
}

void TestHttpStatus::statusKey_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("key");
    QTest::newRow("200") << 200 << u"200 OK"_s;
    QTest::newRow("202") << 202 << u"202 Accepted"_s;
    QTest::newRow("307") << 307 << u"307 Temporary Redirect"_s;
    QTest::newRow("418") << 418 << u"418 I'm a teapot"_s;
    QTest::newRow("500") << 500 << u"500 Internal Server Error"_s;
    QTest::newRow("503") << 503 << u"503 Service Unavailable"_s;
    QTest::newRow("599 unknown") << 599 << u"599 "_s;
    QTest::newRow("299 unknown") << 299 << u"299 "_s;
}

// Pins the expvar Statuses key format "<code> <text>", with a trailing space for unknown codes.
void TestHttpStatus::statusKey()
{
    QFETCH(int, code);
    QFETCH(QString, key);
    QCOMPARE(httpStatusKey(code), key);
}

QTEST_GUILESS_MAIN(TestHttpStatus)
#include "tst_httpstatus.moc"
