#include "app/widgets/attemptspanel.h"

#include "app/models/attemptlogmodel.h"
#include "app/widgets/fixedpitchfont.h"
#include "app/widgets/followendpointstore.h"
#include "app/widgets/jsonhighlighter.h"
#include "app/widgets/recordtable.h"
#include "app/widgets/twopanesplitter.h"
#include "core/model/jsontext.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace hookscope {

static QPlainTextEdit *makeDetailEdit(QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(fixedPitchFont());
    new JsonHighlighter(edit->document(), edit);
    return edit;
}

AttemptsPanel::AttemptsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new AttemptLogModel(this))
{
    m_view = new QTableView(this);
    setUpRecordTable(m_view, m_model, QAbstractItemView::SingleSelection);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    useUniformRows(m_view);

    m_request = makeDetailEdit(this);
    m_response = makeDetailEdit(this);
    m_request->setObjectName(QStringLiteral("requestText"));
    m_response->setObjectName(QStringLiteral("responseText"));
    m_copyCurl = new QPushButton(tr("Copy as curl"), this);
    m_copyCurl->setEnabled(false);
    m_copyCurl->setToolTip(tr("Copies a curl command that repeats this request.\nHeader values and URL "
                              "passwords/tokens are copied as recorded: secrets stay masked (***), so fill "
                              "them in before running it."));
    m_hint = new QLabel(this);

    auto *detail = new QSplitter(Qt::Horizontal, this);
    auto *requestBox = new QWidget(detail);
    auto *requestLayout = new QVBoxLayout(requestBox);
    requestLayout->setContentsMargins(0, 0, 0, 0);
    requestLayout->addWidget(new QLabel(tr("Request"), requestBox));
    requestLayout->addWidget(m_request);
    auto *responseBox = new QWidget(detail);
    auto *responseLayout = new QVBoxLayout(responseBox);
    responseLayout->setContentsMargins(0, 0, 0, 0);
    responseLayout->addWidget(new QLabel(tr("Response"), responseBox));
    responseLayout->addWidget(m_response);
    detail->addWidget(requestBox);
    detail->addWidget(responseBox);

    auto *detailPane = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detailPane);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copyCurl);
    buttons->addWidget(m_hint, 1);
    detailLayout->addLayout(buttons);
    detailLayout->addWidget(detail, 1);

    QSplitter *split = twoPaneSplitter(Qt::Vertical, m_view, 3, detailPane, 2, this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    // selectRow() moves the current index before it selects, so both signals are needed.
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AttemptsPanel::handleCurrentChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AttemptsPanel::handleCurrentChanged);
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, &AttemptsPanel::handleAboutToInsert);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AttemptsPanel::handleInserted);
    // Rows trimmed at the bottom may take the selected attempt with them.
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &AttemptsPanel::handleCurrentChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AttemptsPanel::handleCurrentChanged);
    connect(m_copyCurl, &QPushButton::clicked, this, &AttemptsPanel::copyCurl);
}

void AttemptsPanel::setEndpoint(const EndpointSnapshot &snapshot)
{
    followEndpointStore(m_endpointName, *m_model, snapshot.config.name, snapshot.stores.attempts);
}

void AttemptsPanel::clear()
{
    m_endpointName.clear();
    m_model->clear();
}

void AttemptsPanel::handleAboutToInsert()
{
    // Reading an older attempt while new ones arrive must not push it out of sight: remember the
    // row at the top of the viewport and put it back there after the insertion.
    const bool atTop = m_view->verticalScrollBar()->value() == 0;
    m_topRowBeforeInsert = atTop ? -1 : m_view->rowAt(0);
}

void AttemptsPanel::handleInserted(const QModelIndex &, int first, int last)
{
    if (m_topRowBeforeInsert < 0)
        return;
    const int row = m_topRowBeforeInsert + (last - first + 1);
    m_topRowBeforeInsert = -1;
    m_view->scrollTo(m_model->index(row, 0), QAbstractItemView::PositionAtTop);
}

void AttemptsPanel::handleCurrentChanged()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    const bool selected = current.isValid() && m_view->selectionModel()->isRowSelected(current.row(), {});
    showRecord(selected ? m_model->recordAt(current.row()) : nullptr);
}

