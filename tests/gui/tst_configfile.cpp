#include "app/widgets/configfile.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

class TestConfigFile : public QObject
{
    Q_OBJECT

private:
    static QString fixture() { return QStringLiteral(HOOKSCOPE_FIXTURES_DIR "/config.yml"); }

    static void writeFile(const QString &path, const QByteArray &content)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

private Q_SLOTS:
    // Pins that the registry's own config.yml opens as-is: 4 endpoints, headers, values.
    void opensRegistryFixture()
    {
        const ConfigFileResult result = ConfigFile::open(fixture());
        QVERIFY2(result.ok(), qPrintable(result.errors.join(QLatin1Char('\n'))));
        QCOMPARE(result.config.endpoints.size(), 4);
        const EndpointConfig &primary = result.config.endpoints.first();
        QCOMPARE(primary.name, QStringLiteral("primary"));
        QCOMPARE(primary.url, QStringLiteral("http://127.0.0.1:34995/events"));
        QCOMPARE(primary.threshold, 3);
        QCOMPARE(primary.headers.size(), 1);
        QCOMPARE(primary.headers.first().second,
                 QStringList{QStringLiteral("Bearer fixture-token")});
        QVERIFY(result.config.includeReferences);
        QCOMPARE(result.config.endpoints.last().name, QStringLiteral("down"));
    }

    // Pins that a broken file gives file:line:column errors and no configuration at all.
    void invalidFileGivesPlacedErrorsAndNothingElse()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.yml"));
        writeFile(path, "notifications:\n  endpoints:\n    - name: a\n      url: [unclosed\n");
        const ConfigFileResult result = ConfigFile::open(path);
        QVERIFY(!result.ok());
        const QRegularExpression placed(QRegularExpression::escape(path)
                                        + QStringLiteral(":[1-9][0-9]*:[1-9][0-9]*: "));
        QVERIFY2(placed.match(result.errors.first()).hasMatch(), qPrintable(result.errors.first()));
        QVERIFY(result.config == AppConfig());
        QVERIFY(result.config.endpoints.isEmpty());
    }

    // Pins that a missing file is an error naming the file, not a crash or an empty config.
    void missingFileIsAnError()
    {
        const ConfigFileResult result = ConfigFile::open(QStringLiteral("/nonexistent/x.yml"));
        QVERIFY(!result.ok());
        QVERIFY(result.errors.first().startsWith(QStringLiteral("/nonexistent/x.yml")));
    }

    // Pins save -> open giving back an equal configuration (writer and loader agree).
    void saveThenOpenRoundTrips()
    {
        const ConfigFileResult original = ConfigFile::open(fixture());
        QVERIFY(original.ok());
        AppConfig config = original.config;
        config.endpoints[1].retryPolicy = RetryPolicyKind::Exponential;
        config.endpoints[1].ignoreActions = {QStringLiteral("pull")};
        config.endpoints[1].ignoreMediaTypes = {QStringLiteral("application/octet-stream")};
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("saved.yml"));
        QString error;
        QVERIFY2(ConfigFile::save(path, config, &error), qPrintable(error));
        const ConfigFileResult back = ConfigFile::open(path);
        QVERIFY2(back.ok(), qPrintable(back.errors.join(QLatin1Char('\n'))));
        QVERIFY(back.config == config);
        // Saving over our own file is fine: it has nothing but notifications (and version).
        QVERIFY(ConfigFile::otherSections(path).isEmpty());
        QVERIFY2(ConfigFile::save(path, config, &error), qPrintable(error));
    }

    // Pins that an unwritable target fails with a message naming the file, and writes nothing.
    void saveToUnwritablePathFailsClearly()
    {
        QString error;
        const QString path = QStringLiteral("/nonexistent-dir/hookscope.yml");
        QVERIFY(!ConfigFile::save(path, AppConfig(), &error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY(error.startsWith(QStringLiteral("Cannot write")));
        QVERIFY(!QFile::exists(path));
    }

    // Pins the policy for registry configs: their other sections are listed; a save that only
    // touches endpoints edits the file in place and keeps them; one that changes other settings
    // too refuses to drop them (file untouched), and an explicit DropOtherSections replaces the file.
    void saveRefusesToDropRegistrySections()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.yml"));
        QVERIFY(QFile::copy(fixture(), path));
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QCOMPARE(ConfigFile::otherSections(path),
                 (QStringList{QStringLiteral("log"), QStringLiteral("storage"),
                              QStringLiteral("http")}));
        AppConfig config = ConfigFile::open(path).config;
        QFile before(path);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray original = before.readAll();
        before.close();
        QString error;
        QVERIFY2(ConfigFile::save(path, config, &error), qPrintable(error));   // unchanged: as it was
        QFile same(path);
        QVERIFY(same.open(QIODevice::ReadOnly));
        QCOMPARE(same.readAll(), original);
        same.close();
        config.endpoints[0].url = QStringLiteral("http://127.0.0.1:9/edited");
        QVERIFY2(ConfigFile::save(path, config, &error), qPrintable(error));
        QCOMPARE(ConfigFile::otherSections(path),
                 (QStringList{QStringLiteral("log"), QStringLiteral("storage"), QStringLiteral("http")}));
        QVERIFY(ConfigFile::open(path).config == config);

        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::copy(fixture(), path));
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        config = ConfigFile::open(path).config;
        config.includeReferences = !config.includeReferences;   // outside the endpoint list
        QVERIFY(!ConfigFile::save(path, config, &error));
        QVERIFY2(error.contains(QStringLiteral("storage")), qPrintable(error));
        QFile after(path);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), original);
        after.close();
        QVERIFY(ConfigFile::save(path, config, &error, ConfigFile::Overwrite::DropOtherSections));
        QVERIFY(ConfigFile::otherSections(path).isEmpty());
        QVERIFY(ConfigFile::open(path).config == config);
    }

    // The case: a comment above each endpoint and a disabled second one. Saved unchanged,
    // the file is as it was (order and comments); after one endpoint's URL is edited the other
    // endpoints' comments are still there.
    void saveKeepsOrderAndComments()
    {
        const QByteArray yaml = "notifications:\n  endpoints:\n"
                                "    # one\n    - name: a\n      url: http://h/a\n"
                                "    # two, off\n    - name: b\n      disabled: true\n      url: http://h/b\n"
                                "    # three\n    - name: c\n      url: http://h/c\n";
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hookscope.yml"));
        writeFile(path, yaml);
        AppConfig config = ConfigFile::open(path).config;
        QString error;
        QVERIFY2(ConfigFile::save(path, config, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), yaml);
        file.close();
        config.endpoints[2].url = QStringLiteral("http://h/c2");
        QVERIFY2(ConfigFile::save(path, config, &error), qPrintable(error));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        QCOMPARE(saved, QByteArray("notifications:\n  endpoints:\n"
                                   "    # one\n    - name: a\n      url: http://h/a\n"
                                   "    # two, off\n    - name: b\n      disabled: true\n      url: http://h/b\n"
                                   "    # three\n    - name: c\n      url: http://h/c2\n      timeout: 1s\n"
                                   "      threshold: 10\n      backoff: 1s\n"));
    }
};

// No widgets: ConfigFile is QtCore only.
QTEST_GUILESS_MAIN(TestConfigFile)
#include "tst_configfile.moc"
