// TestEndpointUrl: testendpoint://NAME references, and putting them back into what is saved.
#include "core/config/scenarioconfig.h"

#include <QTest>

using namespace hookscope;

class tst_TestEndpointUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Saving what runs puts testendpoint://NAME back where the resolved url still points there.
    void runningUrlsSaveAsReferences()
    {
        EndpointConfig written;
        written.name = QStringLiteral("a");
        written.url = QStringLiteral("testendpoint://flaky");
        EndpointConfig running = written;
        running.url = QStringLiteral("http://127.0.0.1:41234/t/flaky");
        EndpointConfig moved = written;
        moved.name = QStringLiteral("b");
        moved.url = QStringLiteral("http://hooks.example/x");   // edited in the window: kept
        EndpointConfig writtenB = written;
        writtenB.name = QStringLiteral("b");
        QList<EndpointConfig> list = {running, moved};
        TestEndpointUrl::restoreReferences(&list, {written, writtenB});
        QCOMPARE(list[0].url, QStringLiteral("testendpoint://flaky"));
        QCOMPARE(list[1].url, QStringLiteral("http://hooks.example/x"));
        QString name;
        QVERIFY(TestEndpointUrl::parse(QStringLiteral("TestEndpoint://x/"), &name));
        QCOMPARE(name, QStringLiteral("x"));
        QVERIFY(!TestEndpointUrl::parse(QStringLiteral("http://x"), &name));
    }

    // References to served test endpoints get their real URL; the others are named (unless their
    // endpoint is disabled) and left as written; ordinary URLs are never touched.
    void resolvePutsInServedUrls()
    {
        auto endpoint = [](const char *name, const char *url, bool disabled = false) {
            EndpointConfig e;
            e.name = QString::fromLatin1(name);
            e.url = QString::fromLatin1(url);
            e.disabled = disabled;
            return e;
        };
        QList<EndpointConfig> list = {endpoint("a", "testendpoint://flaky"), endpoint("b", "testendpoint://gone"),
                                      endpoint("c", "testendpoint://off", true),
                                      endpoint("d", "http://hooks.example/x")};
        QStringList asked;
        const QStringList unresolved = TestEndpointUrl::resolve(&list, [&asked](const QString &name) {
            asked << name;
            return name == QLatin1String("flaky") ? QUrl(QStringLiteral("http://127.0.0.1:41234/t/flaky")) : QUrl();
        });
        QCOMPARE(unresolved, QStringList{QStringLiteral("gone")});
        QCOMPARE(asked, (QStringList{QStringLiteral("flaky"), QStringLiteral("gone"), QStringLiteral("off")}));
        QCOMPARE(list[0].url, QStringLiteral("http://127.0.0.1:41234/t/flaky"));
        QCOMPARE(list[1].url, QStringLiteral("testendpoint://gone"));
        QCOMPARE(list[2].url, QStringLiteral("testendpoint://off"));
        QCOMPARE(list[3].url, QStringLiteral("http://hooks.example/x"));
    }
};

QTEST_GUILESS_MAIN(tst_TestEndpointUrl)
#include "tst_testendpointurl.moc"
