#include "core/config/configloader.h"
#include "core/config/configpath.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

// Relative paths in a configuration file mean places next to that file, whatever the working
// directory: the journal and the replay files alike.
class tst_ConfigPath final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void helper()
    {
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("hookscope.yml"));
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QCOMPARE(resolveConfigPath(config, QStringLiteral("q.db")), dir.filePath(QStringLiteral("q.db")));
        QCOMPARE(resolveConfigPath(config, QStringLiteral("../x/./q.db")),
                 QDir::cleanPath(dir.path() + QStringLiteral("/../x/q.db")));
        QCOMPARE(resolveConfigPath(config, QStringLiteral("/var/q.db")), QStringLiteral("/var/q.db"));
        QCOMPARE(resolveConfigPath(config, QString()), QString());
        // No file on disk (a string loaded in a test, an environment override): nothing to resolve against.
        QCOMPARE(resolveConfigPath(QStringLiteral("$REGISTRY_NOTIFICATIONS"), QStringLiteral("q.db")),
                 QStringLiteral("q.db"));
    }

    // Loaded from another working directory, hookscope.journal and the replay files both land in
    // the configuration's folder.
    void journalAndReplayResolveAgainstTheFile()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("sub")));
        const QString config = dir.filePath(QStringLiteral("sub/hookscope.yml"));
        QFile replay(dir.filePath(QStringLiteral("sub/events.ndjson")));
        QVERIFY(replay.open(QIODevice::WriteOnly));
        replay.close();
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("notifications:\n  endpoints: []\nhookscope:\n  journal: data/queue.db\n"
                   "  replay:\n    files: [events.ndjson]\n");
        file.close();
        const QString before = QDir::currentPath();
        QVERIFY(QDir::setCurrent(dir.path()));   // not the configuration's folder
        const ConfigLoadResult result = ConfigLoader::loadFile(QStringLiteral("sub/hookscope.yml"));
        QDir::setCurrent(before);
        QVERIFY2(result.ok(), qPrintable(result.errors.value(0).toString()));
        QCOMPARE(result.config.journalPath, QDir::cleanPath(dir.filePath(QStringLiteral("sub/data/queue.db"))));
        QCOMPARE(result.config.replay.files,
                 QStringList{QDir::cleanPath(dir.filePath(QStringLiteral("sub/events.ndjson")))});
    }
};

QTEST_GUILESS_MAIN(tst_ConfigPath)
#include "tst_configpath.moc"
