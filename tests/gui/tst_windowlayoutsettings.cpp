// WindowLayoutSettings: what the operator arranged comes back in the next window; a first start
// gets the default size.
#include "app/widgets/windowlayoutsettings.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QSettings>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace hookscope;

namespace {

// A window with a splitter of a table and a label, as the main window has.
struct Window
{
    QMainWindow window;
    QSplitter *splitter = new QSplitter(Qt::Vertical, &window);
    QTableView *table = new QTableView(splitter);
    QStandardItemModel model{2, 4};
    WindowLayoutSettings settings{&window, QStringLiteral("testWindow"), 640, 480};

    Window()
    {
        table->setModel(&model);
        splitter->addWidget(new QLabel(QStringLiteral("detail"), splitter));
        window.setCentralWidget(splitter);
        settings.track(QStringLiteral("splitter"), splitter);
        settings.track(QStringLiteral("columns"), table->horizontalHeader());
    }
};

} // namespace

class tst_WindowLayoutSettings final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("hookscope-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_windowlayoutsettings"));
        QSettings().clear();
    }

    void firstStartGetsTheDefaultSize()
    {
        Window w;
        w.settings.restore();
        QCOMPARE(w.window.size(), QSize(640, 480));
    }

    void arrangementComesBack()
    {
        {
            Window w;
            w.settings.restore();
            w.window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w.window));
            w.window.resize(700, 520);
            w.splitter->setSizes({100, 300});
            w.table->horizontalHeader()->resizeSection(2, 177);
            w.table->horizontalHeader()->moveSection(3, 0);
            w.settings.save();
        }
        QSettings settings;
        QVERIFY(settings.contains(QStringLiteral("testWindow/geometry")));
        QVERIFY(settings.contains(QStringLiteral("testWindow/splitter")));
        QVERIFY(settings.contains(QStringLiteral("testWindow/columns")));

        Window again;
        again.settings.restore();
        again.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again.window));
        QCOMPARE(again.table->horizontalHeader()->sectionSize(2), 177);
        QCOMPARE(again.table->horizontalHeader()->visualIndex(3), 0);
        const QList<int> sizes = again.splitter->sizes();
        QCOMPARE(sizes.size(), 2);
        QVERIFY2(sizes.at(0) < sizes.at(1), "the splitter's proportions came back");
        QVERIFY(again.window.size() != QSize(640, 480));
    }
};

QTEST_MAIN(tst_WindowLayoutSettings)
#include "tst_windowlayoutsettings.moc"
