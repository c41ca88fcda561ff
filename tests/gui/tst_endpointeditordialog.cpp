#include "app/widgets/endpointeditordialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace hookscope;

class TestEndpointEditorDialog : public QObject
{
    Q_OBJECT

private:
    static EndpointConfig fullConfig()
    {
        EndpointConfig e;
        e.name = QStringLiteral("audit-log");
        e.url = QStringLiteral("https://audit.internal:9000/registry-events");
        e.headers = {{QStringLiteral("Authorization"), {QStringLiteral("Bearer 7f3a")}},
                     {QStringLiteral("X-Source"),
                      {QStringLiteral("registry-prod"), QStringLiteral("eu-west")}}};
        e.timeoutNs = 2'500'000'000;
        e.threshold = 5;
        e.backoffNs = 3'000'000'000;
        e.ignoredMediaTypes = {QStringLiteral("application/octet-stream")};
        e.ignoreMediaTypes = {QStringLiteral("application/vnd.oci.image.index.v1+json")};
        e.ignoreActions = {QStringLiteral("pull"), QStringLiteral("mount")};
        e.disabled = true;
        e.retryPolicy = RetryPolicyKind::Exponential;
        e.expBaseNs = 500'000'000;
        e.expFactorNs = 2'000'000'000;
        e.expMaxNs = 60'000'000'000;
        e.maxAttempts = 7;
        e.maxAgeNs = 3'600'000'000'000;
        e.maxBatch = 20;
        e.paused = true;
        return e;
    }

    static QLineEdit *edit(QDialog &dialog, const char *name)
    {
        auto *lineEdit = dialog.findChild<QLineEdit *>(QLatin1String(name));
        Q_ASSERT(lineEdit);
        return lineEdit;
    }

    static void retype(QDialog &dialog, const char *name, const QString &text)
    {
        QLineEdit *lineEdit = edit(dialog, name);
        lineEdit->clear();
        QTest::keyClicks(lineEdit, text);
    }

    static QString hint(QDialog &dialog, const char *name)
    {
        return dialog.findChild<QLabel *>(QLatin1String(name))->text();
    }

    static bool okEnabled(QDialog &dialog)
    {
        return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled();
    }

    static EndpointConfig validConfig()
    {
        EndpointConfig e;
        e.name = QStringLiteral("hook");
        e.url = QStringLiteral("http://127.0.0.1:8080/events");
        return e;
    }

private Q_SLOTS:
    // Pins that every field, including two-valued headers, the exponential policy and both
    // ignore lists (legacy and new, actions in file order), survives setConfig() -> config().
    void roundTripsEveryField()
    {
        EndpointEditorDialog dialog(nullptr);
        dialog.setMode(EndpointEditorDialog::Edit);
        const EndpointConfig original = fullConfig();
        dialog.setConfig(original);
        const EndpointConfig back = dialog.config();
        QCOMPARE(back.headers, original.headers);
        QCOMPARE(back.ignoreActions, original.ignoreActions);
        QCOMPARE(back.ignoredMediaTypes, original.ignoredMediaTypes);
        QCOMPARE(back.ignoreMediaTypes, original.ignoreMediaTypes);
        QVERIFY(back == original);
        QVERIFY(okEnabled(dialog));
        QCOMPARE(dialog.findChild<QTableWidget *>(QStringLiteral("headersTable"))->rowCount(), 3);
    }

    // Pins that defaults round-trip and that a fresh Add dialog starts blocked (no name, no URL).
    void defaultsRoundTripAndEmptyIsBlocked()
    {
        EndpointEditorDialog dialog(nullptr);
        QVERIFY(!okEnabled(dialog));
        dialog.setConfig(validConfig());
        QVERIFY(okEnabled(dialog));
        QVERIFY(dialog.config() == validConfig());
    }

