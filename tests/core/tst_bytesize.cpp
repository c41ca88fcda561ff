#include "core/config/bytesize.h"

#include <QTest>

#include <limits>

using namespace hookscope;

class tst_ByteSize final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesBytesAndBinaryUnits_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("bytes");
        QTest::newRow("plain") << QStringLiteral("1000") << qint64(1000);
        QTest::newRow("B") << QStringLiteral("64B") << qint64(64);
        QTest::newRow("KiB") << QStringLiteral("512KiB") << qint64(512 * 1024);
        QTest::newRow("MiB") << QStringLiteral("32MiB") << qint64(32) * 1024 * 1024;
        QTest::newRow("GiB") << QStringLiteral("1GiB") << (qint64(1) << 30);
        QTest::newRow("space") << QStringLiteral(" 8 MiB ") << qint64(8) * 1024 * 1024;
        QTest::newRow("zero") << QStringLiteral("0") << qint64(0);
        QTest::newRow("negative") << QStringLiteral("-1MiB") << -qint64(1024 * 1024);
    }
    void parsesBytesAndBinaryUnits()
    {
        QFETCH(QString, text);
        QFETCH(qint64, bytes);
        QString error;
        const std::optional<qint64> parsed = parseByteSize(text, &error);
        QVERIFY2(parsed.has_value(), qPrintable(error));
        QCOMPARE(*parsed, bytes);
    }

    void refusesWhatIsNotASize_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << QString() << QStringLiteral("expected a number of bytes");
        QTest::newRow("word") << QStringLiteral("lots") << QStringLiteral("expected a number of bytes");
        QTest::newRow("unit only") << QStringLiteral("MiB") << QStringLiteral("expected a number of bytes");
        QTest::newRow("fraction") << QStringLiteral("1.5MiB") << QStringLiteral("unknown unit \".5MiB\"");
        QTest::newRow("decimal unit") << QStringLiteral("32MB") << QStringLiteral("sizes are binary");
        QTest::newRow("lower case") << QStringLiteral("32mib") << QStringLiteral("unknown unit \"mib\"");
        QTest::newRow("overflow") << QStringLiteral("9999999999TiB") << QStringLiteral("is too large");
        QTest::newRow("huge number") << QStringLiteral("99999999999999999999") << QStringLiteral("is too large");
    }
    void refusesWhatIsNotASize()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        QString why;
        QVERIFY(!parseByteSize(text, &why).has_value());
        QVERIFY2(why.contains(error), qPrintable(why));
    }

    void formatsWithTheLargestExactUnit()
    {
        QCOMPARE(formatByteSize(32 * 1024 * 1024), QStringLiteral("32MiB"));
        QCOMPARE(formatByteSize(1536 * 1024), QStringLiteral("1536KiB"));
        QCOMPARE(formatByteSize(qint64(1) << 30), QStringLiteral("1GiB"));
        QCOMPARE(formatByteSize(1000), QStringLiteral("1000"));
        QCOMPARE(formatByteSize(0), QStringLiteral("0"));
        for (const qint64 bytes : {qint64(1), qint64(1023), qint64(4096), qint64(3) << 40})
            QCOMPARE(parseByteSize(formatByteSize(bytes)).value_or(-1), bytes);
    }
};

QTEST_GUILESS_MAIN(tst_ByteSize)
#include "tst_bytesize.moc"
