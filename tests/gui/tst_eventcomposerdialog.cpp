#include "app/widgets/eventcomposerdialog.h"

#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>

using namespace hookscope;
using namespace Qt::StringLiterals;

class tst_EventComposerDialog : public QObject
{
    Q_OBJECT

private:
    static QPushButton *button(QDialog &dialog, const QString &text)
    {
        for (QPushButton *b : dialog.findChildren<QPushButton *>()) {
            if (b->text().remove(u'&') == text)
                return b;
        }
        return nullptr;
    }
    static QJsonObject object(const QString &text)
    {
        return QJsonDocument::fromJson(text.toUtf8()).object();
    }

private Q_SLOTS:
    // It opens with a realistic event that is valid as it stands: a tagged manifest push.
    void prefilledWithAGeneratedEvent()
    {
        EventComposerDialog dialog;
        const QJsonObject event = object(dialog.text());
        QCOMPARE(event.value("action"_L1).toString(), u"push"_s);
        QVERIFY(!event.value("id"_L1).toString().isEmpty());
        QVERIFY(!event.value("target"_L1).toObject().value("tag"_L1).toString().isEmpty());
        QVERIFY(!event.contains("hookscope"_L1));   // no generator stamp on a hand-made event
        QVERIFY(dialog.text().startsWith(u"{\n   \"id\""_s));   // the registry's indentation and key order
        QVERIFY(dialog.canSend());
        QVERIFY(button(dialog, u"Send"_s)->isEnabled());
        const QString first = event.value("id"_L1).toString();
        QTest::mouseClick(button(dialog, u"New event"_s), Qt::LeftButton);
        QVERIFY(object(dialog.text()).value("id"_L1).toString() != first);
    }

    // Typing breaks it: the message says where and Send is disabled; fixing it enables Send.
    void invalidJsonIsRefusedLive()
    {
        EventComposerDialog dialog;
        auto *editor = dialog.findChild<QPlainTextEdit *>(u"composerEditor"_s);
        auto *status = dialog.findChild<QLabel *>(u"composerStatus"_s);
        QVERIFY(editor && status);
        const QString good = dialog.text();
        editor->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor, u","_s);
        QVERIFY(!dialog.canSend());
        QVERIFY(!button(dialog, u"Send"_s)->isEnabled());
        QVERIFY2(status->text().startsWith(u"Not JSON:"_s), qPrintable(status->text()));
        QVERIFY2(status->text().contains(u"line "_s), qPrintable(status->text()));
        int sends = 0;
        dialog.setSend([&](const EventBlock &, QString *) { return ++sends > 0; });
        QVERIFY(!dialog.send());
        QCOMPARE(sends, 0);
        QTest::keyClick(editor, Qt::Key_Backspace);
        QVERIFY(dialog.canSend());
        QCOMPARE(dialog.text(), good);
    }

    void missingFieldsAreNamed_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("id") << u"id"_s << u"\"id\" is missing"_s;
        QTest::newRow("timestamp") << u"timestamp"_s << u"\"timestamp\" is missing"_s;
        QTest::newRow("action") << u"action"_s << u"\"action\" is missing"_s;
        QTest::newRow("target") << u"target"_s << u"\"target\" is missing"_s;
        QTest::newRow("request") << u"request"_s << u"\"request\" is missing"_s;
    }

    void missingFieldsAreNamed()
    {
        QFETCH(QString, field);
        QFETCH(QString, message);
        EventComposerDialog dialog;
        QJsonObject event = object(dialog.text());
        event.remove(field);
        dialog.setText(QString::fromUtf8(QJsonDocument(event).toJson()));
        QVERIFY(!dialog.canSend());
        QVERIFY2(dialog.problem().contains(message), qPrintable(dialog.problem()));
        QVERIFY(dialog.statusText().startsWith(u"Not a registry event:"_s));
    }

    void otherRefusals()
    {
        QVERIFY(EventComposerDialog::check("").contains(u"Empty"_s));
        QVERIFY(EventComposerDialog::check("[1]").contains(u"not an array"_s));
        QVERIFY(EventComposerDialog::check("{\"events\": []}").contains(u"envelope"_s));
        QVERIFY(EventComposerDialog::check("{\"id\": 5}").contains(u"\"id\" must be a string, not a number"_s));
    }

    // Send hands one event, with the text's own bytes, to the engine; the dialog stays open.
    void sendHandsTheEventOver()
    {
        EventComposerDialog dialog;
        EventBlock got;
        dialog.setSend([&](const EventBlock &events, QString *) {
            got = events;
            return true;
        });
        QString sentId;
        connect(&dialog, &EventComposerDialog::sent, this, [&](const QString &id) { sentId = id; });
        dialog.show();
        QTest::mouseClick(button(dialog, u"Send"_s), Qt::LeftButton);
        QCOMPARE(got.size(), size_t(1));
        const QJsonObject event = object(dialog.text());
        QCOMPARE(QString::fromUtf8(got.front()->id()), event.value("id"_L1).toString());
        QCOMPARE(QJsonDocument::fromJson(got.front()->compactJson()).object(), event);
        QCOMPARE(sentId, event.value("id"_L1).toString());
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.statusText().startsWith(u"Sent event "_s + sentId));

        // New id: same event, another id and timestamp, the rest of the text untouched.
        const QString before = dialog.text();
        QTest::mouseClick(button(dialog, u"New id"_s), Qt::LeftButton);
        const QJsonObject renewed = object(dialog.text());
        QVERIFY(renewed.value("id"_L1) != event.value("id"_L1));
        QCOMPARE(renewed.value("target"_L1), event.value("target"_L1));
        QCOMPARE(renewed.value("request"_L1), event.value("request"_L1));   // request.id kept
        // The text is edited in place: only the two lines with id and timestamp differ.
        const QStringList oldLines = before.split(u'\n');
        const QStringList newLines = dialog.text().split(u'\n');
        QCOMPARE(newLines.size(), oldLines.size());
        int changed = 0;
        for (int i = 0; i < oldLines.size(); ++i)
            changed += oldLines[i] != newLines[i] ? 1 : 0;
        QCOMPARE(changed, 2);
        QVERIFY(dialog.canSend());
    }

    void refusalByTheEngineIsShown()
    {
        EventComposerDialog dialog;
        dialog.setSend([](const EventBlock &, QString *error) {
            *error = u"engine is shutting down"_s;
            return false;
        });
        QVERIFY(!dialog.send());
        QVERIFY(dialog.statusText().contains(u"engine is shutting down"_s));
    }
};

QTEST_MAIN(tst_EventComposerDialog)
#include "tst_eventcomposerdialog.moc"
