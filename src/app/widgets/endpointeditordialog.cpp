#include "app/widgets/endpointeditordialog.h"

#include "app/widgets/endpointchecks.h"
#include "app/widgets/headerrowseditor.h"
#include "ui_endpointeditordialog.h"

#include "core/config/configlint.h"
#include "core/config/goduration.h"

#include <QLineEdit>
#include <QPushButton>
#include <QStyle>

#include <limits>

namespace hookscope {

namespace {

constexpr int kLegacyRole = Qt::UserRole + 1; // media type item came from ignoredmediatypes

const QStringList &registryActions()
{
    static const QStringList actions = {QStringLiteral("push"), QStringLiteral("pull"),
                                        QStringLiteral("delete"), QStringLiteral("mount")};
    return actions;
}

QString countText(qint64 value)
{
    return QString::number(value);
}

} // namespace

// Everything the form says, parsed once: updateWidgets() shows it, config() returns it.
struct EndpointEditorDialog::Checks
{
    FieldCheck name, url, headers, mediaTypes, actions;
    DurationCheck timeout, backoff, expBase, expFactor, expMax, maxAge;
    CountCheck threshold, maxAttempts, batch;
};

EndpointEditorDialog::EndpointEditorDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::EndpointEditorDialog>())
{
    m_ui->setupUi(this);
    m_headers = new HeaderRowsEditor(m_ui->headersTable, m_ui->addHeaderButton,
                                     m_ui->removeHeaderButton, this);
    // Word-wrapped labels keep their narrow size hint in a form layout unless told to grow.
    for (QLabel *label : findChildren<QLabel *>()) {
        if (!label->objectName().endsWith(QLatin1String("Hint")))
            continue;
        label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);
        label->setAlignment(Qt::AlignLeft | Qt::AlignTop); // hug the field it is about
    }
    m_ui->mediaTypeCombo->addItems(suggestedMediaTypes());
    m_ui->mediaTypeCombo->setCurrentIndex(0);

    const auto update = [this] { updateWidgets(); };
    connect(m_headers, &HeaderRowsEditor::changed, this, update);
    for (QLineEdit *edit : findChildren<QLineEdit *>()) {
        if (edit->parent() != m_ui->mediaTypeCombo)
            connect(edit, &QLineEdit::textChanged, this, update);
    }
    for (QCheckBox *check : findChildren<QCheckBox *>())
        connect(check, &QCheckBox::toggled, this, update);
    connect(m_ui->retryPolicyCombo, &QComboBox::currentIndexChanged, this, update);
    connect(m_ui->mediaTypesList->model(), &QAbstractItemModel::dataChanged, this, update);
    connect(m_ui->mediaTypesList->model(), &QAbstractItemModel::rowsRemoved, this, update);
    connect(m_ui->addMediaTypeButton, &QPushButton::clicked, this,
            &EndpointEditorDialog::addMediaTypeFromCombo);
    connect(m_ui->removeMediaTypeButton, &QPushButton::clicked, this, [this] {
        const int row = m_ui->mediaTypesList->currentRow();
        delete m_ui->mediaTypesList->takeItem(row >= 0 ? row : m_ui->mediaTypesList->count() - 1);
    });

    setMode(Add);
    setConfig(EndpointConfig());
}

EndpointEditorDialog::~EndpointEditorDialog() = default;

void EndpointEditorDialog::accept()
{
    if (!hasErrors())
        QDialog::accept();
}

QStringList EndpointEditorDialog::suggestedMediaTypes()
{
    return {QStringLiteral("application/octet-stream"),
            QStringLiteral("application/vnd.docker.distribution.manifest.v2+json"),
            QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json"),
            QStringLiteral("application/vnd.docker.distribution.manifest.v1+prettyjws"),
            QStringLiteral("application/vnd.oci.image.manifest.v1+json"),
            QStringLiteral("application/vnd.oci.image.index.v1+json")};
}

void EndpointEditorDialog::setMode(Mode mode)
{
    m_mode = mode;
    setWindowTitle(mode == Add ? tr("Add endpoint")
                               : tr("Edit endpoint \"%1\"").arg(m_originalName));
    updateWidgets();
}

void EndpointEditorDialog::setExistingNames(const QStringList &names)
{
    m_existingNames = names;
    updateWidgets();
}

