// QTEST_MAIN: widgets need a QApplication (offscreen platform in ctest).
#include "app/widgets/testendpointbehavioureditor.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace hookscope;
using namespace Qt::StringLiterals;

class tst_TestEndpointBehaviourEditor : public QObject
{
    Q_OBJECT

    template<typename T>
    static T *field(TestEndpointBehaviourEditor &editor, const char *name)
    {
        T *widget = editor.findChild<T *>(QLatin1String(name));
        if (!widget)
            qFatal("no field %s", name);
        return widget;
    }

    static void chooseMode(TestEndpointBehaviourEditor &editor, TestEndpointBehaviour::Mode mode)
    {
        auto *combo = field<QComboBox>(editor, "testEndpointMode");
        combo->setCurrentIndex(combo->findData(int(mode)));
    }

private Q_SLOTS:
    // Every mode is in the picker, labelled with its published name.
    void pickerListsEveryMode()
    {
        TestEndpointBehaviourEditor editor;
        auto *combo = field<QComboBox>(editor, "testEndpointMode");
        QCOMPARE(combo->count(), int(TestEndpointBehaviour::allModes().size()));
        const int slowBody = combo->findData(int(TestEndpointBehaviour::SlowBody));
        QVERIFY(combo->itemText(slowBody).startsWith(u"slow-body — "_s));
    }

    // Loading shows the behaviour; only the chosen mode's fields are visible, with a hint.
    void loadShowsTheModesFields()
    {
        TestEndpointBehaviourEditor editor;
        TestEndpointBehaviour flap;
        flap.mode = TestEndpointBehaviour::Flap;
        flap.downMs = 2000;
        flap.upMs = 3000;
        editor.loadBehaviour(flap);
        editor.show();
        QCOMPARE(field<QSpinBox>(editor, "testEndpointDown")->value(), 2000);
        QVERIFY(field<QSpinBox>(editor, "testEndpointDown")->isVisible());
        QVERIFY(field<QSpinBox>(editor, "testEndpointUp")->isVisible());
        QVERIFY(!field<QSpinBox>(editor, "testEndpointStatus")->isVisible());
        QVERIFY(!field<QSpinBox>(editor, "testEndpointDelay")->isVisible());
        QVERIFY(field<QLabel>(editor, "testEndpointHint")->text().contains(u"Down, then up"_s));
        chooseMode(editor, TestEndpointBehaviour::ResetConnection);
        QVERIFY(!field<QSpinBox>(editor, "testEndpointDown")->isVisible());
        QVERIFY(field<QLabel>(editor, "testEndpointHint")->text().contains(u"RST"_s));
        QVERIFY(editor.isDirty());   // choosing a mode is an edit
    }

    // behaviour(base) takes the visible fields and keeps everything else from base.
    void behaviourOverBase()
    {
        TestEndpointBehaviourEditor editor;
        TestEndpointBehaviour base;
        base.mode = TestEndpointBehaviour::FailRate;
        base.failRate = 0.25;
        base.seed = 99;
        base.strictMediaType = true;
        editor.loadBehaviour(base);
        QVERIFY(!editor.isDirty());
        chooseMode(editor, TestEndpointBehaviour::Status);
        field<QSpinBox>(editor, "testEndpointStatus")->setValue(418);
        field<QLineEdit>(editor, "testEndpointRetryAfter")->setText(u" 5 "_s);
        const TestEndpointBehaviour b = editor.behaviour(editor.loaded());
        QCOMPARE(b.mode, TestEndpointBehaviour::Status);
        QCOMPARE(b.status, 418);
        QCOMPARE(b.retryAfter, QByteArray("5"));
        QCOMPARE(b.seed, 99u);
        QVERIFY(b.strictMediaType);
        QCOMPARE(b.failRate, 0.25);
    }

    // Editing marks the editor dirty; Revert brings the loaded behaviour back; markApplied makes
    // the current one the baseline.
    void dirtyRevertAndApplied()
    {
        TestEndpointBehaviourEditor editor;
        TestEndpointBehaviour slow;
        slow.mode = TestEndpointBehaviour::Slow;
        slow.delayMs = 1500;
        editor.loadBehaviour(slow);
        field<QSpinBox>(editor, "testEndpointDelay")->setValue(10);
        QVERIFY(editor.isDirty());
        QTest::mouseClick(field<QPushButton>(editor, "testEndpointRevert"), Qt::LeftButton);
        QCOMPARE(field<QSpinBox>(editor, "testEndpointDelay")->value(), 1500);
        QVERIFY(!editor.isDirty());
        field<QSpinBox>(editor, "testEndpointDelay")->setValue(20);
        const TestEndpointBehaviour applied = editor.behaviour(editor.loaded());
        editor.markApplied(applied);
        QVERIFY(!editor.isDirty());
        QCOMPARE(editor.loaded().delayMs, 20);
    }

    // Apply only asks; the owner decides (and reports through showMessage).
    void applyEmitsARequest()
    {
        TestEndpointBehaviourEditor editor;
        QSignalSpy requested(&editor, &TestEndpointBehaviourEditor::applyRequested);
        QTest::mouseClick(field<QPushButton>(editor, "testEndpointApply"), Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
        editor.showMessage(u"Refused: status 42 is not an HTTP status code"_s, true);
        QVERIFY(editor.message().startsWith(u"Refused"_s));
    }
};

QTEST_MAIN(tst_TestEndpointBehaviourEditor)
#include "tst_testendpointbehavioureditor.moc"
