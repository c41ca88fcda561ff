#include "core/config/configlint.h"
#include "core/config/configloader.h"
#include "core/config/configwriter.h"
#include "configtestprint.h"

#include <QTest>

using namespace hookscope;

// The hookscope: section's attemptlog.budget key (the rest of the section is covered by
// tst_configloader, which predates the split into confighookscopereader.cpp).
class tst_ConfigHookscopeReader final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void budgetDefaultsTo32MiB()
    {
        const ConfigLoadResult result = ConfigLoader::loadString("hookscope: {}\n", QStringLiteral("c.yml"));
        QVERIFY(result.ok());
        QCOMPARE(result.config.attemptLogBudgetBytes, qint64(32) * 1024 * 1024);
        QCOMPARE(AppConfig().attemptLogBudgetBytes, qint64(32) * 1024 * 1024);
    }

    void budgetIsRead_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("bytes");
        QTest::newRow("MiB") << QByteArray("8MiB") << qint64(8) * 1024 * 1024;
        QTest::newRow("KiB") << QByteArray("512KiB") << qint64(512) * 1024;
        QTest::newRow("GiB") << QByteArray("1GiB") << (qint64(1) << 30);
        QTest::newRow("integer") << QByteArray("2000000") << qint64(2000000);
        QTest::newRow("quoted") << QByteArray("\"16MiB\"") << qint64(16) * 1024 * 1024;
        QTest::newRow("null keeps default") << QByteArray("~") << qint64(32) * 1024 * 1024;
    }
    void budgetIsRead()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, bytes);
        const ConfigLoadResult result = ConfigLoader::loadString(
            "hookscope:\n  attemptlog:\n    budget: " + value + "\n", QStringLiteral("c.yml"));
        QVERIFY2(result.ok(), qPrintable(result.errors.value(0).toString()));
        QCOMPARE(result.config.attemptLogBudgetBytes, bytes);
    }

    void badBudgetNamesKeyAndValue_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("zero") << QByteArray("0")
                              << QStringLiteral("hookscope.attemptlog.budget: \"0\": must be a positive size");
        QTest::newRow("negative") << QByteArray("-5MiB")
                                  << QStringLiteral("hookscope.attemptlog.budget: \"-5MiB\": must be a positive size");
        QTest::newRow("decimal unit") << QByteArray("32MB")
                                      << QStringLiteral("hookscope.attemptlog.budget: \"32MB\": unknown unit \"MB\" (sizes are binary");
        QTest::newRow("word") << QByteArray("plenty")
                              << QStringLiteral("hookscope.attemptlog.budget: \"plenty\": expected a number of bytes");
        QTest::newRow("list") << QByteArray("[1]")
                              << QStringLiteral("hookscope.attemptlog.budget: expected a size such as 32MiB");
    }
    void badBudgetNamesKeyAndValue()
    {
        QFETCH(QByteArray, value);
        QFETCH(QString, message);
        const ConfigLoadResult result = ConfigLoader::loadString(
            "hookscope:\n  attemptlog:\n    budget: " + value + "\n", QStringLiteral("c.yml"));
        QVERIFY(!result.ok());
        const ConfigDiagnostic error = result.errors.value(0);
        QVERIFY2(error.message.startsWith(message), qPrintable(error.toString()));
        QCOMPARE(error.line, 3);
        QCOMPARE(error.column, 13);
    }

    void unknownAttemptLogKeyIsNamed()
    {
        const ConfigLoadResult result = ConfigLoader::loadString(
            "hookscope:\n  attemptlog:\n    budgte: 1MiB\n", QStringLiteral("c.yml"));
        bool named = false;
        for (const ConfigDiagnostic &d : result.warnings + result.errors)
            named = named || (d.message.contains(QLatin1String("budgte")) && d.message.contains(QLatin1String("budget")));
        QVERIFY2(named, qPrintable(QString::number(result.warnings.size())));
    }

    void budgetRoundTrips_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::newRow("MiB") << qint64(64) * 1024 * 1024;
        QTest::newRow("KiB") << qint64(1536) * 1024;
        QTest::newRow("bytes") << qint64(1000001);
        QTest::newRow("default") << AppConfig().attemptLogBudgetBytes;
    }
    void budgetRoundTrips()
    {
        QFETCH(qint64, bytes);
        AppConfig config;
        config.attemptLogBudgetBytes = bytes;
        const QByteArray yaml = ConfigWriter::toYaml(config);
        QCOMPARE(yaml.contains("attemptlog"), bytes != AppConfig().attemptLogBudgetBytes);
        const ConfigLoadResult again = ConfigLoader::loadString(yaml, QStringLiteral("written.yml"));
        QVERIFY2(again.ok(), yaml.constData());
        QCOMPARE(again.config.attemptLogBudgetBytes, bytes);
        QCOMPARE(again.config, config);
    }

    void tinyBudgetIsLinted()
    {
        AppConfig config;
        config.attemptLogBudgetBytes = 100 * 1024;
        bool warned = false;
        for (const ConfigDiagnostic &d : ConfigLint::lint(config, ConfigSourceMap()))
            warned = warned || d.message.startsWith(QLatin1String("hookscope.attemptlog.budget: 100KiB"));
        QVERIFY(warned);
        for (const ConfigDiagnostic &d : ConfigLint::lint(AppConfig(), ConfigSourceMap()))
            QVERIFY2(!d.message.contains(QLatin1String("attemptlog")), qPrintable(d.message));
    }
};

QTEST_GUILESS_MAIN(tst_ConfigHookscopeReader)
#include "tst_confighookscopereader.moc"