void EndpointEditorDialog::setConfig(const EndpointConfig &config)
{
    m_loaded = config;
    m_originalName = config.name;
    m_loadedActions = config.ignoreActions;
    m_ui->nameEdit->setText(config.name);
    m_ui->urlEdit->setText(config.url);
    m_headers->setHeaders(config.headers);
    m_ui->timeoutEdit->setText(formatGoDuration(config.timeoutNs));
    m_ui->thresholdEdit->setText(countText(config.threshold));
    m_ui->backoffEdit->setText(formatGoDuration(config.backoffNs));
    m_ui->retryPolicyCombo->setCurrentIndex(config.retryPolicy == RetryPolicyKind::Exponential);
    m_ui->expBaseEdit->setText(formatGoDuration(config.expBaseNs));
    m_ui->expFactorEdit->setText(formatGoDuration(config.expFactorNs));
    m_ui->expMaxEdit->setText(formatGoDuration(config.expMaxNs));
    m_ui->maxAttemptsEdit->setText(countText(config.maxAttempts));
    m_ui->maxAgeEdit->setText(formatGoDuration(config.maxAgeNs));
    m_ui->batchEdit->setText(countText(config.maxBatch));
    m_ui->mediaTypesList->clear();
    for (const QString &mediaType : config.ignoredMediaTypes)
        addMediaType(mediaType, true);
    for (const QString &mediaType : config.ignoreMediaTypes)
        addMediaType(mediaType, false);
    const QList<QCheckBox *> boxes = actionBoxes();
    for (int i = 0; i < boxes.size(); ++i)
        boxes.at(i)->setChecked(config.ignoreActions.contains(registryActions().at(i)));
    m_ui->disabledCheck->setChecked(config.disabled);
    m_ui->pausedCheck->setChecked(config.paused);
    setMode(m_mode); // the title names the endpoint
}

QList<QCheckBox *> EndpointEditorDialog::actionBoxes() const
{
    return {m_ui->ignorePushCheck, m_ui->ignorePullCheck, m_ui->ignoreDeleteCheck,
            m_ui->ignoreMountCheck};
}

void EndpointEditorDialog::addMediaType(const QString &mediaType, bool legacy)
{
    auto *item = new QListWidgetItem(mediaType, m_ui->mediaTypesList);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    item->setData(kLegacyRole, legacy);
    if (legacy) {
        QFont font = item->font();
        font.setItalic(true);
        item->setFont(font);
        item->setToolTip(tr("From the legacy key ignoredmediatypes; saved there again."));
    }
    updateWidgets();
}

void EndpointEditorDialog::addMediaTypeFromCombo()
{
    const QString mediaType = m_ui->mediaTypeCombo->currentText().trimmed();
    if (!mediaType.isEmpty())
        addMediaType(mediaType, false);
}