void AttemptsPanel::showRecord(const AttemptRecord *record)
{
    // Selection signals and bottom trims fire on most ticks; re-rendering the same attempt would
    // re-highlight up to 128 KiB and drop the user's text selection in the detail pane.
    if (record && m_shown && isSameAttempt(*record, *m_shown))
        return;
    if (!record && !m_shown)
        return;
    m_copyCurl->setEnabled(record != nullptr);
    m_hint->clear();
    if (!record) {
        m_shown.reset();
        m_request->clear();
        m_response->clear();
        return;
    }
    m_shown = *record;
    m_request->setPlainText(requestText(*record));
    m_response->setPlainText(responseText(*record));
}

QString AttemptsPanel::requestDetail() const
{
    return m_request->toPlainText();
}

QString AttemptsPanel::responseDetail() const
{
    return m_response->toPlainText();
}

void AttemptsPanel::copyCurl()
{
    if (!m_shown)
        return;
    const QString command = curlCommand(*m_shown);
    QApplication::clipboard()->setText(command);
    m_hint->setText(tr("Copied. Masked header values must be filled in by hand."));
    Q_EMIT curlCopied(command);
}

static QString headersText(const HeaderList &headers)
{
    QString text;
    for (const auto &[name, value] : headers)
        text += QString::fromUtf8(name) + QStringLiteral(": ") + QString::fromUtf8(value) + QLatin1Char('\n');
    return text;
}

// Bodies are shown indented when they are JSON (key order and number spelling kept); anything
// else, including a body cut at the capture limit, is shown as it came.
static QString bodyText(const QByteArray &body)
{
    QJsonParseError error;
    QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError)
        return QString::fromUtf8(JsonText::indent(JsonText::compact(body), 0));
    return QString::fromUtf8(body);
}

QString AttemptsPanel::requestText(const AttemptRecord &record)
{
    QString text = QStringLiteral("POST ") + record.url + QLatin1Char('\n');
    text += headersText(record.requestHeaders);
    text += QLatin1Char('\n') + bodyText(record.requestBody);
    if (record.bodiesDropped)
        text += tr("[%1 bytes of body dropped: the attempt log is over hookscope.attemptlog.budget]")
                    .arg(record.requestBodyBytes);
    else if (record.requestBodyBytes > record.requestBody.size())
        text += tr("\n[body cut at %1 of %2 bytes]").arg(record.requestBody.size()).arg(record.requestBodyBytes);
    return text;
}

QString AttemptsPanel::responseText(const AttemptRecord &record)
{
    QString text;
    if (record.status > 0) {
        text += QStringLiteral("HTTP ") + attemptStatusText(record) + QLatin1Char('\n');
        text += headersText(record.responseHeaders);
        text += QLatin1Char('\n') + bodyText(record.responseBody);
        if (record.bodiesDropped)
            text += tr("[body dropped: the attempt log is over hookscope.attemptlog.budget]");
        else if (record.responseBody.size() >= AttemptRecord::BodyCaptureLimit)
            text += tr("\n[body cut at %1 bytes]").arg(AttemptRecord::BodyCaptureLimit);
    } else {
        text += tr("No response (%1)").arg(attemptStatusText(record)) + QLatin1Char('\n');
    }
    if (!record.errorText.isEmpty())
        text += QLatin1Char('\n') + tr("Error: %1").arg(record.errorText);
    if (!record.note.isEmpty())
        text += QLatin1Char('\n') + tr("Note: %1").arg(record.note);
    text += QLatin1Char('\n') + tr("%1 ms, %2").arg(record.durationMs, 0, 'f', 1).arg(attemptOutcomeName(record.outcome));
    return text;
}

// POSIX shell single quoting: the only character that needs care inside '...' is ' itself.
static QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString AttemptsPanel::curlCommand(const AttemptRecord &record)
{
    QString command;
    if (record.bodiesDropped)
        command += QStringLiteral("# the attempt log dropped the body (hookscope.attemptlog.budget)\n");
    else if (record.requestBodyBytes > record.requestBody.size())
        command += QStringLiteral("# the attempt log kept only the first %1 bytes of the body\n")
                       .arg(record.requestBody.size());
    command += QStringLiteral("curl -sS -i -X POST ") + shellQuote(record.url);
    for (const auto &[name, value] : record.requestHeaders)
        command += QStringLiteral(" \\\n  -H ") + shellQuote(QString::fromUtf8(name + ": " + value));
    command += QStringLiteral(" \\\n  --data-binary ") + shellQuote(QString::fromUtf8(record.requestBody));
    return command;
}

} // namespace hookscope