    void invalidInputBlocksOk_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("hintName");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty name") << "nameEdit" << "" << "nameHint" << "name is required";
        QTest::newRow("blank name") << "nameEdit" << "  " << "nameHint" << "name is required";
        QTest::newRow("empty url") << "urlEdit" << "" << "urlHint" << "URL is required";
        QTest::newRow("ftp url") << "urlEdit" << "ftp://x/y" << "urlHint" << "http:// or https://";
        QTest::newRow("relative url")
            << "urlEdit" << "hooks.example.com/x" << "urlHint" << "http:// or https://";
        QTest::newRow("no host") << "urlEdit" << "http:///events" << "urlHint" << "no host";
        QTest::newRow("bad unit")
            << "timeoutEdit" << "1x" << "timeoutHint" << "unknown unit \"x\" in duration \"1x\"";
        QTest::newRow("not a duration")
            << "backoffEdit" << "soon" << "backoffHint" << "invalid duration \"soon\"";
        QTest::newRow("threshold 0") << "thresholdEdit" << "0" << "thresholdHint" << "At least 1";
        QTest::newRow("threshold word")
            << "thresholdEdit" << "ten" << "thresholdHint" << "not a whole number";
        QTest::newRow("batch 0") << "batchEdit" << "0" << "batchHint" << "At least 1";
        QTest::newRow("max attempts -1")
            << "maxAttemptsEdit" << "-1" << "maxAttemptsHint" << "never give up";
        QTest::newRow("max age negative")
            << "maxAgeEdit" << "-5s" << "maxAgeHint" << "must not be negative";
    }

    // Pins that each invalid input shows its own red message under the field and disables OK,
    // and that fixing it enables OK again.
    void invalidInputBlocksOk()
    {
        QFETCH(QString, field);
        QFETCH(QString, text);
        QFETCH(QString, hintName);
        QFETCH(QString, message);
        EndpointEditorDialog dialog(nullptr);
        dialog.setConfig(validConfig());
        QVERIFY(okEnabled(dialog));
        const QByteArray fieldName = field.toLatin1();
        const QString before = edit(dialog, fieldName.constData())->text();
        retype(dialog, fieldName.constData(), text);
        const QString shown = hint(dialog, hintName.toLatin1().constData());
        QVERIFY2(shown.contains(message, Qt::CaseInsensitive), qPrintable(shown));
        QVERIFY(!okEnabled(dialog));
        QVERIFY(dialog.hasErrors());
        retype(dialog, fieldName.constData(), before);
        QVERIFY(okEnabled(dialog));
    }

    // Pins that every input carries a tooltip and the registry fields quote their default.
    void everyFieldHasATooltip()
    {
        EndpointEditorDialog dialog(nullptr);
        QWidgetList fields;
        for (QLineEdit *lineEdit : dialog.findChildren<QLineEdit *>()) {
            if (lineEdit->objectName().endsWith(QLatin1String("Edit")))
                fields.append(lineEdit);
        }
        for (QCheckBox *check : dialog.findChildren<QCheckBox *>())
            fields.append(check);
        fields.append(dialog.findChild<QComboBox *>(QStringLiteral("retryPolicyCombo")));
        fields.append(dialog.findChild<QComboBox *>(QStringLiteral("mediaTypeCombo")));
        fields.append(dialog.findChild<QTableWidget *>(QStringLiteral("headersTable")));
        QCOMPARE(fields.size(), 11 + 6 + 3); // line edits, check boxes, the rest
        for (QWidget *field : fields)
            QVERIFY2(!field->toolTip().isEmpty(), qPrintable(field->objectName()));
        for (const char *name : {"timeoutEdit", "thresholdEdit", "backoffEdit"}) {
            QVERIFY(edit(dialog, name)->toolTip().contains(QStringLiteral("Registry default")));
        }
        QVERIFY(edit(dialog, "thresholdEdit")->toolTip().startsWith(
            QStringLiteral("Consecutive failures before backing off. Registry default 10")));
    }

    // Pins that accept() from code is refused while a field has an error.
    void acceptRefusedWhileInvalid()
    {
        EndpointEditorDialog dialog(nullptr);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        dialog.setConfig(validConfig());
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    // Pins the loader's rule that a bad URL only warns on a disabled endpoint (never created).
    void badUrlOnlyWarnsWhenDisabled()
    {
        EndpointEditorDialog dialog(nullptr);
        dialog.setConfig(validConfig());
        retype(dialog, "urlEdit", QStringLiteral("ftp://x/y"));
        QVERIFY(!okEnabled(dialog));
        dialog.findChild<QCheckBox *>(QStringLiteral("disabledCheck"))->setChecked(true);
        QVERIFY(okEnabled(dialog));
        QVERIFY(hint(dialog, "urlHint").contains(QStringLiteral("disabled")));
    }

    // An endpoint that loaded misconfigured (ftp://) opens with the reason shown as a warning and
    // can be saved with other edits; fixing the URL clears the reason; a newly typed bad URL is
    // still an error.
    void misconfiguredEndpointShowsWhyAndStillSaves()
    {
        EndpointEditorDialog dialog(nullptr);
        dialog.setMode(EndpointEditorDialog::Edit);
        EndpointConfig loaded = validConfig();
        loaded.url = QStringLiteral("ftp://x/y");
        loaded.misconfigured = endpointUrlProblem(loaded.url);
        dialog.setConfig(loaded);
        QVERIFY(okEnabled(dialog));
        QVERIFY2(hint(dialog, "urlHint").startsWith(QStringLiteral("misconfigured: url \"ftp://x/y\" has scheme")),
                 qPrintable(hint(dialog, "urlHint")));
        QCOMPARE(dialog.config().misconfigured, loaded.misconfigured);
        retype(dialog, "urlEdit", QStringLiteral("gopher://x/y"));
        QVERIFY(!okEnabled(dialog));
        retype(dialog, "urlEdit", QStringLiteral("http://x/y"));
        QVERIFY(okEnabled(dialog));
        QCOMPARE(dialog.config().misconfigured, QString());
    }

    // Pins that a header row with a value but no name is an error (it would be dropped silently).
    void headerWithoutNameBlocksOk()
    {
        EndpointEditorDialog dialog(nullptr);
        dialog.setConfig(validConfig());
        dialog.findChild<QPushButton *>(QStringLiteral("addHeaderButton"))->click();
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("headersTable"));
        QCOMPARE(table->rowCount(), 1);
        QVERIFY(okEnabled(dialog)); // an untouched new row is not an error yet
        QTest::keyClicks(table->cellWidget(0, 1), QStringLiteral("secret"));
        QVERIFY(hint(dialog, "headersHint").contains(QStringLiteral("no header name")));
        QVERIFY(!okEnabled(dialog));
        QTest::keyClicks(table->cellWidget(0, 0), QStringLiteral("X-Token"));
        QVERIFY(okEnabled(dialog));
        const auto headers = dialog.config().headers;
        QCOMPARE(headers.size(), 1);
        QCOMPARE(headers.first().first, QStringLiteral("X-Token"));
        QCOMPARE(headers.first().second, QStringList{QStringLiteral("secret")});
    }

    // Pins that header values are masked until that row's Show toggle is on.
    void headerValuesAreMasked()
    {
        EndpointEditorDialog dialog(nullptr);
        dialog.setConfig(fullConfig());
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("headersTable"));
        auto *value = qobject_cast<QLineEdit *>(table->cellWidget(0, 1));
        QCOMPARE(value->echoMode(), QLineEdit::Password);
        qobject_cast<QToolButton *>(table->cellWidget(0, 2))->click();
        QCOMPARE(value->echoMode(), QLineEdit::Normal);
        QCOMPARE(qobject_cast<QLineEdit *>(table->cellWidget(1, 1))->echoMode(),
                 QLineEdit::Password);
    }

    // Pins the duplicate check: other names are refused, the edited endpoint's own name is not
    // (Edit mode only; in Add mode that name belongs to someone else).
    void duplicateNames()
    {
        EndpointEditorDialog dialog(nullptr);
        EndpointConfig e = validConfig();
        e.name = QStringLiteral("a");
        dialog.setConfig(e);
        dialog.setExistingNames({QStringLiteral("a"), QStringLiteral("b")});
        dialog.setMode(EndpointEditorDialog::Edit);
        QVERIFY(okEnabled(dialog));
        retype(dialog, "nameEdit", QStringLiteral("b"));
        QVERIFY(hint(dialog, "nameHint").contains(QStringLiteral("already called \"b\"")));
        QVERIFY(!okEnabled(dialog));
        retype(dialog, "nameEdit", QStringLiteral("c"));
        QVERIFY(okEnabled(dialog));
        retype(dialog, "nameEdit", QStringLiteral("a"));
        QVERIFY(okEnabled(dialog));
        dialog.setMode(EndpointEditorDialog::Add);
        QVERIFY(!okEnabled(dialog));
    }

    // Pins Portus#1068: `timeout: 500` is read as 500ns; the editor warns (nanoseconds, under
    // 10ms) but, like the registry, accepts it.
    void unitlessTimeoutWarnsButAllowsOk()
    {
        EndpointEditorDialog dialog(nullptr);
        dialog.setConfig(validConfig());
        retype(dialog, "timeoutEdit", QStringLiteral("500"));
        const QString text = hint(dialog, "timeoutHint");
        QVERIFY2(text.contains(QStringLiteral("nanoseconds")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Portus#1068")));
        QVERIFY(text.contains(QStringLiteral("under 10ms")));
        QVERIFY(okEnabled(dialog));
        QCOMPARE(dialog.config().timeoutNs, 500);
    }

    // Pins that the exponential fields only matter (and only block OK) with that policy chosen.
    void exponentialFieldsFollowPolicy()
    {
        EndpointEditorDialog dialog(nullptr);
        dialog.setConfig(validConfig());
        QVERIFY(!edit(dialog, "expBaseEdit")->isEnabled());
        edit(dialog, "expBaseEdit")->setText(QStringLiteral("nope")); // disabled: no typing
        QVERIFY(okEnabled(dialog));
        dialog.findChild<QComboBox *>(QStringLiteral("retryPolicyCombo"))->setCurrentIndex(1);
        QVERIFY(edit(dialog, "expBaseEdit")->isEnabled());
        QVERIFY(!okEnabled(dialog));
        retype(dialog, "expBaseEdit", QStringLiteral("250ms"));
        QVERIFY(okEnabled(dialog));
        QCOMPARE(dialog.config().retryPolicy, RetryPolicyKind::Exponential);
        QCOMPARE(dialog.config().expBaseNs, 250'000'000);
    }

    // Pins the filter tab: suggestions offered, new media types go to ignore.mediatypes, ticked
    // actions are appended after the loaded ones, unknown loaded actions are kept with a warning.
    void filterEditing()
    {
        EndpointEditorDialog dialog(nullptr);
        EndpointConfig e = validConfig();
        e.ignoreActions = {QStringLiteral("Pull")};
        dialog.setConfig(e);
        QVERIFY(hint(dialog, "actionsHint").contains(QStringLiteral("\"Pull\"")));
        auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("mediaTypeCombo"));
        QVERIFY(combo->findText(QStringLiteral("application/octet-stream")) >= 0);
        combo->setCurrentText(QStringLiteral("application/octet-stream"));
        dialog.findChild<QPushButton *>(QStringLiteral("addMediaTypeButton"))->click();
        dialog.findChild<QCheckBox *>(QStringLiteral("ignoreDeleteCheck"))->setChecked(true);
        const EndpointConfig back = dialog.config();
        QCOMPARE(back.ignoreMediaTypes, QStringList{QStringLiteral("application/octet-stream")});
        QVERIFY(back.ignoredMediaTypes.isEmpty());
        const QStringList actions = {QStringLiteral("Pull"), QStringLiteral("delete")};
        QCOMPARE(back.ignoreActions, actions);
        QVERIFY(okEnabled(dialog));
    }
};

// Widgets need a QApplication (offscreen platform in ctest).
QTEST_MAIN(TestEndpointEditorDialog)
#include "tst_endpointeditordialog.moc"
