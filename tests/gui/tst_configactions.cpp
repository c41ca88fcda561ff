#include "app/widgets/configactions.h"

#include "app/widgets/configfile.h"

#include <QAction>
#include <QFile>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

using namespace hookscope;

namespace {
// A file of `bytes` in `dir`; its path, or empty when it could not be written.
QString writeFile(const QTemporaryDir &dir, const char *name, const QByteArray &bytes)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return QString();
    return path;
}
} // namespace

class TestConfigActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Keep QSettings (last directory) away from the real user's configuration.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("hookscope-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_configactions"));
        QSettings().clear();
    }

    // Pins that a good file is handed out once via configOpened and becomes the Save target.
    void openingGoodFileEmitsConfig()
    {
        QWidget window;
        ConfigActions actions(&window);
        QVERIFY(actions.openAction() && actions.saveAction() && actions.saveAsAction());
        QSignalSpy opened(&actions, &ConfigActions::configOpened);
        QSignalSpy warnings(&actions, &ConfigActions::warningsReported);
        const QString path = QStringLiteral(HOOKSCOPE_FIXTURES_DIR "/config.yml");
        QVERIFY(actions.openFile(path));
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.first().first().value<AppConfig>().endpoints.size(), 4);
        QCOMPARE(actions.currentPath(), path);
        QCOMPARE(ConfigActions::lastDirectory(), QStringLiteral(HOOKSCOPE_FIXTURES_DIR));
        Q_UNUSED(warnings); // whether the fixture warns is the lint's business
    }

    // A file that loads with lint findings is applied, and its notes are shown in a box that does
    // not block, every finding in its details.
    void lintNotesAreShownWithoutBlocking()
    {
        QWidget window;
        ConfigActions actions(&window);
        QSignalSpy opened(&actions, &ConfigActions::configOpened);
        QSignalSpy warnings(&actions, &ConfigActions::warningsReported);
        QTemporaryDir dir;
        const QString path = writeFile(dir, "noted.yml",
                                       "notifications:\n  endpoints:\n    - name: a\n      url: http://127.0.0.1:1/x\n"
                                       "      timeout: 1ms\n      ignore:\n        actions: [pusg]\n"
                                       "        mediatypes: [x/y]\n");
        QVERIFY(!path.isEmpty());
        QVERIFY(actions.openFile(path));
        QCOMPARE(opened.count(), 1);
        QCOMPARE(warnings.count(), 1);
        const QStringList found = warnings.first().at(1).toStringList();
        QCOMPARE(found.size(), 2);
        auto *box = window.findChild<QMessageBox *>(QStringLiteral("configNotesBox"));
        QVERIFY(box);
        QVERIFY(box->isVisible());
        QVERIFY(!box->isModal());
        QVERIFY(box->text().contains(QStringLiteral("2 note(s)")));
        QCOMPARE(box->detailedText(), found.join(QLatin1Char('\n')));
        QVERIFY(box->detailedText().contains(QStringLiteral("pusg")));
    }

    // Pins that a broken file applies nothing, reports its errors and shows a non-blocking box.
    void openingBadFileAppliesNothing()
    {
        QWidget window;
        ConfigActions actions(&window);
        QSignalSpy opened(&actions, &ConfigActions::configOpened);
        QSignalSpy failed(&actions, &ConfigActions::openFailed);
        QTemporaryDir dir;
        const QString path = writeFile(dir, "bad.yml", "notifications: [\n");
        QVERIFY(!path.isEmpty());
        QVERIFY(!actions.openFile(path));
        QCOMPARE(opened.count(), 0);
        QCOMPARE(failed.count(), 1);
        QVERIFY(actions.currentPath().isEmpty());
        auto *box = window.findChild<QMessageBox *>(QStringLiteral("configProblemBox"));
        QVERIFY(box);
        QVERIFY(box->informativeText().contains(path));
        box->close();
    }

    // Pins the save order: saveRequested lets the owner refresh the config before it is written.
    void saveAsksForCurrentConfigFirst()
    {
        QWidget window;
        ConfigActions actions(&window);
        AppConfig config;
        EndpointConfig endpoint;
        endpoint.name = QStringLiteral("fresh");
        endpoint.url = QStringLiteral("http://127.0.0.1:9/x");
        config.endpoints.append(endpoint);
        connect(&actions, &ConfigActions::saveRequested, &actions,
                [&] { actions.setCurrentConfig(config); });
        QSignalSpy saved(&actions, &ConfigActions::saved);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.yml"));
        QVERIFY(actions.saveFile(path));
        QCOMPARE(saved.count(), 1);
        QCOMPARE(actions.currentPath(), path);
        QVERIFY(ConfigFile::open(path).config == config);
    }
};

// QMessageBox and QFileDialog parents are widgets: needs a QApplication.
QTEST_MAIN(TestConfigActions)
#include "tst_configactions.moc"
