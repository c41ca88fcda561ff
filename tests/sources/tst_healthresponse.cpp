// healthResponse: 200 while nothing is wrong, 503 with the reason while something is.
#include "sources/healthresponse.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace hookscope;

class tst_HealthResponse final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void okWithoutAProblem()
    {
        for (const std::function<QString()> &problem : {std::function<QString()>(),
                                                        std::function<QString()>([] { return QString(); })}) {
            const HttpResponse response = healthResponse(problem);
            QCOMPARE(response.status(), 200);
            QCOMPARE(QJsonDocument::fromJson(response.body()).object().value(QStringLiteral("status")).toString(),
                     QStringLiteral("ok"));
        }
    }

    void unavailableWithTheReason()
    {
        const QString reason = QStringLiteral("journal cannot write: database or disk is full (/x/j.db)");
        const HttpResponse response = healthResponse([&] { return reason; });
        QCOMPARE(response.status(), 503);
        const QJsonObject body = QJsonDocument::fromJson(response.body()).object();
        QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("unavailable"));
        QCOMPARE(body.value(QStringLiteral("error")).toString(), reason);
    }
};

QTEST_GUILESS_MAIN(tst_HealthResponse)
#include "tst_healthresponse.moc"