EndpointEditorDialog::Checks EndpointEditorDialog::runChecks() const
{
    Checks c;
    QStringList others = m_existingNames;
    if (m_mode == Edit)
        others.removeAll(m_originalName);
    c.name = checkEndpointName(m_ui->nameEdit->text(), others);
    c.url = checkEndpointUrl(m_ui->urlEdit->text());
    const QString loadedProblem = endpointUrlProblem(m_loaded.url);
    if (c.url.isError() && m_mode == Edit && !loadedProblem.isEmpty()
        && m_ui->urlEdit->text() == m_loaded.url && !m_ui->disabledCheck->isChecked()) {
        // It loaded like this (the registry runs such an endpoint and counts an Error for every
        // delivery): say so, but do not hold other edits hostage. A newly typed bad URL still is
        // an error.
        c.url = FieldCheck();
        c.url.add(FieldCheck::Warning,
                  tr("misconfigured: %1. Every delivery fails as an Error, as in the registry.")
                      .arg(loadedProblem));
    } else if (c.url.isError() && m_ui->disabledCheck->isChecked()) {
        // As the loader: a disabled endpoint is never created, so its URL cannot hurt yet.
        c.url.severity = FieldCheck::Warning;
        c.url.message += tr(" The endpoint is disabled, so this does not block saving.");
    }

    c.headers = m_headers->check();

    const EndpointConfig defaults;
    DurationRules registry;
    registry.defaultNs = defaults.timeoutNs;
    registry.warnBelowNs = ConfigLint::kMinSensibleTimeoutNs;
    c.timeout = checkDuration(m_ui->timeoutEdit->text(), registry);
    registry.defaultNs = defaults.backoffNs;
    registry.warnBelowNs = 0;
    c.backoff = checkDuration(m_ui->backoffEdit->text(), registry);
    c.threshold = checkCount(m_ui->thresholdEdit->text(), defaults.threshold, 1,
                             std::numeric_limits<int>::max(),
                             tr("At least 1: the number of consecutive failures before backing "
                                "off (the registry turns 0 or less into 10)."));

    // hookscope's own keys refuse negatives (ConfigLoader does the same).
    DurationRules extension;
    extension.negativeIsError = true;
    extension.defaultNs = defaults.expBaseNs;
    c.expBase = checkDuration(m_ui->expBaseEdit->text(), extension);
    extension.defaultNs = defaults.expFactorNs;
    c.expFactor = checkDuration(m_ui->expFactorEdit->text(), extension);
    extension.defaultNs = defaults.expMaxNs;
    c.expMax = checkDuration(m_ui->expMaxEdit->text(), extension);
    if (!c.expBase.isError() && !c.expMax.isError() && c.expMax.ns < c.expBase.ns) {
        c.expMax.add(FieldCheck::Warning, tr("Below the base %1: every wait is %2.")
                                              .arg(formatGoDuration(c.expBase.ns),
                                                   formatGoDuration(c.expMax.ns)));
    }
    extension.defaultNs = 0;
    c.maxAge = checkDuration(m_ui->maxAgeEdit->text(), extension);
    c.maxAttempts = checkCount(m_ui->maxAttemptsEdit->text(), 0, 0,
                               std::numeric_limits<int>::max(),
                               tr("0 (never give up, as the registry) or more."));
    c.batch = checkCount(m_ui->batchEdit->text(), 1, 1, 100000,
                         tr("At least 1 (1 event per envelope is the registry's way)."));

    QStringList seen;
    for (int i = 0; i < m_ui->mediaTypesList->count(); ++i) {
        const QString mediaType = m_ui->mediaTypesList->item(i)->text();
        if (mediaType != mediaType.trimmed() || mediaType.contains(QLatin1Char(' '))) {
            c.mediaTypes.add(FieldCheck::Warning,
                             tr("\"%1\" contains spaces; media types match exactly, so it never "
                                "matches.").arg(mediaType));
        } else if (seen.contains(mediaType)) {
            c.mediaTypes.add(FieldCheck::Warning, tr("\"%1\" is listed twice.").arg(mediaType));
        }
        seen.append(mediaType);
    }
    for (const QString &action : m_loadedActions) {
        if (!registryActions().contains(action)) {
            c.actions.add(FieldCheck::Warning,
                          tr("The file also ignores \"%1\", which is no registry action and "
                             "never matches; it is kept as is.").arg(action));
        }
    }
    const QList<QCheckBox *> boxes = actionBoxes();
    const bool anyAction = std::any_of(boxes.cbegin(), boxes.cend(),
                                       [](const QCheckBox *box) { return box->isChecked(); });
    if (anyAction && seen.isEmpty()) {
        c.actions.add(FieldCheck::Warning,
                      tr("Without any media type above, registry 2.8.2 ignores this filter "
                         "(distribution#2916); hookscope applies it, so the two differ."));
    }
    return c;
}

EndpointConfig EndpointEditorDialog::config() const
{
    const Checks c = runChecks();
    EndpointConfig e = m_loaded; // keeps whatever a field with an error cannot say
    e.name = m_ui->nameEdit->text();
    e.url = m_ui->urlEdit->text();
    e.misconfigured = endpointUrlProblem(e.url);   // a fixed URL clears what the loader found
    e.headers = m_headers->headers();
    const auto take = [](const auto &check, auto *out, auto value) {
        if (!check.isError())
            *out = value;
    };
    take(c.timeout, &e.timeoutNs, c.timeout.ns);
    take(c.backoff, &e.backoffNs, c.backoff.ns);
    take(c.threshold, &e.threshold, c.threshold.value);
    e.retryPolicy = m_ui->retryPolicyCombo->currentIndex() == 1 ? RetryPolicyKind::Exponential
                                                                : RetryPolicyKind::Breaker;
    take(c.expBase, &e.expBaseNs, c.expBase.ns);
    take(c.expFactor, &e.expFactorNs, c.expFactor.ns);
    take(c.expMax, &e.expMaxNs, c.expMax.ns);
    take(c.maxAge, &e.maxAgeNs, c.maxAge.ns);
    take(c.maxAttempts, &e.maxAttempts, c.maxAttempts.value);
    take(c.batch, &e.maxBatch, c.batch.value);

    e.ignoredMediaTypes.clear();
    e.ignoreMediaTypes.clear();
    for (int i = 0; i < m_ui->mediaTypesList->count(); ++i) {
        const QListWidgetItem *item = m_ui->mediaTypesList->item(i);
        if (item->text().isEmpty())
            continue;
        (item->data(kLegacyRole).toBool() ? e.ignoredMediaTypes : e.ignoreMediaTypes)
            .append(item->text());
    }

    // Loaded order first (still-checked actions and unknown ones as they were), then new ticks.
    const QList<QCheckBox *> boxes = actionBoxes();
    e.ignoreActions.clear();
    for (const QString &action : m_loadedActions) {
        const int known = registryActions().indexOf(action);
        if (known < 0 || boxes.at(known)->isChecked())
            e.ignoreActions.append(action);
    }
    for (int i = 0; i < boxes.size(); ++i) {
        if (boxes.at(i)->isChecked() && !e.ignoreActions.contains(registryActions().at(i)))
            e.ignoreActions.append(registryActions().at(i));
    }
    e.disabled = m_ui->disabledCheck->isChecked();
    e.paused = m_ui->pausedCheck->isChecked();
    return e;
}

int EndpointEditorDialog::showCheck(QLabel *hint, const FieldCheck &check)
{
    hint->setText(check.message);
    hint->setVisible(!check.message.isEmpty());
    // Fixed colours readable on light and dark palettes; the text says what is wrong either way.
    hint->setStyleSheet(check.isError() ? QStringLiteral("color: #d32f2f;")
                                        : QStringLiteral("color: #b8860b;"));
    hint->setProperty("severity", int(check.severity)); // tests and styles can key on it
    return check.isError() ? 1 : 0;
}

void EndpointEditorDialog::updateWidgets()
{
    const Checks c = runChecks();
    const bool exponential = m_ui->retryPolicyCombo->currentIndex() == 1;
    const QWidgetList exponentialFields = {m_ui->expBaseEdit,  m_ui->expFactorEdit,
                                           m_ui->expMaxEdit,   m_ui->expBaseLabel,
                                           m_ui->expFactorLabel, m_ui->expMaxLabel};
    for (QWidget *field : exponentialFields)
        field->setEnabled(exponential);

    int endpointErrors = showCheck(m_ui->nameHint, c.name);
    endpointErrors += showCheck(m_ui->urlHint, c.url);
    endpointErrors += showCheck(m_ui->headersHint, c.headers);
    int deliveryErrors = showCheck(m_ui->timeoutHint, c.timeout);
    deliveryErrors += showCheck(m_ui->thresholdHint, c.threshold);
    deliveryErrors += showCheck(m_ui->backoffHint, c.backoff);
    // The exponential fields only count while that policy is chosen; config() keeps their last
    // good values otherwise.
    const FieldCheck none;
    deliveryErrors += showCheck(m_ui->expBaseHint, exponential ? c.expBase : none);
    deliveryErrors += showCheck(m_ui->expFactorHint, exponential ? c.expFactor : none);
    deliveryErrors += showCheck(m_ui->expMaxHint, exponential ? c.expMax : none);
    deliveryErrors += showCheck(m_ui->maxAttemptsHint, c.maxAttempts);
    deliveryErrors += showCheck(m_ui->maxAgeHint, c.maxAge);
    deliveryErrors += showCheck(m_ui->batchHint, c.batch);
    showCheck(m_ui->mediaTypesHint, c.mediaTypes);
    showCheck(m_ui->actionsHint, c.actions);

    // A red field may sit on a tab that is not showing: mark the tab too.
    const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    m_ui->tabs->setTabIcon(m_ui->tabs->indexOf(m_ui->endpointTab),
                           endpointErrors ? errorIcon : QIcon());
    m_ui->tabs->setTabIcon(m_ui->tabs->indexOf(m_ui->deliveryTab),
                           deliveryErrors ? errorIcon : QIcon());

    m_errorCount = endpointErrors + deliveryErrors;
    m_ui->summaryLabel->setText(
        m_errorCount == 0 ? QString()
                          : tr("%n field(s) to fix before the endpoint can be saved.", nullptr,
                               m_errorCount));
    m_ui->summaryLabel->setVisible(m_errorCount > 0);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(m_errorCount == 0);
}

} // namespace hookscope
